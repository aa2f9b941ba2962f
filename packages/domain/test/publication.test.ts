import { describe, expect, it } from "vitest";
import { publicationRefusal } from "../src/index.ts";

const latest = { version: 2, validFrom: "2026-09" };
const at = (from: string, extra: { submittedThisMonth?: boolean; allowPast?: boolean; today?: string } = {}) =>
  publicationRefusal({
    from,
    today: extra.today ?? "2026-12-01",
    latest,
    submittedThisMonth: extra.submittedThisMonth ?? false,
    allowPast: extra.allowPast ?? false,
  });

describe("the month a version is published from", () => {
  it("accepts next month, the current month before any submission, and 24 months ahead", () => {
    expect(at("2027-01")).toBeNull();
    expect(at("2026-12")).toBeNull();
    expect(at("2028-12")).toBeNull();
  });

  it("refuses the current month once one of its reports was submitted, and names the first month accepted", () => {
    expect(at("2026-12", { submittedThisMonth: true })).toEqual({
      code: "MONTH_ALREADY_SUBMITTED",
      message: "Des rapports de décembre 2026 ont déjà été soumis : publiez à partir de janvier 2027 au plus tôt.",
    });
  });

  it("refuses a past month, a month not after the latest version's, more than 24 months ahead, and a malformed month", () => {
    expect(at("2026-09")?.code).toBe("MONTH_NOT_AFTER_LATEST");
    expect(at("2026-11")?.code).toBe("MONTH_PASSED");
    expect(
      publicationRefusal({ from: "2026-10", today: "2026-12-01", latest: { version: 1, validFrom: "2016-01" }, submittedThisMonth: false }),
    ).toMatchObject({
      code: "MONTH_PASSED",
      message: expect.stringContaining("Publiez à partir de décembre 2026 au plus tôt."),
    });
    expect(at("2029-01")).toMatchObject({ code: "MONTH_TOO_FAR", message: expect.stringContaining("décembre 2028") });
    expect(at("2027-13")?.code).toBe("VALIDATION_FAILED");
  });

  it("lets the demo seed publish in the past, never before the latest version's month", () => {
    expect(at("2026-10", { allowPast: true, submittedThisMonth: true })).toBeNull();
    expect(at("2026-09", { allowPast: true })?.code).toBe("MONTH_NOT_AFTER_LATEST");
  });
});
