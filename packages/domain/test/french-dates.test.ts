import { describe, expect, it } from "vitest";
import { formatFrenchDate, frenchDateFormatter, frenchDayNumber } from "../src/index.ts";

const longDay = frenchDateFormatter({ dateStyle: "long", timeZone: "UTC" });
const dayAndTime = frenchDateFormatter({ dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

describe("French dates write the first of a month 1er", () => {
  it("writes 1er for the first day, and the plain number on the days around it", () => {
    expect(longDay(new Date("2026-12-01T00:00:00Z"))).toBe("1er décembre 2026");
    expect(longDay(new Date("2026-11-30T00:00:00Z"))).toBe("30 novembre 2026");
    expect(longDay(new Date("2026-12-02T00:00:00Z"))).toBe("2 décembre 2026");
    expect(longDay(new Date("2027-01-01T00:00:00Z"))).toBe("1er janvier 2027");
  });

  it("never touches a 1 that is not the day: 10, 11, 21, 31 and the year stay as they are", () => {
    expect(longDay(new Date("2026-12-10T00:00:00Z"))).toBe("10 décembre 2026");
    expect(longDay(new Date("2026-12-11T00:00:00Z"))).toBe("11 décembre 2026");
    expect(longDay(new Date("2026-12-21T00:00:00Z"))).toBe("21 décembre 2026");
    expect(longDay(new Date("2026-12-31T00:00:00Z"))).toBe("31 décembre 2026");
    expect(longDay(new Date("2001-01-11T00:00:00Z"))).toBe("11 janvier 2001");
  });

  it("keeps the time as Intl writes it, and takes the day in the time zone asked", () => {
    // 08:05 UTC is 09:05 in Paris in winter: still the 1st.
    expect(dayAndTime(new Date("2026-12-01T08:05:00Z"))).toBe("1er décembre 2026 à 09:05");
    // 23:30 UTC on 30 November is already the 1st of December in Paris.
    expect(dayAndTime(new Date("2026-11-30T23:30:00Z"))).toBe("1er décembre 2026 à 00:30");
    // 23:30 UTC on 1 December is the 2nd in Paris.
    expect(dayAndTime(new Date("2026-12-01T23:30:00Z"))).toBe("2 décembre 2026 à 00:30");
  });

  it("writes 1er with a weekday and without a year", () => {
    const weekday = frenchDateFormatter({ weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
    expect(weekday(new Date("2026-12-01T12:00:00Z"))).toBe("mardi 1er décembre");
    const short = frenchDateFormatter({ day: "numeric", month: "short", timeZone: "UTC" });
    expect(short(new Date("2026-12-01T12:00:00Z"))).toBe("1er déc.");
    // Two-digit day with a month in words: still the 1st.
    const twoDigit = frenchDateFormatter({ day: "2-digit", month: "long", timeZone: "UTC" });
    expect(twoDigit(new Date("2026-12-01T12:00:00Z"))).toBe("1er décembre");
  });

  it("leaves numeric dates numeric: 01/12/2026 is not a sentence", () => {
    const numeric = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeZone: "UTC" });
    expect(formatFrenchDate(numeric, new Date("2026-12-01T12:00:00Z"))).toBe("01/12/2026");
  });

  it("gives the day number of a sentence: le 1er, le 10 du mois suivant", () => {
    expect(frenchDayNumber(1)).toBe("1er");
    expect(frenchDayNumber(2)).toBe("2");
    expect(frenchDayNumber(10)).toBe("10");
    expect(frenchDayNumber(21)).toBe("21");
    expect(frenchDayNumber(31)).toBe("31");
  });
});
