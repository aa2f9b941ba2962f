import { describe, expect, it } from "vitest";
import {
  dayInFrench,
  dueDate,
  firstMonthNotOver,
  hasStarted,
  isExpected,
  isLate,
  isMonthOver,
  isOpenIn,
  lastDayOf,
  type TimelinessInput,
  timeliness,
} from "../src/index.ts";

describe("the month's rhythm at its edges", () => {
  it("knows the last day of every kind of month", () => {
    expect(lastDayOf("2026-11")).toBe("2026-11-30");
    expect(lastDayOf("2026-12")).toBe("2026-12-31");
    expect(lastDayOf("2028-02")).toBe("2028-02-29");
    expect(lastDayOf("2027-02")).toBe("2027-02-28");
    expect(lastDayOf("2100-02")).toBe("2100-02-28");
  });

  it("lets a draft start on the 1st, not the day before", () => {
    expect(hasStarted("2026-12", "2026-11-30")).toBe(false);
    expect(hasStarted("2026-12", "2026-12-01")).toBe(true);
    expect(hasStarted("2027-01", "2026-12-31")).toBe(false);
  });

  it("says a month is over from its last day: the day before, no; on it and after, yes", () => {
    expect(isMonthOver("2026-11", "2026-11-29")).toBe(false);
    expect(isMonthOver("2026-11", "2026-11-30")).toBe(true);
    expect(isMonthOver("2026-11", "2026-12-01")).toBe(true);
    // February of a leap year ends on the 29th, of another year on the 28th.
    expect(isMonthOver("2028-02", "2028-02-28")).toBe(false);
    expect(isMonthOver("2028-02", "2028-02-29")).toBe(true);
    expect(isMonthOver("2027-02", "2027-02-27")).toBe(false);
    expect(isMonthOver("2027-02", "2027-02-28")).toBe(true);
    // December into January.
    expect(isMonthOver("2026-12", "2026-12-30")).toBe(false);
    expect(isMonthOver("2026-12", "2026-12-31")).toBe(true);
    expect(isMonthOver("2026-12", "2027-01-01")).toBe(true);
    expect(isMonthOver("2027-01", "2026-12-31")).toBe(false);
    expect(isMonthOver("n'importe quoi", "2026-12-31")).toBe(false);
  });

  it("names the first month not over, which moves on the last day", () => {
    expect(firstMonthNotOver("2026-12-30")).toBe("2026-12");
    expect(firstMonthNotOver("2026-12-31")).toBe("2027-01");
    expect(firstMonthNotOver("2028-02-28")).toBe("2028-02");
    expect(firstMonthNotOver("2028-02-29")).toBe("2028-03");
    expect(firstMonthNotOver("2027-02-28")).toBe("2027-03");
  });

  it("is due on the due day of the next month, late from the day after", () => {
    expect(dueDate("2026-12")).toBe("2027-01-10");
    expect(dueDate("2028-01", 28)).toBe("2028-02-28");
    expect(isLate("2026-12", "2027-01-10", null)).toBe(false);
    expect(isLate("2026-12", "2027-01-11", null)).toBe(true);
    expect(isLate("2026-12", "2027-02-20", "2027-01-10")).toBe(false);
    expect(isLate("2026-12", "2027-01-11", "2027-01-11")).toBe(true);
    expect(isLate("2028-01", "2028-02-29", null, 28)).toBe(true);
  });
});

describe("an atelier's open months", () => {
  const atelier = { openedOn: "2026-03-01", closedOn: "2026-10-01" };
  it("runs from the opening month to the month before the closing one", () => {
    expect(isOpenIn("2026-02", atelier)).toBe(false);
    expect(isOpenIn("2026-03", atelier)).toBe(true);
    expect(isOpenIn("2026-09", atelier)).toBe(true);
    expect(isOpenIn("2026-10", atelier)).toBe(false);
    expect(isOpenIn("2030-10", { openedOn: "2016-01-01", closedOn: null })).toBe(true);
  });
  it("expects a report for an open month once it is over", () => {
    expect(isExpected("2026-09", "2026-09-29", atelier)).toBe(false);
    expect(isExpected("2026-09", "2026-09-30", atelier)).toBe(true);
    expect(isExpected("2026-10", "2026-12-01", atelier)).toBe(false);
    expect(isExpected("2026-02", "2026-12-01", atelier)).toBe(false);
  });
});

describe("the wording of a report's deadline", () => {
  const base: TimelinessInput = {
    period: "2026-11",
    today: "2026-12-05",
    dueDay: 10,
    status: "not_started",
    open: true,
    firstSubmittedOn: null,
    lastSubmittedOn: null,
    returnedOn: null,
  };
  const label = (overrides: Partial<TimelinessInput>) => timeliness({ ...base, ...overrides });

  it("writes days the French way", () => {
    expect(dayInFrench("2027-01-01")).toBe("1er janvier");
    expect(dayInFrench("2026-12-08")).toBe("8 décembre");
    expect(dayInFrench("2026-12-31", true)).toBe("31 décembre 2026");
  });

  it("says by when until the due day included, and late from the day after", () => {
    expect(label({ today: "2026-12-10" })).toEqual({ kind: "due", label: "À rendre au plus tard le 10 décembre" });
    expect(label({ today: "2026-12-11", status: "draft" })).toEqual({ kind: "overdue", label: "En retard (dû le 10 décembre)" });
  });

  it("says when a submission came, on time or late, and a resubmission", () => {
    expect(label({ status: "submitted", firstSubmittedOn: "2026-12-10", lastSubmittedOn: "2026-12-10" })).toEqual({
      kind: "on_time",
      label: "Soumis à temps le 10 décembre",
    });
    expect(label({ status: "validated", today: "2027-01-20", firstSubmittedOn: "2026-12-11", lastSubmittedOn: "2026-12-11" })).toEqual({
      kind: "submitted_late",
      label: "Soumis en retard le 11 décembre",
    });
    expect(label({ status: "submitted", today: "2027-01-20", firstSubmittedOn: "2026-12-08", lastSubmittedOn: "2027-01-15" }).label).toBe(
      "Soumis à temps le 8 décembre (soumis à nouveau le 15 janvier)",
    );
  });

  it("never says a returned report past its due date is in time", () => {
    const returned = { status: "returned" as const, firstSubmittedOn: "2026-12-08", lastSubmittedOn: "2026-12-08" };
    expect(label({ ...returned, today: "2027-01-12", returnedOn: "2027-01-12" })).toEqual({
      kind: "returned_overdue",
      label: "Renvoyé le 12 janvier, échéance dépassée (soumis à temps le 8 décembre)",
    });
    expect(label({ ...returned, today: "2026-12-09", returnedOn: "2026-12-09" })).toEqual({
      kind: "returned_due",
      label: "Renvoyé le 9 décembre, à rendre au plus tard le 10 décembre (soumis à temps le 8 décembre)",
    });
    expect(label({ status: "returned", today: "2027-01-12", firstSubmittedOn: "2026-12-15", returnedOn: "2026-12-20" })).toEqual({
      kind: "returned_late",
      label: "Renvoyé le 20 décembre (soumis en retard le 15 décembre)",
    });
  });

  it("says nothing is expected from a closed atelier, and a month to come is to come", () => {
    expect(label({ open: false, today: "2027-03-01" }).kind).toBe("not_expected");
    expect(label({ open: false, today: "2027-03-01", status: "draft" }).kind).toBe("not_expected");
    expect(label({ open: false, status: "submitted", firstSubmittedOn: "2026-12-02" }).kind).toBe("on_time");
    expect(label({ period: "2027-01" })).toEqual({ kind: "to_come", label: "À venir" });
  });
});
