import { describe, expect, it } from "vitest";
import { addMonths, formatPeriod, ofPeriod, parisDate, parsePeriod, periodLabel, periodTitle, withDe } from "../src/index.ts";

describe("periods", () => {
  it("parses YYYY-MM and refuses anything else", () => {
    expect(parsePeriod("2026-01")).toEqual({ year: 2026, month: 1 });
    expect(parsePeriod("2026-12")).toEqual({ year: 2026, month: 12 });
    for (const bad of ["2026-00", "2026-13", "2026-1", "26-01", "2026-01-01", "", "1999-12", "2101-01"]) {
      expect(parsePeriod(bad), bad).toBeNull();
    }
  });

  it("adds months across years, both ways", () => {
    expect(formatPeriod(addMonths({ year: 2026, month: 12 }, 1))).toBe("2027-01");
    expect(formatPeriod(addMonths({ year: 2026, month: 1 }, -1))).toBe("2025-12");
    expect(formatPeriod(addMonths({ year: 2026, month: 3 }, -27))).toBe("2023-12");
  });

  it("labels a period in French", () => {
    expect(periodLabel("2026-08")).toBe("août 2026");
    expect(periodLabel("n'importe quoi")).toBe("n'importe quoi");
  });

  it("reads the day in Paris, not in UTC", () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(parisDate(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(parisDate(new Date("2026-07-31T21:59:00Z"))).toBe("2026-07-31");
    expect(parisDate(new Date("2026-07-31T22:00:00Z"))).toBe("2026-08-01");
  });

  it("writes a month with its French preposition, elided before a vowel, and as a title", () => {
    expect(ofPeriod("2026-08")).toBe("d'août 2026");
    expect(ofPeriod("2026-04")).toBe("d'avril 2026");
    expect(ofPeriod("2026-10")).toBe("d'octobre 2026");
    expect(ofPeriod("2026-11")).toBe("de novembre 2026");
    expect(withDe("juillet")).toBe("de juillet");
    expect(periodTitle("2026-10")).toBe("Octobre 2026");
  });
});
