/**
 * The dashboard's figures beyond the contract indicators: every numeric
 * field's total (derived from the questionnaire, so a new field shows up by
 * itself), a few sums people ask for, and the reporting figures.
 */
import type { FormCatalogue } from "../questionnaire/catalogue.ts";
import type { Aggregation, FigureDef, FigureGroup } from "./types.ts";

export interface AggregatedField {
  code: string;
  label: string;
  section: string;
  sectionTitle: string;
  aggregation: Aggregation;
  type: "integer" | "decimal";
}

/**
 * Every numeric field of every published questionnaire version, once,
 * described by the most recent version that has it, in the order of the
 * latest version (a field retired since comes after its fields): old
 * reports stay countable.
 */
export function aggregatedFields(forms: FormCatalogue): AggregatedField[] {
  const byCode = new Map<string, AggregatedField>();
  for (const form of [...forms.versions].reverse()) {
    for (const section of form.sections) {
      for (const f of section.fields) {
        if (f.type === "text" || f.kind === "comment" || byCode.has(f.code)) continue;
        byCode.set(f.code, {
          code: f.code,
          label: f.label,
          section: section.code,
          sectionTitle: section.title,
          aggregation: f.kind,
          type: f.type,
        });
      }
    }
  }
  return [...byCode.values()];
}

/** Field codes must be plain identifiers: the server builds its SQL from them. */
export const FIELD_CODE_RE = /^[a-zA-Z][a-zA-Z0-9]*$/;

const PUBLICS = [
  "beneficiariesTeachers",
  "beneficiariesSupervisors",
  "beneficiariesParents",
  "beneficiariesLocalStaff",
  "beneficiariesOther",
];

export const SUMMARY_GROUP: FigureGroup = { code: "synthese", label: "Synthèse" };
export const REPORTING_GROUP: FigureGroup = { code: "remontees", label: "Remontée des rapports" };

/** Sums that are not a single field: what the dashboard shows in its summary. */
const SUMMARY_FIGURES: readonly FigureDef[] = [
  {
    code: "traineeDaysTotal",
    label: "Journées stagiaires des ateliers (dans, hors les murs et à distance)",
    unit: "nombre",
    group: SUMMARY_GROUP.code,
    formula: { kind: "sum", terms: [{ fields: ["traineeDaysOnSite", "traineeDaysOffSite", "traineeDaysRemote"], aggregation: "flow" }] },
  },
  {
    code: "beneficiariesByPublicTotal",
    label: "Bénéficiaires répartis par public (enseignants, encadrement, parents, collectivités, autres)",
    unit: "nombre",
    group: SUMMARY_GROUP.code,
    formula: { kind: "sum", terms: [{ fields: PUBLICS, aggregation: "flow" }] },
  },
  {
    code: "participantsTotal",
    label: "Participants aux sessions de co-design et aux conférences et événements",
    unit: "nombre",
    group: SUMMARY_GROUP.code,
    formula: { kind: "sum", terms: [{ fields: ["codesignParticipants", "eventParticipants"], aggregation: "flow" }] },
  },
  {
    code: "agreementsTotal",
    label: "Conventions signées (ESPE/INSPÉ, collectivités, autres partenaires)",
    unit: "nombre",
    group: SUMMARY_GROUP.code,
    formula: { kind: "sum", terms: [{ fields: ["agreementsEspe", "agreementsLocalAuthorities", "agreementsOther"], aggregation: "flow" }] },
  },
];

/** Reporting: share of expected reports submitted, validated, and submitted on time. */
export const REPORTING_FIGURES: readonly FigureDef[] = [
  {
    code: "reportsExpected",
    label: "Rapports attendus (mois terminés)",
    unit: "nombre",
    group: REPORTING_GROUP.code,
    formula: { kind: "count", count: "expected" },
  },
  {
    code: "reportsSubmitted",
    label: "Rapports attendus soumis ou validés",
    unit: "nombre",
    group: REPORTING_GROUP.code,
    formula: { kind: "count", count: "submitted" },
  },
  {
    code: "reportsValidated",
    label: "Rapports attendus validés",
    unit: "nombre",
    group: REPORTING_GROUP.code,
    formula: { kind: "count", count: "validated" },
  },
  {
    code: "reportsOnTime",
    label: "Rapports soumis au plus tard le jour d'échéance",
    unit: "nombre",
    group: REPORTING_GROUP.code,
    formula: { kind: "count", count: "onTime" },
  },
  {
    code: "submissionRate",
    label: "Part des rapports attendus soumis",
    unit: "%",
    group: REPORTING_GROUP.code,
    formula: { kind: "rate", numerator: "submitted", denominator: "expected" },
  },
  {
    code: "validationRate",
    label: "Part des rapports attendus validés",
    unit: "%",
    group: REPORTING_GROUP.code,
    formula: { kind: "rate", numerator: "validated", denominator: "expected" },
  },
  {
    code: "onTimeRate",
    label: "Part des rapports attendus soumis à l'heure",
    unit: "%",
    group: REPORTING_GROUP.code,
    formula: { kind: "rate", numerator: "onTime", denominator: "expected" },
  },
];

/**
 * One figure per numeric field, grouped by the questionnaire's sections. A
 * field counts the reports of the versions that have it: a period whose
 * reports never had it (a field added by version 2, in a version 1 year)
 * has no value for it, not 0.
 */
export function fieldFigures(fields: readonly AggregatedField[]): FigureDef[] {
  return fields.map((f) => ({
    code: f.code,
    label: f.label,
    unit: "nombre",
    group: f.section,
    formula: { kind: "sum", terms: [{ fields: [f.code], aggregation: f.aggregation, when: { hasField: f.code } }] },
  }));
}

/** The groups of the dashboard's figures, in the order shown. */
export function figureGroups(fields: readonly AggregatedField[]): FigureGroup[] {
  const sections = new Map<string, string>();
  for (const f of fields) if (!sections.has(f.section)) sections.set(f.section, f.sectionTitle);
  return [SUMMARY_GROUP, ...[...sections].map(([code, label]) => ({ code, label })), REPORTING_GROUP];
}

/** Every figure of the dashboard: the summary, each field's total, the reporting figures. */
export function dashboardFigures(fields: readonly AggregatedField[]): FigureDef[] {
  return [...SUMMARY_FIGURES, ...fieldFigures(fields), ...REPORTING_FIGURES];
}
