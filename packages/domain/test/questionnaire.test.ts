import { describe, expect, it } from "vitest";
import {
  BUILT_IN_CATALOGUE,
  checkSubmission,
  draftValuesSchema,
  FORM_V1,
  formFields,
  hardRuleProblems,
  isOutlier,
  median,
  parseFrenchNumber,
  type ReportValues,
  softWarnings,
} from "../src/index.ts";
import { buildValues } from "./factories.ts";

describe("the questionnaire definition", () => {
  it("has the 28 fields of section 3 with unique codes", () => {
    const codes = formFields(FORM_V1).map((f) => f.code);
    expect(codes).toHaveLength(28);
    expect(new Set(codes).size).toBe(codes.length);
    expect(
      formFields(FORM_V1)
        .filter((f) => f.kind === "snapshot")
        .map((f) => f.code),
    ).toEqual(["trainers", "trainersCertified"]);
    expect(BUILT_IN_CATALOGUE.forPeriod("2026-11")).toBe(FORM_V1);
    expect(BUILT_IN_CATALOGUE.latest).toBe(FORM_V1);
  });
});

describe("French numbers", () => {
  it("accepts commas, dots and thousands spaces", () => {
    expect(parseFrenchNumber("12,5")).toBe(12.5);
    expect(parseFrenchNumber("12.5")).toBe(12.5);
    expect(parseFrenchNumber("1 234")).toBe(1234);
    expect(parseFrenchNumber("1\u202f234,25")).toBe(1234.25);
    expect(parseFrenchNumber(",5")).toBe(0.5);
    expect(parseFrenchNumber("  ")).toBeNull();
    for (const bad of ["12,5,3", "douze", "1e3", "12 ,5x", "--1"]) expect(parseFrenchNumber(bad), bad).toBeUndefined();
  });
});

describe("draft schema: types and signs", () => {
  const schema = draftValuesSchema(FORM_V1);
  it("is built once per questionnaire version, not at every save", () => {
    expect(draftValuesSchema(FORM_V1)).toBe(schema);
    const other = { ...FORM_V1, version: 99 };
    expect(draftValuesSchema(other)).not.toBe(schema);
    expect(draftValuesSchema(other).safeParse({ inventedField: 3 }).error?.issues[0]?.message).toBe(
      "Champ inconnu du questionnaire (version 99).",
    );
  });
  it("accepts an incomplete draft", () => {
    expect(schema.safeParse({ trainingActions: 3 }).success).toBe(true);
    expect(schema.safeParse({}).success).toBe(true);
  });
  it("refuses negatives, fractions of integers, three decimals, and unknown codes", () => {
    const cases: [ReportValues, string][] = [
      [{ trainees: -1 }, "Le nombre ne peut pas être négatif."],
      [{ trainees: 1.5 }, "Saisissez un nombre entier."],
      [{ traineeDaysOnSite: 1.255 }, "Deux décimales au plus (par exemple 12,5)."],
      [{ trainees: "12" }, "Saisissez un nombre."],
      [{ inventedField: 3 }, "Champ inconnu du questionnaire (version 1)."],
    ];
    for (const [values, message] of cases) {
      const r = schema.safeParse(values);
      expect(r.success, JSON.stringify(values)).toBe(false);
      expect(r.error?.issues[0]?.message).toBe(message);
    }
    expect(schema.safeParse({ traineeDaysOnSite: 0.1 + 0.2 }).success).toBe(true);
    expect(schema.safeParse({ traineeDaysOnSite: 0 }).success).toBe(true);
  });
  it("limits the comment to 2,000 characters", () => {
    expect(schema.safeParse({ highlights: "é".repeat(2000) }).success).toBe(true);
    expect(schema.safeParse({ highlights: "é".repeat(2001) }).success).toBe(false);
  });
});

describe("hard rules at their boundaries", () => {
  const broken = (values: ReportValues) => hardRuleProblems(FORM_V1, buildValues(values)).map((p) => p.rule);
  it("ESPE actions ≤ actions", () => {
    expect(broken({ trainingActions: 5, trainingActionsEspe: 4 })).toEqual([]);
    expect(broken({ trainingActions: 5, trainingActionsEspe: 5 })).toEqual([]);
    expect(broken({ trainingActions: 5, trainingActionsEspe: 6 })).toEqual(["espeActionsWithinActions"]);
  });
  it("ESPE days ≤ on site + off site + remote", () => {
    const base = { traineeDaysOnSite: 1, traineeDaysOffSite: 1.5, traineeDaysRemote: 0.5 };
    expect(broken({ ...base, traineeDaysEspe: 2.99 })).toEqual([]);
    expect(broken({ ...base, traineeDaysEspe: 3 })).toEqual([]);
    expect(broken({ ...base, traineeDaysEspe: 3.01 })).toEqual(["espeDaysWithinDays"]);
  });
  it("co-design participants are 0 without sessions", () => {
    expect(broken({ codesignSessions: 0, codesignParticipants: 0 })).toEqual([]);
    expect(broken({ codesignSessions: 0, codesignParticipants: 1 })).toEqual(["codesignParticipantsNeedSessions"]);
    expect(broken({ codesignSessions: 1, codesignParticipants: 0 })).toEqual([]);
  });
  it("DPE events ≤ events; certified ≤ trainers", () => {
    expect(broken({ events: 2, eventsDpe: 2 })).toEqual([]);
    expect(broken({ events: 2, eventsDpe: 3 })).toEqual(["dpeEventsWithinEvents"]);
    expect(broken({ trainers: 4, trainersCertified: 4 })).toEqual([]);
    expect(broken({ trainers: 4, trainersCertified: 5 })).toEqual(["certifiedWithinTrainers"]);
  });
});

describe("soft rules", () => {
  it("asks why the publics do not add up to the total", () => {
    expect(softWarnings(FORM_V1, buildValues())).toEqual([]);
    const w = softWarnings(FORM_V1, buildValues({ beneficiariesOther: 29 }));
    expect(w.map((x) => x.code)).toEqual(["beneficiariesByPublic"]);
    expect(softWarnings(FORM_V1, buildValues({ beneficiariesOther: 31 }))).toHaveLength(1);
  });

  it("flags a figure more than 3 times or less than a third of the median, when it differs by more than 20", () => {
    const rule = FORM_V1.rules.find((r) => r.kind === "outlier");
    if (rule?.kind !== "outlier") throw new Error("no outlier rule");
    expect(isOutlier(30, 10, rule)).toBe(false); // 3× exactly, and only 20 apart
    expect(isOutlier(31, 10, rule)).toBe(true); // above 3×, and 21 apart
    expect(isOutlier(61, 20, rule)).toBe(true); // > 3×, 41 apart
    expect(isOutlier(60, 20, rule)).toBe(false); // exactly 3×
    expect(isOutlier(9, 30, rule)).toBe(true); // < a third, 21 apart
    expect(isOutlier(10, 30, rule)).toBe(false); // exactly a third
    expect(isOutlier(100, 95, rule)).toBe(false);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const history = { visitorsOnSite: Array(12).fill(100) };
    const w = softWarnings(
      FORM_V1,
      buildValues({
        visitorsOnSite: 301,
        beneficiariesOffSite: 0,
        beneficiariesTeachers: 301,
        beneficiariesSupervisors: 0,
        beneficiariesParents: 0,
        beneficiariesLocalStaff: 0,
        beneficiariesOther: 0,
      }),
      history,
    );
    expect(w.map((x) => x.code)).toEqual(["unusualFigure:visitorsOnSite"]);
  });
});

describe("a submission", () => {
  it("lists every missing field, broken rule and unjustified warning at once", () => {
    const values = buildValues({ trainees: null, eventsDpe: 9, beneficiariesOther: 0 });
    const check = checkSubmission(FORM_V1, values);
    expect(check.errors.map((e) => e.field).sort()).toEqual(["eventsDpe", "trainees"]);
    expect(check.unjustified.map((w) => w.code)).toEqual(["beneficiariesByPublic"]);
    const justified = checkSubmission(FORM_V1, values, { beneficiariesByPublic: "Public mixte non ventilé." });
    expect(justified.unjustified).toEqual([]);
    expect(checkSubmission(FORM_V1, buildValues())).toEqual({ errors: [], warnings: [], unjustified: [] });
  });
});
