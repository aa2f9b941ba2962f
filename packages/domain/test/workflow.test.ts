import { describe, expect, it } from "vitest";
import { dueDate, hasStarted, isEditable, isLate, nextStatus, REPORT_STATUSES } from "../src/index.ts";

describe("the status machine", () => {
  it("follows section 4", () => {
    expect(nextStatus("draft", "submit")).toEqual({ to: "submitted" });
    expect(nextStatus("returned", "submit")).toEqual({ to: "submitted" });
    expect(nextStatus("submitted", "validate")).toEqual({ to: "validated" });
    expect(nextStatus("submitted", "return")).toEqual({ to: "returned" });
    expect(nextStatus("validated", "reopen")).toEqual({ to: "returned" });
    expect(nextStatus("returned", "save")).toEqual({ to: "returned" });
    expect(nextStatus("draft", "save")).toEqual({ to: "draft" });
  });
  it("refuses every other move with a French reason", () => {
    const allowed = new Set([
      "draft:save",
      "draft:submit",
      "returned:save",
      "returned:submit",
      "submitted:validate",
      "submitted:return",
      "validated:reopen",
    ]);
    for (const s of REPORT_STATUSES) {
      for (const a of ["save", "submit", "validate", "return", "reopen"] as const) {
        const r = nextStatus(s, a);
        expect("error" in r, `${s}:${a}`).toBe(!allowed.has(`${s}:${a}`));
      }
    }
    expect(nextStatus("submitted", "save")).toEqual({ error: "Ce rapport est soumis : il n'est plus modifiable." });
  });
  it("is editable only as a draft or returned", () => {
    expect(REPORT_STATUSES.filter(isEditable)).toEqual(["draft", "returned"]);
  });
});

describe("the calendar", () => {
  it("opens a month on its first day", () => {
    expect(hasStarted("2026-11", "2026-10-31")).toBe(false);
    expect(hasStarted("2026-11", "2026-11-01")).toBe(true);
    expect(hasStarted("2026-12", "2026-11-30")).toBe(false);
  });
  it("is due on the 10th of the next month, across years", () => {
    expect(dueDate("2026-12")).toBe("2027-01-10");
    expect(dueDate("2026-02", 5)).toBe("2026-03-05");
  });
  it("is late after the due day, not on it", () => {
    expect(isLate("2026-10", "2026-11-10", null)).toBe(false);
    expect(isLate("2026-10", "2026-11-11", null)).toBe(true);
    expect(isLate("2026-10", "2026-12-01", "2026-11-10")).toBe(false);
    expect(isLate("2026-10", "2026-12-01", "2026-11-11")).toBe(true);
  });
});
