/** French texts of the demo history: justifications, return comments and the mistakes they point out. */
import { type FormDefinition, type History, median, type ReportValues, softWarnings, type Warning } from "@enquete/domain";
import type { Random } from "./random.ts";
import { half, partsAndTotal } from "./values.ts";

const PUBLICS_UNDER = [
  "Une partie des visiteurs de la journée portes ouvertes n'a pas pu être répartie par public.",
  "Le public d'une animation en médiathèque n'a pas été communiqué par notre partenaire.",
  "Les participants du salon hors les murs ont été comptés sans distinction de public.",
];
const PUBLICS_OVER = [
  "Certains participants sont à la fois parents et personnels des collectivités : ils figurent dans deux publics.",
  "Des enseignants venus en famille sont comptés à la fois comme enseignants et comme parents.",
];
const SUMMER_LOW = "Fermeture estivale de l'atelier : activité très réduite ce mois-ci.";
const HOLIDAY_LOW = "Activité réduite ce mois-ci : vacances scolaires.";
const LOW = [
  "Activité réduite ce mois-ci : travaux dans la salle de formation.",
  "Formations reportées au mois prochain à la demande de la circonscription.",
];
const BACK_TO_SCHOOL_HIGH = "Chiffre confirmé : reprise de l'activité après la fermeture estivale et plan de formation de rentrée.";
const HIGH = [
  "Chiffre confirmé : événement exceptionnel ce mois-ci (salon ou journée portes ouvertes).",
  "Chiffre confirmé : plusieurs sessions programmées avec les établissements ce mois-ci.",
];
/** Months with two weeks of school holidays (winter, spring, Toussaint, Christmas). */
const HOLIDAY_MONTHS = [2, 4, 10, 12];

function justificationText(r: Random, w: Warning, values: ReportValues, history: History, month: number): string {
  if (w.rule === "beneficiariesByPublic") {
    const { parts, total } = partsAndTotal(values);
    return r.pick(parts < total ? PUBLICS_UNDER : PUBLICS_OVER);
  }
  const field = w.fields[0] ?? "";
  const med = median(history[field] ?? []) ?? 0;
  if (Number(values[field]) >= med) return month === 9 ? BACK_TO_SCHOOL_HIGH : r.pick(HIGH);
  if (month === 7 || month === 8) return SUMMER_LOW;
  return HOLIDAY_MONTHS.includes(month) ? HOLIDAY_LOW : r.pick(LOW);
}

/** The comments a director gives to submit despite the soft rules' warnings (those of the report's own version). */
export function justificationsFor(
  r: Random,
  form: FormDefinition,
  values: ReportValues,
  history: History,
  month: number,
): Record<string, string> {
  const warnings = softWarnings(form, values, history);
  return Object.fromEntries(warnings.map((w) => [w.code, justificationText(r, w, values, history, month)]));
}

/** Why a territorial director returns a report, each when the report's figures make it plausible. */
const RETURN_REASONS: { applies: (v: ReportValues) => boolean; comment: string }[] = [
  {
    applies: (v) => partsAndTotal(v).parts !== partsAndTotal(v).total,
    comment: "Merci de préciser la répartition des bénéficiaires par public : l'écart avec le total n'est pas assez expliqué.",
  },
  {
    applies: (v) => Number(v.events) > 0,
    comment: "Le nombre de participants aux événements paraît faible au regard des événements déclarés : pouvez-vous vérifier ?",
  },
  {
    applies: (v) => Number(v.traineeDaysRemote) > 0,
    comment: "Les journées stagiaires à distance semblent comptées en heures et non en journées : merci de corriger.",
  },
  {
    applies: (v) => Number(v.codesignSessions) > 0,
    comment: "Merci de détailler dans les faits marquants la session de co-design présentée en réunion de direction.",
  },
  {
    applies: () => true,
    comment: "Le nombre de formateurs certifiés ne correspond pas à celui transmis au service des ressources humaines : merci de vérifier.",
  },
];

export function returnComment(r: Random, values: ReportValues): string {
  return r.pick(RETURN_REASONS.filter((reason) => reason.applies(values)).map((reason) => reason.comment));
}

interface Mistake {
  field: string;
  comment: string;
  wrong: (r: Random, value: number) => number;
}

/** Errors a territorial director catches before validating; the director then corrects the figure. */
const MISTAKES: Mistake[] = [
  {
    field: "traineeDaysOffSite",
    comment: "Les journées stagiaires hors les murs paraissent élevées : des stagiaires ont-ils été comptés deux fois ? Merci de vérifier.",
    wrong: (r, v) => v + Math.max(0.5, half(v * r.range(0.4, 0.9))),
  },
  {
    field: "mediationBeneficiaries",
    comment: "Le nombre de bénéficiaires d'actes de médiation dépasse ce que laisse attendre la fréquentation du mois : merci de vérifier.",
    wrong: (r, v) => v + r.int(15, 60),
  },
];

export function mistakeFor(values: ReportValues): Mistake {
  return Number(values.traineeDaysOffSite) >= 2 ? (MISTAKES[0] as Mistake) : (MISTAKES[1] as Mistake);
}
