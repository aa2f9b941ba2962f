import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addedFields,
  applyChanges,
  type ChangeContext,
  checkSubmission,
  describeChange,
  describeChanges,
  describeRule,
  draftValuesSchema,
  FORM_V1,
  FormCatalogue,
  type FormChange,
  type FormDefinition,
  formFields,
  hardRuleProblems,
  isReservedFieldCode,
  RESERVED_FIELD_CODES,
  type ReportValues,
  type RuleDef,
  retiredFields,
  upgradeNotes,
  upgradeValues,
  usedCodes,
  VERSION_2_CHANGES,
} from "../src/index.ts";
import { buildValues } from "./factories.ts";

const V1_CONTEXT: ChangeContext = { version: 2, known: [FORM_V1] };

/** Applies changes to version 1 and expects them all to apply. */
function v1With(...changes: FormChange[]): FormDefinition {
  const { form, problems } = applyChanges(FORM_V1, changes, V1_CONTEXT);
  expect(problems).toEqual([]);
  return form;
}

/** The problems of changes to version 1, as [path, message]. */
function refusals(changes: FormChange[], base: FormDefinition = FORM_V1, context: ChangeContext = V1_CONTEXT) {
  return applyChanges(base, changes, context).problems.map((p) => [p.field, p.message]);
}

const codesOf = (form: FormDefinition, section?: string) =>
  (section ? (form.sections.find((s) => s.code === section)?.fields ?? []) : formFields(form)).map((f) => f.code);

const fieldOf = (form: FormDefinition, code: string) => formFields(form).find((f) => f.code === code);

const V2 = applyChanges(FORM_V1, VERSION_2_CHANGES, V1_CONTEXT).form;
const V2_PUBLISHED: FormDefinition = { ...V2, validFrom: "2026-09" };

const newField = (code: string, overrides: Partial<FormChange & { kind: "addField" }> = {}): FormChange => ({
  kind: "addField",
  section: "formation",
  field: { code, label: "Nouveau champ", type: "integer", kind: "flow", required: true },
  ...overrides,
});

describe("version 2 as the shared decision defines it", () => {
  it("adds the training days after the ESPE trainee-days, and their two rules, without touching version 1", () => {
    expect(applyChanges(FORM_V1, VERSION_2_CHANGES, V1_CONTEXT).problems).toEqual([]);
    expect(V2.version).toBe(2);
    expect(V2.validFrom).toBe("");
    expect(codesOf(V2, "formation")).toEqual([
      "trainingActions",
      "trainingActionsEspe",
      "trainees",
      "traineeDaysOnSite",
      "traineeDaysOffSite",
      "traineeDaysRemote",
      "traineeDaysEspe",
      "trainingDays",
      "trainingDaysEspe",
    ]);
    expect(fieldOf(V2, "trainingDays")).toMatchObject({ type: "decimal", kind: "flow", required: true });
    expect(fieldOf(V2, "trainingDays")?.help).toContain("2 jours de formation (et 40 journées stagiaires)");
    expect(V2.rules.slice(-2).map((r) => r.code)).toEqual(["trainingDaysWithinTraineeDays", "espeTrainingDaysWithinTrainingDays"]);
    expect(formFields(V2)).toHaveLength(30);
    expect(formFields(FORM_V1)).toHaveLength(28);
    expect(FORM_V1.rules).toHaveLength(7);
  });
});

describe("every change kind, applied", () => {
  it("addField: last of the section when `after` is absent, first when null, after a field otherwise, with its bounds", () => {
    expect(codesOf(v1With(newField("pupils")), "formation").slice(-2)).toEqual(["traineeDaysEspe", "pupils"]);
    expect(codesOf(v1With(newField("pupils", { section: "codesign" })), "codesign")).toEqual([
      "codesignSessions",
      "codesignParticipants",
      "pupils",
    ]);
    expect(codesOf(v1With(newField("pupils", { section: "codesign", after: null })), "codesign")).toEqual([
      "pupils",
      "codesignSessions",
      "codesignParticipants",
    ]);
    expect(codesOf(v1With(newField("pupils", { section: "codesign", after: "codesignSessions" })), "codesign")).toEqual([
      "codesignSessions",
      "pupils",
      "codesignParticipants",
    ]);
    const bounded = v1With(
      newField("pupils", {
        field: { code: "pupils", label: " Élèves ", help: "Des élèves.", type: "integer", kind: "flow", required: false, min: 1, max: 50 },
      }),
    );
    expect(fieldOf(bounded, "pupils")).toEqual({
      code: "pupils",
      label: "Élèves",
      help: "Des élèves.",
      type: "integer",
      kind: "flow",
      required: false,
      min: 1,
      max: 50,
    });
  });

  it("relabel, setHelp, setRequired and setBounds change that field only", () => {
    const form = v1With(
      { kind: "relabel", field: "trainees", label: "Personnes formées" },
      { kind: "setHelp", field: "trainees", help: "Chaque personne une fois." },
      { kind: "setHelp", field: "traineeDaysOnSite", help: null },
      { kind: "setRequired", field: "highlights", required: true },
      { kind: "setBounds", field: "trainers", min: 1, max: 40 },
    );
    expect(fieldOf(form, "trainees")).toMatchObject({ label: "Personnes formées", help: "Chaque personne une fois." });
    expect(fieldOf(form, "traineeDaysOnSite")).not.toHaveProperty("help");
    expect(fieldOf(FORM_V1, "traineeDaysOnSite")?.help).toBeTruthy();
    expect(fieldOf(form, "highlights")?.required).toBe(true);
    expect(fieldOf(form, "trainers")).toMatchObject({ min: 1, max: 40 });
    const unbounded = applyChanges(form, [{ kind: "setBounds", field: "trainers", min: null, max: 40 }], {
      version: 3,
      known: [FORM_V1, form],
    });
    expect(unbounded.problems).toEqual([]);
    expect(fieldOf(unbounded.form, "trainers")).not.toHaveProperty("min");
    expect(fieldOf(unbounded.form, "trainers")?.max).toBe(40);
  });

  it("moveField: within its section, to the head of one, or to another section", () => {
    expect(codesOf(v1With({ kind: "moveField", field: "trainees", section: "formation", after: null }), "formation").slice(0, 2)).toEqual([
      "trainees",
      "trainingActions",
    ]);
    expect(
      codesOf(v1With({ kind: "moveField", field: "trainingActions", section: "formation", after: "traineeDaysEspe" }), "formation").slice(
        -2,
      ),
    ).toEqual(["traineeDaysEspe", "trainingActions"]);
    const moved = v1With({ kind: "moveField", field: "localAuthoritiesServed", section: "accueil", after: "visitorsOnSite" });
    expect(codesOf(moved, "accueil").slice(0, 2)).toEqual(["visitorsOnSite", "localAuthoritiesServed"]);
    expect(codesOf(moved, "partenariats")).not.toContain("localAuthoritiesServed");
    expect(formFields(moved)).toHaveLength(28);
  });

  it("retireField removes it from the version; a section left empty stays in its place", () => {
    const form = v1With(
      { kind: "retireField", field: "agreementsOther" },
      { kind: "removeRule", code: "codesignParticipantsNeedSessions" },
      { kind: "retireField", field: "codesignSessions" },
      { kind: "retireField", field: "codesignParticipants" },
    );
    expect(codesOf(form)).not.toContain("agreementsOther");
    expect(formFields(form)).toHaveLength(25);
    expect(form.sections.map((s) => s.code)).toEqual(FORM_V1.sections.map((s) => s.code));
    expect(form.sections.find((s) => s.code === "codesign")?.fields).toEqual([]);
    expect(form.rules.map((r) => r.code)).not.toContain("codesignParticipantsNeedSessions");
  });

  it("addRule, changeRule and removeRule", () => {
    const rule: RuleDef = {
      code: "participantsNeedEvents",
      kind: "zeroWhenZero",
      severity: "error",
      field: "eventParticipants",
      when: "events",
      message: "Sans événement, pas de participant.",
    };
    const changed: RuleDef = {
      code: "espeActionsWithinActions",
      kind: "lte",
      severity: "error",
      fields: ["trainingActionsEspe"],
      max: ["trainingActions", "events"],
      message: "Plafond élargi.",
    };
    const form = v1With(
      { kind: "addRule", rule },
      { kind: "changeRule", rule: changed },
      { kind: "removeRule", code: "dpeEventsWithinEvents" },
    );
    expect(form.rules.find((r) => r.code === "participantsNeedEvents")).toEqual(rule);
    // A changed rule keeps its place among the rules.
    expect(form.rules[0]).toEqual(changed);
    expect(form.rules.map((r) => r.code)).not.toContain("dpeEventsWithinEvents");
    expect(hardRuleProblems(form, buildValues({ events: 0, eventsDpe: 0, eventParticipants: 3 })).map((p) => p.rule)).toEqual([
      "participantsNeedEvents",
    ]);
  });
});

describe("every change kind, refused in French", () => {
  it("addField: a section, a valid code, an `after` of that section, a nature that fits the type, a label, bounds in order", () => {
    expect(refusals([newField("x", { section: "budget" })])).toEqual([
      ["changes.0.section", "La section budget n'existe pas dans cette version."],
    ]);
    expect(refusals([newField("jours-formation")])).toEqual([
      [
        "changes.0.field.code",
        "Code invalide : une lettre puis des lettres ou des chiffres, sans espace ni accent (par exemple trainingDays).",
      ],
    ]);
    expect(refusals([newField("pupils", { after: "events" })])).toEqual([
      ["changes.0.after", "Le champ events n'est pas dans la section « Formation »."],
    ]);
    const field = { code: "pupils", label: "Élèves", required: true };
    expect(refusals([{ kind: "addField", section: "formation", field: { ...field, type: "text", kind: "flow" } }])).toEqual([
      ["changes.0.field.kind", "Un champ texte est un commentaire : choisissez la nature « commentaire »."],
    ]);
    expect(refusals([{ kind: "addField", section: "formation", field: { ...field, type: "decimal", kind: "comment" } }])).toEqual([
      ["changes.0.field.kind", "Un nombre est un flux du mois ou un effectif au dernier jour du mois, pas un commentaire."],
    ]);
    expect(
      refusals([{ kind: "addField", section: "formation", field: { ...field, type: "integer", kind: "flow", min: 10, max: 5 } }]),
    ).toEqual([["changes.0.field.max", "La borne basse (10) dépasse la borne haute (5)."]]);
    expect(refusals([{ kind: "addField", section: "formation", field: { ...field, type: "integer", kind: "flow", min: 1.5 } }])).toEqual([
      ["changes.0.field.min", "La borne d'un nombre entier est un nombre entier."],
    ]);
    expect(refusals([{ kind: "addField", section: "formation", field: { ...field, type: "text", kind: "comment", max: 5 } }])).toEqual([
      ["changes.0.field.min", "Les bornes ne valent que pour un nombre, pas pour un texte."],
    ]);
    expect(refusals([{ kind: "addField", section: "formation", field: { ...field, label: "  ", type: "integer", kind: "flow" } }])).toEqual(
      [["changes.0.field.label", "Le libellé ne peut pas être vide."]],
    );
  });

  it("relabel, setHelp, setRequired, setBounds, moveField and retireField name a field of the version at that point", () => {
    const missing = "Le champ pupils n'existe pas dans cette version.";
    const changes: FormChange[] = [
      { kind: "relabel", field: "pupils", label: "Élèves" },
      { kind: "setHelp", field: "pupils", help: "Aide" },
      { kind: "setRequired", field: "pupils", required: false },
      { kind: "setBounds", field: "pupils", min: 0, max: 3 },
      { kind: "moveField", field: "pupils", section: "formation", after: null },
      { kind: "retireField", field: "pupils" },
    ];
    expect(refusals(changes)).toEqual(changes.map((_, i) => [`changes.${i}.field`, missing]));
    // Retired earlier in the same draft: no longer there.
    expect(
      refusals([
        { kind: "retireField", field: "agreementsOther" },
        { kind: "relabel", field: "agreementsOther", label: "Autres" },
      ]),
    ).toEqual([["changes.1.field", "Le champ agreementsOther n'existe pas dans cette version."]]);
    expect(refusals([{ kind: "relabel", field: "trainees", label: "" }])).toEqual([
      ["changes.0.label", "Le libellé ne peut pas être vide."],
    ]);
  });

  it("setBounds: numbers only, in order, within 0 and the largest count", () => {
    expect(refusals([{ kind: "setBounds", field: "highlights", min: 0, max: 3 }])).toEqual([
      ["changes.0.field", "Les bornes ne valent que pour un nombre : highlights est un texte."],
    ]);
    expect(refusals([{ kind: "setBounds", field: "traineeDaysOnSite", min: 2.5, max: 1.25 }])).toEqual([
      ["changes.0.max", "La borne basse (2,5) dépasse la borne haute (1,25)."],
    ]);
    expect(refusals([{ kind: "setBounds", field: "trainees", min: -1, max: null }])).toEqual([
      ["changes.0.min", "Une borne est comprise entre 0 et 10\u202f000\u202f000."],
    ]);
    expect(refusals([{ kind: "setBounds", field: "trainees", min: 3, max: 3 }])).toEqual([]);
  });

  it("moveField: to a section of the version, after a field of that section, not after itself", () => {
    expect(refusals([{ kind: "moveField", field: "trainees", section: "budget", after: null }])).toEqual([
      ["changes.0.section", "La section budget n'existe pas dans cette version."],
    ]);
    expect(refusals([{ kind: "moveField", field: "trainees", section: "accueil", after: "trainingActions" }])).toEqual([
      ["changes.0.after", "Le champ trainingActions n'est pas dans la section « Accueil et bénéficiaires »."],
    ]);
    expect(refusals([{ kind: "moveField", field: "trainees", section: "formation", after: "trainees" }])).toEqual([
      ["changes.0.after", "Un champ ne peut pas se placer après lui-même."],
    ]);
  });

  it("retireField: not while a rule still uses the field, and says which", () => {
    expect(refusals([{ kind: "retireField", field: "traineeDaysEspe" }])).toEqual([
      ["changes.0.field", "Retirez d'abord la règle espeDaysWithinDays qui utilise ce champ."],
    ]);
    expect(refusals([{ kind: "retireField", field: "traineeDaysOnSite" }], V2, { version: 3, known: [FORM_V1, V2] })).toEqual([
      ["changes.0.field", "Retirez d'abord les règles espeDaysWithinDays et trainingDaysWithinTraineeDays qui utilisent ce champ."],
    ]);
    // The `when` of a rule counts as a use.
    expect(refusals([{ kind: "retireField", field: "trainees" }], V2, { version: 3, known: [FORM_V1, V2] })).toEqual([
      ["changes.0.field", "Retirez d'abord la règle trainingDaysWithinTraineeDays qui utilise ce champ."],
    ]);
    expect(
      refusals([
        { kind: "removeRule", code: "espeDaysWithinDays" },
        { kind: "retireField", field: "traineeDaysEspe" },
      ]),
    ).toEqual([]);
  });

  it("rules: a new code, an existing one to change or remove, numeric fields of the version, one outlier rule", () => {
    const lte = (over: Partial<Extract<RuleDef, { kind: "lte" }>>): RuleDef => ({
      code: "newRule",
      kind: "lte",
      severity: "error",
      fields: ["trainees"],
      max: ["visitorsOnSite"],
      message: "Message.",
      ...over,
    });
    expect(refusals([{ kind: "addRule", rule: lte({ code: "espeDaysWithinDays" }) }])).toEqual([
      ["changes.0.rule.code", "La règle espeDaysWithinDays existe déjà dans cette version : modifiez-la plutôt."],
    ]);
    expect(refusals([{ kind: "changeRule", rule: lte({}) }])).toEqual([
      ["changes.0.rule.code", "La règle newRule n'existe pas dans cette version."],
    ]);
    expect(refusals([{ kind: "removeRule", code: "newRule" }])).toEqual([
      ["changes.0.code", "La règle newRule n'existe pas dans cette version."],
    ]);
    expect(refusals([{ kind: "addRule", rule: lte({ max: ["visitorsOnSite", "pupils"], when: "highlights" }) }])).toEqual([
      ["changes.0.rule.max.1", "Le champ pupils n'existe pas dans cette version."],
      ["changes.0.rule.when", "Le champ highlights est un texte : une règle ne porte que sur des nombres."],
    ]);
    expect(refusals([{ kind: "addRule", rule: lte({ fields: [] }) }])).toEqual([["changes.0.rule.fields", "Au moins un champ."]]);
    expect(refusals([{ kind: "addRule", rule: lte({ message: " " }) }])).toEqual([
      ["changes.0.rule.message", "Écrivez le message que verra le directeur quand la règle n'est pas respectée."],
    ]);
    const outlier: RuleDef = {
      code: "bigJump",
      kind: "outlier",
      severity: "warning",
      factor: 5,
      minDifference: 10,
      months: 6,
      message: "Écart.",
    };
    expect(refusals([{ kind: "addRule", rule: outlier }])).toEqual([
      ["changes.0.rule.kind", "Une seule règle de valeur inhabituelle par questionnaire : modifiez la règle unusualFigure."],
    ]);
    expect(refusals([{ kind: "changeRule", rule: { ...outlier, code: "unusualFigure" } }])).toEqual([]);
    expect(
      refusals([
        {
          kind: "addRule",
          rule: { code: "sums", kind: "sumEquals", severity: "warning", parts: ["trainees"], total: ["highlights"], message: "Somme." },
        },
      ]),
    ).toEqual([["changes.0.rule.total.0", "Le champ highlights est un texte : une règle ne porte que sur des nombres."]]);
  });

  it("skips a refused change only: the rest applies and every problem is reported", () => {
    const { form, problems } = applyChanges(
      FORM_V1,
      [
        { kind: "relabel", field: "trainees", label: "Personnes formées" },
        { kind: "relabel", field: "pupils", label: "Élèves" },
        newField("trainingActions"),
        { kind: "setRequired", field: "highlights", required: true },
      ],
      V1_CONTEXT,
    );
    expect(problems.map((p) => p.index)).toEqual([1, 2]);
    expect(fieldOf(form, "trainees")?.label).toBe("Personnes formées");
    expect(fieldOf(form, "highlights")?.required).toBe(true);
    expect(formFields(form)).toHaveLength(28);
  });
});

describe("a code is never reused for another meaning", () => {
  const reuse = "un code ne sert jamais à autre chose, choisissez-en un autre.";
  it("refuses a code of version 1, whatever its case", () => {
    expect(refusals([newField("trainees")])).toEqual([["changes.0.field.code", `Le code trainees a déjà servi (version 1) : ${reuse}`]]);
    expect(refusals([newField("Trainees")])).toEqual([
      ["changes.0.field.code", `Le code Trainees a déjà servi (version 1, sous la forme trainees) : ${reuse}`],
    ]);
  });

  it("refuses the code of a field another version retired", () => {
    const v2 = { ...v1With({ kind: "retireField", field: "agreementsOther" }), validFrom: "2026-09" };
    expect(codesOf(v2)).not.toContain("agreementsOther");
    expect(refusals([newField("agreementsOther")], v2, { version: 3, known: [FORM_V1, v2] })).toEqual([
      ["changes.0.field.code", `Le code agreementsOther a déjà servi (version 1) : ${reuse}`],
    ]);
    // A code of another draft is taken too, and the list names every version.
    expect(
      refusals([newField("trainingDays")], V2_PUBLISHED, { version: 4, known: [FORM_V1, V2_PUBLISHED, { ...V2, version: 3 }] }),
    ).toEqual([["changes.0.field.code", `Le code trainingDays a déjà servi (versions 2 et 3) : ${reuse}`]]);
  });

  it("refuses a code an earlier change of the same draft added, even once retired again", () => {
    expect(refusals([newField("pupils"), { kind: "retireField", field: "pupils" }, newField("pupils")])).toEqual([
      ["changes.2.field.code", `Le code pupils a déjà servi (modification n° 1 de cette version) : ${reuse}`],
    ]);
  });

  it("refuses the codes the platform keeps: a JavaScript object's properties and the reports CSV's columns", () => {
    // Values and notes are objects keyed by code: `constructor` would read the prototype's.
    for (const code of ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "toLocaleString"]) {
      expect(refusals([newField(code)]), code).toEqual([
        ["changes.0.field.code", `Le code ${code} est réservé par la plateforme : choisissez-en un autre.`],
      ]);
    }
    // __proto__ is refused already by the code's form, before it could reach an object.
    expect(refusals([newField("__proto__")])[0]?.[1]).toMatch(/^Code invalide/);
    expect(isReservedFieldCode("__proto__")).toBe(true);
    for (const code of ["notes", "Notes", "mois", "atelier", "statut", "STATUT"]) {
      expect(refusals([newField(code)]), code).toEqual([
        ["changes.0.field.code", `Le code ${code} est réservé par la plateforme : choisissez-en un autre.`],
      ]);
    }
    expect(RESERVED_FIELD_CODES).toEqual(expect.arrayContaining(["atelier", "mois", "statut", "version_questionnaire", "notes"]));
    // Neither version 1 nor version 2 ever used one.
    expect(formFields(V2).filter((f) => isReservedFieldCode(f.code))).toEqual([]);
    // A code merely containing one is free.
    expect(refusals([newField("notesCount"), newField("constructorDays")])).toEqual([]);
  });

  it("does not count the draft being built: its own changes apply again when it is edited", () => {
    const draft = applyChanges(FORM_V1, VERSION_2_CHANGES, V1_CONTEXT).form;
    expect(applyChanges(FORM_V1, VERSION_2_CHANGES, { version: 2, known: [FORM_V1, draft] }).problems).toEqual([]);
  });
});

describe("a retired field stays readable in old reports", () => {
  const v2 = { ...v1With({ kind: "retireField", field: "agreementsOther" }), validFrom: "2026-09" };
  const catalogue = new FormCatalogue([FORM_V1, v2]);
  it("a version 1 report is validated with version 1; version 2 does not know the code", () => {
    const values: ReportValues = buildValues({ agreementsOther: 2 });
    expect(draftValuesSchema(FORM_V1).safeParse(values).success).toBe(true);
    expect(checkSubmission(FORM_V1, values).errors).toEqual([]);
    const refused = draftValuesSchema(v2).safeParse(values);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("Champ inconnu du questionnaire (version 2).");
    expect(
      catalogue
        .byVersion(1)
        ?.sections.flatMap((s) => s.fields)
        .some((f) => f.code === "agreementsOther"),
    ).toBe(true);
    expect(catalogue.versionsWith("agreementsOther")).toEqual([1]);
    expect(catalogue.allFields().map((f) => f.code)).toContain("agreementsOther");
    expect(catalogue.forPeriod("2026-08").version).toBe(1);
    expect(catalogue.forPeriod("2026-09").version).toBe(2);
  });

  it("the catalogue tells the last month of a version a newer one replaced", () => {
    expect(catalogue.validTo(1)).toBe("2026-08");
    expect(catalogue.validTo(2)).toBeNull();
    expect(new FormCatalogue([FORM_V1, { ...v2, validFrom: "2027-01" }]).validTo(1)).toBe("2026-12");
    expect(catalogue.validTo(9)).toBeNull();
  });
});

describe("the rules of a new field apply", () => {
  const trainees = { traineeDaysOnSite: 4, traineeDaysOffSite: 2.5, traineeDaysRemote: 1, traineeDaysEspe: 1 };
  const broken = (values: ReportValues) => hardRuleProblems(V2, buildValues({ ...trainees, ...values })).map((p) => p.rule);

  it("training days cannot exceed the trainee-days when there are trainees", () => {
    expect(broken({ trainees: 3, trainingDays: 7.5, trainingDaysEspe: 0 })).toEqual([]);
    expect(broken({ trainees: 3, trainingDays: 7.51, trainingDaysEspe: 0 })).toEqual(["trainingDaysWithinTraineeDays"]);
    const problem = hardRuleProblems(V2, buildValues({ ...trainees, trainees: 3, trainingDays: 8, trainingDaysEspe: 0 }))[0];
    expect(problem).toEqual({
      field: "trainingDays",
      rule: "trainingDaysWithinTraineeDays",
      message: "Les jours de formation ne peuvent pas dépasser le total des journées stagiaires quand il y a des stagiaires.",
    });
  });

  it("without trainees (0 or not entered yet) that rule is not judged", () => {
    expect(broken({ trainees: 0, trainingDays: 8, trainingDaysEspe: 0 })).toEqual([]);
    expect(broken({ trainees: null, trainingDays: 8, trainingDaysEspe: 0 })).toEqual([]);
  });

  it("ESPE training days cannot exceed training days", () => {
    expect(broken({ trainingDays: 3, trainingDaysEspe: 3 })).toEqual([]);
    expect(broken({ trainingDays: 3, trainingDaysEspe: 3.5 })).toEqual(["espeTrainingDaysWithinTrainingDays"]);
  });

  it("a missing training days figure blocks the submission of a version 2 report, not of a version 1 one", () => {
    const values = buildValues();
    expect(checkSubmission(FORM_V1, values).errors).toEqual([]);
    const check = checkSubmission(V2, values);
    expect(check.errors).toEqual([
      { field: "trainingDays", message: "Ce champ est obligatoire : saisissez 0 s'il n'y a rien à déclarer." },
      { field: "trainingDaysEspe", message: "Ce champ est obligatoire : saisissez 0 s'il n'y a rien à déclarer." },
    ]);
    expect(checkSubmission(V2, buildValues({ trainingDays: 12, trainingDaysEspe: 2 })).errors).toEqual([]);
  });

  it("bounds of a field are checked in the draft, on both sides of each limit", () => {
    const form = applyChanges(V2, [{ kind: "setBounds", field: "trainingDays", min: 1, max: 1500 }], {
      version: 3,
      known: [FORM_V1, V2],
    }).form;
    const message = (value: number) => draftValuesSchema(form).safeParse({ trainingDays: value }).error?.issues[0]?.message;
    expect(message(0.99)).toBe("Au moins 1.");
    expect(message(1)).toBeUndefined();
    expect(message(1500)).toBeUndefined();
    expect(message(1500.01)).toBe("Au plus 1\u202f500.");
    expect(message(-1)).toBe("Au moins 1.");
    // Bounds of a version do not leak into another.
    expect(draftValuesSchema(V2).safeParse({ trainingDays: 1500.01 }).success).toBe(true);
    const atLeastZero = applyChanges(V2, [{ kind: "setBounds", field: "trainees", min: 0, max: 10 }], { version: 3, known: [] }).form;
    expect(draftValuesSchema(atLeastZero).safeParse({ trainees: -1 }).error?.issues[0]?.message).toBe(
      "Le nombre ne peut pas être négatif.",
    );
    expect(draftValuesSchema(atLeastZero).safeParse({ trainees: 11 }).error?.issues[0]?.message).toBe("Au plus 10.");
    expect(checkSubmission(form, buildValues({ trainingDays: 0.5, trainingDaysEspe: 0 })).errors.map((e) => e.field)).toEqual([
      "trainingDays",
    ]);
  });
});

describe("moving a report to a newer version", () => {
  const v3 = applyChanges(V2, [{ kind: "retireField", field: "agreementsOther" }, newField("pupils", { section: "accueil" })], {
    version: 3,
    known: [FORM_V1, V2],
  }).form;

  it("keeps every value whose code the new version has, and lists the new fields", () => {
    const values = buildValues({ trainees: 7 });
    const up = upgradeValues(values, FORM_V1, V2);
    expect(up.values).toEqual(values);
    expect(up.added).toEqual([
      { code: "trainingDays", label: "Jours de formation réalisés (durée des actions, quel que soit le nombre de stagiaires)" },
      { code: "trainingDaysEspe", label: "dont jours de formation en partenariat avec une ESPE/INSPÉ" },
    ]);
    expect(up.retired).toEqual([]);
    expect(addedFields(FORM_V1, V2).map((f) => f.code)).toEqual(["trainingDays", "trainingDaysEspe"]);
    expect(retiredFields(FORM_V1, V2)).toEqual([]);
  });

  it("drops a retired field's value (and any unknown code) and says what was typed", () => {
    const values: ReportValues = { ...buildValues({ agreementsOther: 4 }), trainingDays: 3, oldGarbage: 1 };
    const up = upgradeValues(values, V2, v3);
    expect(up.values).not.toHaveProperty("agreementsOther");
    expect(up.values).not.toHaveProperty("oldGarbage");
    expect(up.values.trainingDays).toBe(3);
    expect(up.values.trainees).toBe(values.trainees);
    expect(Object.keys(up.values)).toHaveLength(Object.keys(values).length - 2);
    expect(up.retired).toEqual([
      { code: "agreementsOther", label: "Autres conventions (industriels, associations, éditeurs, laboratoires, international)", value: 4 },
    ]);
    expect(up.added).toEqual([{ code: "pupils", label: "Nouveau champ" }]);
    expect(upgradeValues({ trainees: 1 }, V2, v3).retired).toEqual([expect.objectContaining({ code: "agreementsOther", value: null })]);
    expect(retiredFields(V2, v3).map((f) => f.code)).toEqual(["agreementsOther"]);
    expect(addedFields(V2, v3).map((f) => f.code)).toEqual(["pupils"]);
  });

  it("keeps the notes of kept fields and lists the others", () => {
    const up = upgradeNotes({ trainees: "dont 40 pour le plan numérique", agreementsOther: "une convention éditeur" }, V2, v3);
    expect(up.notes).toEqual({ trainees: "dont 40 pour le plan numérique" });
    expect(up.retired).toEqual([
      {
        code: "agreementsOther",
        label: "Autres conventions (industriels, associations, éditeurs, laboratoires, international)",
        note: "une convention éditeur",
      },
    ]);
  });
});

describe("changes described in French", () => {
  const trainees = "« Stagiaires formés (personnes) » (trainees)";
  const cases: [FormChange, string][] = [
    [
      VERSION_2_CHANGES[0] as FormChange,
      "Ajout du champ « Jours de formation réalisés (durée des actions, quel que soit le nombre de stagiaires) » (trainingDays) dans Formation, " +
        "après « dont journées stagiaires en partenariat avec une ESPE/INSPÉ » : nombre décimal, flux du mois, obligatoire.",
    ],
    [
      newField("pupils", {
        section: "codesign",
        after: null,
        field: { code: "pupils", label: "Élèves", type: "integer", kind: "snapshot", required: false, min: 1, max: 5 },
      }),
      "Ajout du champ « Élèves » (pupils) dans Co-design, en tête de section : nombre entier, effectif au dernier jour du mois, facultatif, au moins 1 et au plus 5.",
    ],
    [
      {
        kind: "addField",
        section: "commentaire",
        field: { code: "ideas", label: "Idées", type: "text", kind: "comment", required: false },
      },
      "Ajout du champ « Idées » (ideas) dans Commentaire, en fin de section : texte, facultatif.",
    ],
    [
      { kind: "relabel", field: "trainees", label: "Personnes formées" },
      "Nouveau libellé du champ trainees : « Stagiaires formés (personnes) » devient « Personnes formées ».",
    ],
    [
      { kind: "setHelp", field: "trainees", help: "Chaque personne une fois" },
      `Nouvelle aide du champ ${trainees} : « Chaque personne une fois ».`,
    ],
    [{ kind: "setHelp", field: "trainees", help: null }, `Aide du champ ${trainees} retirée.`],
    [
      { kind: "setRequired", field: "highlights", required: true },
      "Le champ « Faits marquants du mois » (highlights) devient obligatoire.",
    ],
    [{ kind: "setRequired", field: "trainees", required: false }, `Le champ ${trainees} devient facultatif.`],
    [{ kind: "setBounds", field: "trainees", min: null, max: 1500 }, `Bornes du champ ${trainees} : au plus 1\u202f500.`],
    [{ kind: "setBounds", field: "trainees", min: null, max: null }, `Bornes du champ ${trainees} retirées.`],
    [
      { kind: "moveField", field: "trainees", section: "formation", after: "trainingActions" },
      `Déplacement du champ ${trainees} dans Formation, après « Actions de formation réalisées ».`,
    ],
    [
      { kind: "moveField", field: "trainees", section: "formation", after: null },
      `Déplacement du champ ${trainees} en tête de la section Formation.`,
    ],
    [
      { kind: "retireField", field: "agreementsOther" },
      "Retrait du champ « Autres conventions (industriels, associations, éditeurs, laboratoires, international) » (agreementsOther) : " +
        "il n'est plus demandé et reste lisible dans les rapports des versions qui l'avaient.",
    ],
    [
      {
        kind: "addRule",
        rule: { code: "sums", kind: "sumEquals", severity: "warning", parts: ["eventsDpe"], total: ["events"], message: "Somme." },
      },
      "Nouvelle règle sums : « dont en lien avec le développement professionnel de l'enseignant » est égal à « Conférences et événements organisés » " +
        "(avertissement : le directeur explique l'écart).",
    ],
    [
      {
        kind: "changeRule",
        rule: {
          code: "dpeEventsWithinEvents",
          kind: "lte",
          severity: "error",
          fields: ["eventsDpe"],
          max: ["events"],
          when: "events",
          message: "M.",
        },
      },
      "Règle dpeEventsWithinEvents modifiée : « dont en lien avec le développement professionnel de l'enseignant » ne dépasse pas " +
        "« Conférences et événements organisés », quand « Conférences et événements organisés » est supérieur à 0 (bloquante).",
    ],
    [
      { kind: "removeRule", code: "codesignParticipantsNeedSessions" },
      "Suppression de la règle codesignParticipantsNeedSessions : « Participants aux sessions de co-design » vaut 0 quand " +
        "« Sessions ou ateliers de co-design organisés » vaut 0 (bloquante).",
    ],
  ];
  it.each(cases)("%o", (change, sentence) => {
    expect(describeChange(change, FORM_V1)).toBe(sentence);
  });

  it("covers every change kind, and the outlier rule", () => {
    expect(new Set(cases.map(([c]) => c.kind)).size).toBe(10);
    const outlier = FORM_V1.rules.find((r) => r.kind === "outlier") as RuleDef;
    expect(describeRule(outlier, FORM_V1)).toBe(
      "un chiffre à plus de 3 fois la médiane des 12 derniers mois validés de l'atelier, ou à moins de cette médiane divisée par 3, " +
        "avec un écart de plus de 20, est à confirmer (avertissement)",
    );
  });

  it("describes a draft's changes each with the questionnaire just before it", () => {
    const sentences = describeChanges(FORM_V1, VERSION_2_CHANGES, V1_CONTEXT);
    expect(sentences).toHaveLength(4);
    // The second field is placed after the first, which only the draft has.
    expect(sentences[1]).toContain("après « Jours de formation réalisés (durée des actions, quel que soit le nombre de stagiaires) »");
    expect(sentences[3]).toBe(
      "Nouvelle règle espeTrainingDaysWithinTrainingDays : « dont jours de formation en partenariat avec une ESPE/INSPÉ » ne dépasse pas " +
        "« Jours de formation réalisés (durée des actions, quel que soit le nombre de stagiaires) » (bloquante).",
    );
  });
});

describe("codes used by any version", () => {
  it("lists each code once, with the versions that have it and its latest label", () => {
    const v3 = applyChanges(
      V2,
      [
        { kind: "retireField", field: "agreementsOther" },
        { kind: "relabel", field: "trainingDays", label: "Jours de formation" },
      ],
      { version: 3, known: [FORM_V1, V2] },
    ).form;
    const used = usedCodes([v3, FORM_V1, V2]);
    expect(used).toHaveLength(30);
    expect(new Set(used.map((u) => u.code)).size).toBe(30);
    expect(used.find((u) => u.code === "agreementsOther")?.versions).toEqual([1, 2]);
    expect(used.find((u) => u.code === "trainingDays")).toEqual({ code: "trainingDays", label: "Jours de formation", versions: [2, 3] });
    expect(used.find((u) => u.code === "trainees")?.versions).toEqual([1, 2, 3]);
  });
});

describe("reordering and relabelling, whatever the sequence", () => {
  it("never loses nor duplicates a field code", () => {
    const step = fc.record({
      kind: fc.constantFrom("relabel", "setHelp", "moveField"),
      field: fc.nat(),
      section: fc.nat(),
      after: fc.nat(),
      text: fc.string({ maxLength: 20 }),
    });
    const v1Codes = codesOf(FORM_V1).sort();
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const changes: FormChange[] = [];
        let form = FORM_V1;
        for (const s of steps) {
          const codes = codesOf(form);
          const field = codes[s.field % codes.length] as string;
          let change: FormChange;
          if (s.kind === "relabel") change = { kind: "relabel", field, label: `Libellé ${s.text}` };
          else if (s.kind === "setHelp") change = { kind: "setHelp", field, help: s.text.trim() ? s.text : null };
          else {
            const section = form.sections[s.section % form.sections.length] as FormDefinition["sections"][number];
            const others = section.fields.filter((f) => f.code !== field);
            const after = s.after % (others.length + 1) === others.length ? null : (others[s.after % (others.length + 1)]?.code as string);
            change = { kind: "moveField", field, section: section.code, after };
          }
          changes.push(change);
          const applied = applyChanges(FORM_V1, changes, V1_CONTEXT);
          expect(applied.problems).toEqual([]);
          form = applied.form;
          if (change.kind === "moveField") {
            const target = codesOf(form, change.section);
            expect(target.indexOf(field)).toBe(change.after === null ? 0 : target.indexOf(change.after) + 1);
          }
        }
        expect(codesOf(form).sort()).toEqual(v1Codes);
        expect(form.sections.map((s) => s.code)).toEqual(FORM_V1.sections.map((s) => s.code));
      }),
      { numRuns: 150 },
    );
  });
});
