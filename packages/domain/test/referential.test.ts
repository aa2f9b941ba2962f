import { describe, expect, it } from "vitest";
import {
  applyDatedValue,
  applyMove,
  checkAttribute,
  checkClosure,
  checkClosureCancel,
  checkMove,
  checkOpening,
  closedYearsReached,
  compareAtelierCodes,
  isAtelierCode,
  type Membership,
  normalizeEmail,
  territoryOn,
} from "../src/index.ts";

describe("referential", () => {
  it("knows département codes, Corsica and overseas included", () => {
    for (const ok of ["01", "19", "2A", "2B", "21", "95", "971", "976"]) expect(isAtelierCode(ok), ok).toBe(true);
    for (const bad of ["00", "20", "96", "970", "975", "977", "2C", "1", "86 ", "69-", "69-ABCD", "69-m"]) {
      expect(isAtelierCode(bad), bad).toBe(false);
    }
    for (const ok of ["69-M", "2A-2", "971-B"]) expect(isAtelierCode(ok), ok).toBe(true);
  });

  it("sorts codes as people read them", () => {
    expect(["971", "2B", "21", "2A", "19", "01"].sort(compareAtelierCodes)).toEqual(["01", "19", "2A", "2B", "21", "971"]);
    expect(["70", "69-M", "69", "69-B"].sort(compareAtelierCodes)).toEqual(["69", "69-B", "69-M", "70"]);
  });

  it("finds the territory of a day: a move does not rewrite the past", () => {
    const history = [
      { territoryCode: "centre-val-de-loire", validFrom: "2016-01-01", validTo: "2026-01-01" },
      { territoryCode: "normandie", validFrom: "2026-01-01", validTo: null },
    ];
    expect(territoryOn(history, "2015-12-31")).toBeNull();
    expect(territoryOn(history, "2016-01-01")).toBe("centre-val-de-loire");
    expect(territoryOn(history, "2025-12-31")).toBe("centre-val-de-loire");
    expect(territoryOn(history, "2026-01-01")).toBe("normandie");
    expect(territoryOn(history, "2030-06-15")).toBe("normandie");
  });
});

describe("identity", () => {
  it("finds an account whatever the case and spaces of the email", () => {
    expect(normalizeEmail("  Claire.Martin@Reseau-Canope.FR ")).toBe("claire.martin@reseau-canope.fr");
  });
});

const CVL = "centre-val-de-loire";
const NORM = "normandie";
const BRET = "bretagne";
const piece = (territoryCode: string, validFrom: string, validTo: string | null): Membership => ({ territoryCode, validFrom, validTo });
const OPEN = { openFrom: "2016-01", closedFrom: null };

describe("a move from a month", () => {
  it("sets the territory to the end when no later move is recorded", () => {
    const moved = applyMove([piece(CVL, "2016-01-01", null)], NORM, "2026-05-01");
    expect(moved).toEqual({ memberships: [piece(CVL, "2016-01-01", "2026-05-01"), piece(NORM, "2026-05-01", null)], until: null });
    expect(territoryOn(moved.memberships, "2026-04-30")).toBe(CVL);
    expect(territoryOn(moved.memberships, "2026-05-01")).toBe(NORM);
  });

  it("stops at the next recorded move after its month, which it keeps", () => {
    const history = [piece(CVL, "2016-01-01", "2026-09-01"), piece(BRET, "2026-09-01", null)];
    const moved = applyMove(history, NORM, "2026-05-01");
    expect(moved.until).toBe("2026-09-01");
    expect(moved.memberships).toEqual([
      piece(CVL, "2016-01-01", "2026-05-01"),
      piece(NORM, "2026-05-01", "2026-09-01"),
      piece(BRET, "2026-09-01", null),
    ]);
  });

  it("merges equal neighbours: moving back the months of an earlier move undoes it", () => {
    const history = [piece(CVL, "2016-01-01", "2026-05-01"), piece(NORM, "2026-05-01", null)];
    expect(applyMove(history, CVL, "2026-05-01").memberships).toEqual([piece(CVL, "2016-01-01", null)]);
    const earlier = applyMove(history, NORM, "2026-02-01");
    expect(earlier).toEqual({
      memberships: [piece(CVL, "2016-01-01", "2026-02-01"), piece(NORM, "2026-02-01", null)],
      until: "2026-05-01",
    });
  });

  it("from the first month of a piece replaces that piece only", () => {
    const history = [piece(CVL, "2016-01-01", "2024-01-01"), piece(NORM, "2024-01-01", "2025-01-01"), piece(BRET, "2025-01-01", null)];
    expect(applyMove(history, CVL, "2024-01-01").memberships).toEqual([
      piece(CVL, "2016-01-01", "2025-01-01"),
      piece(BRET, "2025-01-01", null),
    ]);
  });

  const check = (over: Partial<Parameters<typeof checkMove>[0]> = {}) =>
    checkMove({
      memberships: [piece(CVL, "2016-01-01", null)],
      territoryCode: NORM,
      territoryName: "Normandie",
      from: "2026-05",
      span: OPEN,
      closedYears: [2024],
      ...over,
    });

  it("is allowed outside closed years, and says the territory it leaves", () => {
    expect(check()).toMatchObject({ until: null, previous: CVL });
  });

  it("is refused into a closed year, also when its months run into one", () => {
    expect(check({ from: "2024-12" })).toMatchObject({ problem: { code: "CLOSED_YEAR" } });
    expect(check({ from: "2023-03" })).toMatchObject({ problem: { code: "CLOSED_YEAR" } });
    expect("problem" in check({ from: "2025-01" })).toBe(false);
    // Stopped by a move recorded in 2024, the months of 2023 do not reach the closed year.
    const history = [piece(CVL, "2016-01-01", "2024-01-01"), piece(BRET, "2024-01-01", null)];
    expect(check({ from: "2023-03", memberships: history })).toMatchObject({ until: "2024-01-01", previous: CVL });
    expect((check({ from: "2024-12" }) as { problem: { message: string } }).problem.message).toContain("l'année 2024 est close");
  });

  it("is refused before the opening, at and after the closure, and to the territory it already has", () => {
    const span = { openFrom: "2020-09", closedFrom: "2026-07" };
    expect(check({ span, from: "2020-08" })).toMatchObject({ problem: { code: "BEFORE_OPENING" } });
    expect("problem" in check({ span, from: "2020-09", closedYears: [] })).toBe(false);
    expect("problem" in check({ span, from: "2026-06" })).toBe(false);
    expect(check({ span, from: "2026-07" })).toMatchObject({ problem: { code: "AFTER_CLOSURE" } });
    expect(check({ span, from: "2027-01" })).toMatchObject({ problem: { code: "AFTER_CLOSURE" } });
    expect(check({ territoryCode: CVL })).toMatchObject({
      problem: { code: "SAME_TERRITORY", message: "L'atelier est déjà rattaché à la direction territoriale Normandie en mai 2026." },
    });
  });
});

describe("closed years reached", () => {
  it("counts the months from the first (inclusive) to the end (exclusive)", () => {
    expect(closedYearsReached("2023-05", "2024-01", [2023, 2024])).toEqual([2023]);
    expect(closedYearsReached("2023-05", "2024-02", [2024, 2023])).toEqual([2023, 2024]);
    expect(closedYearsReached("2025-01", null, [2023, 2024])).toEqual([]);
    expect(closedYearsReached("2022-01", null, [2024])).toEqual([2024]);
  });
});

describe("a closure from a month", () => {
  const close = (over: Partial<Parameters<typeof checkClosure>[0]> = {}) =>
    checkClosure({ from: "2026-06", span: { openFrom: "2020-01", closedFrom: null }, closedYears: [2024], reports: [], ...over });

  it("is allowed while later reports are drafts only", () => {
    expect(
      close({
        reports: [
          { period: "2026-06", status: "draft" },
          { period: "2026-05", status: "validated" },
        ],
      }),
    ).toBeNull();
  });

  it("is refused while a report of that month or later is submitted, validated or returned, naming the months", () => {
    const problem = close({
      reports: [
        { period: "2026-07", status: "validated" },
        { period: "2026-06", status: "submitted" },
        { period: "2026-08", status: "draft" },
        { period: "2026-09", status: "returned" },
      ],
    });
    expect(problem?.code).toBe("REPORTS_SUBMITTED");
    expect(problem?.message).toContain("soumis ou validés pour juin 2026 (soumis), juillet 2026 (validé) et septembre 2026 (renvoyé)");
    expect(problem?.message).not.toContain("août");
  });

  it("is refused at or before the opening month, twice, and into a closed year", () => {
    expect(close({ from: "2020-01" })?.code).toBe("BEFORE_OPENING");
    expect(close({ from: "2019-06" })?.code).toBe("BEFORE_OPENING");
    expect(close({ from: "2020-02", closedYears: [] })).toBeNull();
    expect(close({ span: { openFrom: "2020-01", closedFrom: "2026-09" } })?.code).toBe("ALREADY_CLOSED");
    expect(close({ from: "2024-11" })?.code).toBe("CLOSED_YEAR");
  });

  it("may be cancelled unless it is not there or reaches a closed year", () => {
    expect(checkClosureCancel({ span: { openFrom: "2016-01", closedFrom: "2026-06" }, closedYears: [2024] })).toBeNull();
    expect(checkClosureCancel({ span: { openFrom: "2016-01", closedFrom: null }, closedYears: [] })?.code).toBe("NOT_CLOSED");
    expect(checkClosureCancel({ span: { openFrom: "2016-01", closedFrom: "2024-06" }, closedYears: [2024] })?.code).toBe("CLOSED_YEAR");
  });
});

describe("an opening and dated attributes", () => {
  it("an opening may not reach a closed year", () => {
    expect(checkOpening({ openFrom: "2025-03", closedYears: [2024] })).toBeNull();
    expect(checkOpening({ openFrom: "2024-03", closedYears: [2024] })?.code).toBe("CLOSED_YEAR");
    expect(checkOpening({ openFrom: "2023-03", closedYears: [2024] })?.code).toBe("CLOSED_YEAR");
  });

  it("sets a value until its next recorded change, dropping rows that repeat the one before", () => {
    const rows = [
      { from: "2016-01", value: "non_engage" },
      { from: "2026-01", value: "labellise" },
    ];
    expect(applyDatedValue(rows, "2025-06", "en_cours", "none")).toEqual({
      rows: [
        { from: "2016-01", value: "non_engage" },
        { from: "2025-06", value: "en_cours" },
        { from: "2026-01", value: "labellise" },
      ],
      until: "2026-01",
      changed: true,
    });
    // Labelled from June 2025: the row of 2026 repeats it and goes.
    expect(applyDatedValue(rows, "2025-06", "labellise", "none").rows).toEqual([
      { from: "2016-01", value: "non_engage" },
      { from: "2025-06", value: "labellise" },
    ]);
    expect(applyDatedValue(rows, "2020-01", "non_engage", "none")).toMatchObject({ rows, changed: false });
    // A flag is "no" before its first row: setting it to no changes nothing.
    expect(applyDatedValue<boolean>([], "2026-01", false, false)).toEqual({ rows: [], until: null, changed: false });
    expect(applyDatedValue<boolean>([], "2026-01", true, false).rows).toEqual([{ from: "2026-01", value: true }]);
  });

  it("an attribute may not be set before the opening, after the closure, or into a closed year", () => {
    const base = { what: "Le laboratoire des usages", span: { openFrom: "2020-01", closedFrom: "2027-01" }, closedYears: [2024] };
    expect(checkAttribute({ ...base, from: "2025-01", until: null })).toBeNull();
    expect(checkAttribute({ ...base, from: "2019-12", until: null })?.code).toBe("BEFORE_OPENING");
    expect(checkAttribute({ ...base, from: "2027-01", until: null })?.code).toBe("AFTER_CLOSURE");
    expect(checkAttribute({ ...base, from: "2023-01", until: "2024-01" })).toBeNull();
    expect(checkAttribute({ ...base, from: "2023-01", until: "2024-02" })?.code).toBe("CLOSED_YEAR");
  });
});
