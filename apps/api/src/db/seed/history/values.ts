/** A month's figures of the demo history. */
import { type FormDefinition, type History, numericFields, type ReportValues } from "@enquete/domain";
import type { Profile, Scale, Team } from "./profiles.ts";
import type { Random } from "./random.ts";

/** Activity of each month relative to the others (January first): summer is quiet, August nearly closed. */
const MONTH_ACTIVITY = [1.0, 0.95, 1.15, 0.95, 1.0, 1.1, 0.4, 0.08, 1.05, 1.1, 1.15, 0.8];
const MONTH_FACTORS = MONTH_ACTIVITY.map((a) => (a * 12) / MONTH_ACTIVITY.reduce((x, y) => x + y, 0));

/** Trainee-days are counted in half days. */
export const half = (x: number) => Math.max(0, Math.round(x * 2) / 2);

function trainingValues(r: Random, p: Profile, mean: number): ReportValues {
  // `mean` is in-person trainee-days (in and out of the walls), what indicator 1-1 counts;
  // remote days come on top of them, as in the contract's fiche.
  const days = mean * r.noise(0.3);
  const onSite = half(days * p.onSiteShare * r.noise(0.15));
  const offSite = half(days * (1 - p.onSiteShare) * r.noise(0.2));
  const remote = p.remoteShare > 0 ? half(days * p.remoteShare * r.noise(0.3)) : 0;
  const total = onSite + offSite + remote;
  const espe = Math.min(total, half(total * p.espeShare * r.noise(0.5)));
  const actions = total === 0 ? 0 : Math.max(1, Math.round(total / r.range(4, 10)));
  return {
    trainingActions: actions,
    trainingActionsEspe: espe === 0 ? 0 : Math.min(actions, Math.max(1, Math.round((actions * espe) / total))),
    trainees: total === 0 ? 0 : Math.max(actions, Math.round(total / r.range(1, 1.8))),
    traineeDaysOnSite: onSite,
    traineeDaysOffSite: offSite,
    traineeDaysRemote: remote,
    traineeDaysEspe: espe,
  };
}

/**
 * An ESPE/INSPÉ partnership action lasts a quarter longer than the others
 * (modules over several days) and has smaller groups: this is why indicator
 * 1-5 by its fiche (training days, about 10 % on the demo) is above version
 * 1's trainee-day proxy (about 6 %).
 */
const ESPE_LONGER = 1.25;

/**
 * The training days of questionnaire version 2 (domain page, section 3): one
 * day of an action, whatever the number of trainees. A trainee attends one
 * action, so an action lasts about as long as a trainee's days (trainee-days
 * per trainee), and the month's training days are its actions times that;
 * the ESPE training days follow the ESPE actions the same way. Drawn from a
 * stream of their own, so that every other figure is what the same seed gave
 * before version 2.
 */
export function trainingDaysValues(r: Random, values: ReportValues): ReportValues {
  const actions = Number(values.trainingActions ?? 0);
  const espeActions = Number(values.trainingActionsEspe ?? 0);
  const trainees = Number(values.trainees ?? 0);
  const traineeDays =
    Number(values.traineeDaysOnSite ?? 0) + Number(values.traineeDaysOffSite ?? 0) + Number(values.traineeDaysRemote ?? 0);
  const duration = trainees > 0 ? traineeDays / trainees : 0;
  // Every day of an action has at least one trainee: never more training days than trainee-days (the v2 rule).
  const days = actions === 0 ? 0 : Math.min(traineeDays, Math.max(actions * 0.5, half(actions * duration * r.noise(0.2))));
  const espe =
    espeActions === 0
      ? 0
      : Math.min(days, Number(values.traineeDaysEspe ?? 0), Math.max(0.5, half(espeActions * duration * ESPE_LONGER * r.noise(0.2))));
  return { trainingDays: days, trainingDaysEspe: espe };
}

const PUBLIC_FIELDS = [
  "beneficiariesTeachers",
  "beneficiariesSupervisors",
  "beneficiariesParents",
  "beneficiariesLocalStaff",
  "beneficiariesOther",
];
const PUBLIC_WEIGHTS = [0.55, 0.05, 0.12, 0.06, 0.22];

/** The beneficiaries by public: the five parts add up to the total. */
function splitByPublic(r: Random, total: number): number[] {
  const weights = PUBLIC_WEIGHTS.map((w) => w * r.noise(0.2));
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.slice(0, -1).map((w) => Math.floor((total * w) / sum));
  return [...parts, total - parts.reduce((a, b) => a + b, 0)];
}

function beneficiaryValues(r: Random, p: Profile, mean: number): ReportValues {
  const total = Math.round(mean * r.noise(0.25));
  const visitors = Math.min(total, Math.round(total * p.visitorsShare * r.noise(0.1)));
  const parts = splitByPublic(r, total);
  return {
    visitorsOnSite: visitors,
    beneficiariesOffSite: total - visitors,
    ...Object.fromEntries(PUBLIC_FIELDS.map((f, i) => [f, parts[i] ?? 0])),
    mediationBeneficiaries: Math.round(total * r.range(0.15, 0.3)),
    adviceBeneficiaries: Math.round(total * r.range(0.04, 0.1)),
  };
}

function activityValues(r: Random, p: Profile, scale: Scale, factor: number, inEspe: boolean): ReportValues {
  const sessions = r.poisson(scale.codesign * p.codesignWeight * factor);
  const dpe = r.poisson(scale.eventsDpe * p.size * factor);
  const events = dpe + r.poisson(0.6 * scale.eventsDpe * p.size * factor);
  return {
    codesignSessions: sessions,
    codesignParticipants: sessions === 0 ? 0 : sessions * r.int(5, 14),
    events,
    eventsDpe: dpe,
    eventParticipants: events === 0 ? 0 : events * r.int(12, 40),
    agreementsEspe: r.poisson(inEspe ? 0.12 : 0.04),
    agreementsLocalAuthorities: r.poisson(0.15 * factor),
    agreementsOther: r.poisson(0.2 * factor),
    localAuthoritiesServed: r.poisson(p.authorities * factor),
  };
}

const HIGHLIGHTS = [
  "Journée portes ouvertes de l'atelier avec les enseignants du bassin.",
  "Lancement d'un parcours de formation à l'éducation aux médias et à l'information avec l'INSPÉ.",
  "Accueil d'une classe de CM2 pour une semaine de résidence autour de la robotique.",
  "Participation au salon académique du numérique éducatif.",
  "Session de co-design avec des enseignants de lycée professionnel sur l'aménagement des espaces.",
  "Formation des référents numériques du premier degré en partenariat avec la DANE.",
  "Exposition « Climat, à nous d'agir » présentée à l'atelier tout le mois.",
  "Signature d'une convention avec la communauté de communes pour le réseau des médiathèques.",
  "Arrivée d'une nouvelle médiatrice à l'atelier en début de mois.",
  "Ateliers de programmation pour les familles pendant la Fête de la science.",
  "Travaux dans la salle de formation : accueil réduit pendant deux semaines.",
  "Rencontre des directeurs d'école de la circonscription autour de l'offre de l'atelier.",
];

function highlightFor(r: Random, month: number): string | null {
  if (month === 8 && r.chance(0.35)) return `Fermeture estivale de l'atelier du 1er au ${r.int(15, 25)} août.`;
  if (month === 9 && r.chance(0.1)) return "Rentrée : accueil des enseignants néo-titulaires du département.";
  return r.chance(0.1) ? r.pick(HIGHLIGHTS) : null;
}

/** Every field of a month, as a director would enter it; a rare breakdown by public does not add up. */
export function monthValues(r: Random, p: Profile, scale: Scale, month: number, team: Team, inEspe: boolean): ReportValues {
  const factor = MONTH_FACTORS[month - 1] ?? 1;
  const values: ReportValues = {
    ...trainingValues(r, p, scale.traineeDays * p.size * factor),
    ...beneficiaryValues(r, p, scale.beneficiaries * p.size * factor),
    ...activityValues(r, p, scale, factor, inEspe),
    trainers: team.trainers,
    trainersCertified: team.certified,
  };
  unbalancePublics(r, values);
  const highlight = highlightFor(r, month);
  if (highlight) values.highlights = highlight;
  return values;
}

/** In about 3 % of reports, some beneficiaries are left out of the breakdown, or counted twice. */
function unbalancePublics(r: Random, values: ReportValues): void {
  const total = Number(values.visitorsOnSite) + Number(values.beneficiariesOffSite);
  if (total < 30 || !r.chance(0.03)) return;
  const gap = r.int(3, Math.max(3, Math.round(total * 0.1)));
  const other = Number(values.beneficiariesOther);
  if (other >= gap && r.chance(0.7)) values.beneficiariesOther = other - gap;
  else values.beneficiariesParents = Number(values.beneficiariesParents) + gap;
}

export function partsAndTotal(values: ReportValues): { parts: number; total: number } {
  const parts = PUBLIC_FIELDS.reduce((a, f) => a + Number(values[f] ?? 0), 0);
  return { parts, total: Number(values.visitorsOnSite ?? 0) + Number(values.beneficiariesOffSite ?? 0) };
}

/** The figures of the atelier's last 12 validated months, per numeric field of the form being checked (the outlier rule's reference). */
export function historyOf(validated: readonly ReportValues[], form: FormDefinition): History {
  const recent = validated.slice(-12);
  return Object.fromEntries(
    numericFields(form).map((f) => [f.code, recent.map((v) => v[f.code]).filter((x): x is number => typeof x === "number")]),
  );
}
