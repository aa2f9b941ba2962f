/**
 * The running totals shown under a block. Which fields add up comes from the
 * questionnaire's own rules (the ESPE share of trainee-days is bounded by the
 * total of trainee-days; the beneficiaries by public should add up to the
 * visitors and off-site beneficiaries): a new version of the questionnaire
 * that drops a rule drops its total.
 */
import { type FormDefinition, formatFrenchNumber, type ReportValues, type RuleDef } from "@enquete/domain";

export type LiveTotal = {
  key: string;
  /** The section it sums up (the one holding the rule's first field). */
  section: string;
  text: (values: ReportValues) => string;
};

const add = (values: ReportValues, codes: string[]) => {
  let total = 0;
  for (const code of codes) {
    const v = values[code];
    if (typeof v === "number") total += v;
  }
  return Math.round(total * 100) / 100;
};

const TOTALS: { rule: string; build: (rule: RuleDef) => ((values: ReportValues) => string) | null }[] = [
  {
    rule: "espeDaysWithinDays",
    build: (rule) =>
      rule.kind === "lte" ? (values) => `Total des journées stagiaires : ${formatFrenchNumber(add(values, rule.max))}` : null,
  },
  {
    rule: "beneficiariesByPublic",
    build: (rule) =>
      rule.kind === "sumEquals"
        ? (values) =>
            `Répartition par public : ${formatFrenchNumber(add(values, rule.parts))} sur ${formatFrenchNumber(add(values, rule.total))}`
        : null,
  },
];

function firstFieldOf(rule: RuleDef): string | undefined {
  if (rule.kind === "lte") return rule.max[0];
  if (rule.kind === "sumEquals") return rule.total[0];
  return undefined;
}

export function liveTotals(form: FormDefinition): LiveTotal[] {
  const out: LiveTotal[] = [];
  for (const t of TOTALS) {
    const rule = form.rules.find((r) => r.code === t.rule);
    const text = rule && t.build(rule);
    const first = rule && firstFieldOf(rule);
    const section = first && form.sections.find((s) => s.fields.some((f) => f.code === first));
    if (text && section) out.push({ key: t.rule, section: section.code, text });
  }
  return out;
}
