/**
 * Demo history (domain page, section 8): two years of plausible monthly
 * reports for every atelier, each with the events that led to its status, so
 * that every list, report and indicator shows something real from the first
 * start. Deterministic for a seed; a calendar year of the whole network is
 * near the contract's 2016 figures (section 5). Runs once: it does nothing
 * when a report already exists.
 */
import {
  addMonths,
  compareAtelierCodes,
  FORM_V1,
  firstDay,
  formatPeriod,
  formFields,
  type History,
  type Membership,
  median,
  nextStatus,
  type Period,
  parsePeriod,
  periodOfDate,
  type ReportAction,
  type ReportStatus,
  type ReportValues,
  softWarnings,
  territoryOn,
  type Warning,
} from "@enquete/domain";
import { like, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { ateliers, atelierTerritories, reportEvents, reports, users } from "../schema.ts";
import { DEMO_DOMAIN } from "./demo.ts";

/** The history covers the current month and the 24 before it. */
export const HISTORY_MONTHS_BACK = 24;
export const HISTORY_MONTHS = HISTORY_MONTHS_BACK + 1;
export const DEFAULT_HISTORY_SEED = 2017;

/** A calendar year of the whole network, as the contract's 2016 baseline counts it (domain page, section 5). */
export const YEARLY_TARGETS = { traineeDays: 87_325, beneficiaries: 447_826, codesignSessions: 838, eventsDpe: 3_170 } as const;

/** Share of expected reports that exist once a month is over (about 2 % are never filled). */
const EXPECTED_PRESENCE = 0.98;
const INSERT_CHUNK = 500;
const LOCK_KEY = 72615004;

// ---------------------------------------------------------------- random numbers

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** Real number in [min, max). */
  range(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Standard normal. */
  normal(): number;
  /** A positive factor of mean 1, log-normal with the given spread. */
  noise(spread: number): number;
  poisson(mean: number): number;
}

/** A small seeded generator (the mulberry32 algorithm): same seed, same demo at every first start. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    normal,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    noise: (spread) => Math.exp(spread * normal() - (spread * spread) / 2),
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k += 1;
      return k;
    },
  };
}

/** One seed per atelier, so that an atelier's story does not depend on the others'. */
function seedFor(seed: number, key: string): number {
  let h = 2166136261;
  for (const ch of `${seed}/${key}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------- Paris calendar

function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + n);
  return new Date(t).toISOString().slice(0, 10);
}

function daysInMonth(p: Period): number {
  return new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
}

const parisClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
const parisOffsets = new Map<string, number>();

/** Minutes Paris is ahead of UTC on that day (read at noon: summer time changes at night). */
function parisOffsetMinutes(day: string): number {
  const cached = parisOffsets.get(day);
  if (cached !== undefined) return cached;
  const noon = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), 12);
  const parts = Object.fromEntries(parisClock.formatToParts(new Date(noon)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  const offset = Math.round((wall - noon) / 60_000);
  parisOffsets.set(day, offset);
  return offset;
}

/** The instant of a Paris wall-clock time: `minutes` after midnight of `day`. */
export function parisInstant(day: string, minutes: number): Date {
  const midnight = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(midnight + (minutes - parisOffsetMinutes(day)) * 60_000);
}

// ---------------------------------------------------------------- the network as it is in the database

interface AtelierInfo {
  code: string;
  hasLab: boolean;
  inEspe: boolean;
  openedOn: string;
  closedOn: string | null;
  memberships: Membership[];
}

interface Actor {
  id: string | null;
  label: string;
}

interface Context {
  ateliers: AtelierInfo[];
  actors: Map<string, Actor>;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function loadContext(tx: Tx): Promise<Context> {
  const atelierRows = await tx
    .select({
      code: ateliers.code,
      hasLab: ateliers.hasLab,
      inEspe: ateliers.inEspe,
      openedOn: ateliers.openedOn,
      closedOn: ateliers.closedOn,
    })
    .from(ateliers);
  const memberRows = await tx.select().from(atelierTerritories);
  const userRows = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(like(users.email, `%@${DEMO_DOMAIN}`));
  const memberships = (code: string) =>
    memberRows
      .filter((m) => m.atelierCode === code)
      .map((m) => ({ territoryCode: m.territoryCode, validFrom: m.validFrom, validTo: m.validTo }));
  return {
    ateliers: atelierRows.sort((a, b) => compareAtelierCodes(a.code, b.code)).map((a) => ({ ...a, memberships: memberships(a.code) })),
    actors: new Map(userRows.map((u) => [u.email.toLowerCase(), { id: u.id, label: u.displayName }])),
  };
}

function atelierActor(ctx: Context, code: string): Actor {
  return ctx.actors.get(`atelier.${code.toLowerCase()}@${DEMO_DOMAIN}`) ?? { id: null, label: `Atelier Canopé ${code}` };
}

function territoryActor(ctx: Context, territory: string): Actor {
  return ctx.actors.get(`dt.${territory}@${DEMO_DOMAIN}`) ?? { id: null, label: `Direction territoriale ${territory}` };
}

// ---------------------------------------------------------------- ateliers' profiles

/** What makes an atelier itself: its size and habits, drawn once. */
interface Profile {
  /** Activity relative to the network's mean atelier (mean 1): a few big ones, many small ones. */
  size: number;
  /** The same for co-design, which ateliers with a laboratoire des usages do more of (mean 1). */
  codesignWeight: number;
  onSiteShare: number;
  remoteShare: number;
  espeShare: number;
  visitorsShare: number;
  authorities: number;
  certifiedShare: number;
  /** Probability of submitting a month after its due date. */
  lateness: number;
}

function drawProfile(r: Random, atelier: AtelierInfo): Profile {
  const size = Math.exp(0.6 * r.normal());
  return {
    size,
    codesignWeight: size * (atelier.hasLab ? 2 : 1),
    onSiteShare: r.range(0.4, 0.7),
    remoteShare: r.chance(0.3) ? 0 : r.range(0.05, 0.2),
    espeShare: atelier.inEspe ? r.range(0.1, 0.18) : r.range(0.02, 0.07),
    visitorsShare: r.range(0.5, 0.8),
    authorities: r.range(1, 4),
    certifiedShare: r.range(0, 0.22),
    lateness: r.range(0.02, 0.22),
  };
}

/** Rescales sizes so that the network's mean atelier weighs 1: the yearly totals then hit the targets. */
function normalizeProfiles(profiles: Profile[]): Profile[] {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const size = mean(profiles.map((p) => p.size));
  const codesign = mean(profiles.map((p) => p.codesignWeight));
  return profiles.map((p) => ({ ...p, size: p.size / size, codesignWeight: p.codesignWeight / codesign }));
}

// ---------------------------------------------------------------- a month's figures

/** Activity of each month relative to the others (January first): summer is quiet, August nearly closed. */
const MONTH_ACTIVITY = [1.0, 0.95, 1.15, 0.95, 1.0, 1.1, 0.4, 0.08, 1.05, 1.1, 1.15, 0.8];
const MONTH_FACTORS = MONTH_ACTIVITY.map((a) => (a * 12) / MONTH_ACTIVITY.reduce((x, y) => x + y, 0));

/** Mean figures of one report for an atelier of size 1 in a month of factor 1. */
interface Scale {
  traineeDays: number;
  beneficiaries: number;
  codesign: number;
  eventsDpe: number;
}

function scaleFor(atelierCount: number): Scale {
  const reportsPerYear = Math.max(1, atelierCount) * 12 * EXPECTED_PRESENCE;
  return {
    traineeDays: YEARLY_TARGETS.traineeDays / reportsPerYear,
    beneficiaries: YEARLY_TARGETS.beneficiaries / reportsPerYear,
    codesign: YEARLY_TARGETS.codesignSessions / reportsPerYear,
    eventsDpe: YEARLY_TARGETS.eventsDpe / reportsPerYear,
  };
}

interface Team {
  trainers: number;
  certified: number;
}

function initialTeam(r: Random, p: Profile): Team {
  const trainers = Math.max(1, Math.round((2 + 5 * p.size) * r.noise(0.25)));
  return { trainers, certified: Math.min(trainers, Math.round(trainers * p.certifiedShare)) };
}

/** The team changes rarely, most often at the start of the school year. */
function nextTeam(r: Random, team: Team, month: number): Team {
  let { trainers, certified } = team;
  if (r.chance(month === 9 ? 0.25 : 0.04)) trainers = Math.max(1, trainers + r.pick([-1, 1]));
  if (r.chance(0.03)) certified += r.pick([-1, 1]);
  return { trainers, certified: Math.max(0, Math.min(trainers, certified)) };
}

/** Trainee-days are counted in half days. */
const half = (x: number) => Math.max(0, Math.round(x * 2) / 2);

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
function monthValues(r: Random, p: Profile, scale: Scale, month: number, team: Team, inEspe: boolean): ReportValues {
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

// ---------------------------------------------------------------- justifications (soft rules)

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

function partsAndTotal(values: ReportValues): { parts: number; total: number } {
  const parts = PUBLIC_FIELDS.reduce((a, f) => a + Number(values[f] ?? 0), 0);
  return { parts, total: Number(values.visitorsOnSite ?? 0) + Number(values.beneficiariesOffSite ?? 0) };
}

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

/** The comments a director gives to submit despite the soft rules' warnings. */
function justificationsFor(r: Random, values: ReportValues, history: History, month: number): Record<string, string> {
  const warnings = softWarnings(FORM_V1, values, history);
  return Object.fromEntries(warnings.map((w) => [w.code, justificationText(r, w, values, history, month)]));
}

const NUMERIC_FIELDS = formFields(FORM_V1)
  .filter((f) => f.type !== "text")
  .map((f) => f.code);

/** The figures of the atelier's last 12 validated months, per field (the outlier rule's reference). */
function historyOf(validated: readonly ReportValues[]): History {
  const recent = validated.slice(-12);
  return Object.fromEntries(NUMERIC_FIELDS.map((f) => [f, recent.map((v) => v[f]).filter((x): x is number => typeof x === "number")]));
}

// ---------------------------------------------------------------- filling a report step by step

const FORM_ORDER = formFields(FORM_V1).map((f) => f.code);
const FLOW_SECTIONS = FORM_V1.sections.filter((s) => s.fields.every((f) => f.kind === "flow")).map((s) => s.fields.map((f) => f.code));
const SNAPSHOT_FIELDS = formFields(FORM_V1)
  .filter((f) => f.kind === "snapshot")
  .map((f) => f.code);

/** What a director has entered after the first `sections` blocks: the team is prefilled from last month. */
function partialValues(values: ReportValues, sections: number): ReportValues {
  const codes = [...FLOW_SECTIONS.slice(0, sections).flat(), ...SNAPSHOT_FIELDS];
  return Object.fromEntries(FORM_ORDER.filter((c) => codes.includes(c) && values[c] !== undefined).map((c) => [c, values[c] ?? null]));
}

type Change = { field: string; from: number | string | null; to: number | string | null };

function changesBetween(before: ReportValues, after: ReportValues): Change[] {
  return FORM_ORDER.filter((f) => after[f] !== undefined && after[f] !== before[f]).map((f) => ({
    field: f,
    from: before[f] ?? null,
    to: after[f] ?? null,
  }));
}

type Action = "create" | Exclude<ReportAction, "reopen">;

interface PlannedEvent {
  action: Action;
  at: Date;
  actor: Actor;
  changes: Change[];
  comment: string | null;
  justifications?: Record<string, string>;
}

/** Events placed on days counted from `start`, during office hours, always in order. */
function timeline(r: Random, start: string) {
  const events: PlannedEvent[] = [];
  let last = 0;
  const add = (dayOffset: number, event: Omit<PlannedEvent, "at">) => {
    let at = parisInstant(addDays(start, dayOffset), r.int(8 * 60, 18 * 60 + 30)).getTime();
    if (at <= last) at = last + r.int(3, 90) * 60_000;
    last = at;
    events.push({ ...event, at: new Date(at) });
  };
  return { events, add };
}

type Timeline = ReturnType<typeof timeline>;

const event = (action: Action, actor: Actor, changes: Change[] = [], comment: string | null = null) => ({
  action,
  actor,
  changes,
  comment,
});

/** The director enters the figures: at once, or in two sittings (a block at a time, or the highlights at the end). */
function fill(r: Random, t: Timeline, actor: Actor, days: { from: number; to: number }, values: ReportValues): void {
  const split = r.chance(0.35)
    ? partialValues(values, r.int(1, 4))
    : values.highlights && r.chance(0.5)
      ? Object.fromEntries(Object.entries(values).filter(([k]) => k !== "highlights"))
      : null;
  if (!split) {
    t.add(days.from, event("create", actor, changesBetween({}, values)));
    return;
  }
  t.add(days.from, event("create", actor, changesBetween({}, split)));
  t.add(r.int(days.from, days.to), event("save", actor, changesBetween(split, values)));
}

// ---------------------------------------------------------------- how a month ends

type Outcome = "missing" | "validated" | "corrected" | "returned" | "submitted";

/** Most reports are validated; a few wait for the territory, stay returned, or are never filled. */
function drawOutcome(r: Random): Outcome {
  const u = r.next();
  if (u < 0.02) return "missing";
  if (u < 0.04) return "returned";
  if (u < 0.06) return "submitted";
  if (u < 0.09) return "corrected";
  return "validated";
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

function returnComment(r: Random, values: ReportValues): string {
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

function mistakeFor(values: ReportValues): Mistake {
  return Number(values.traineeDaysOffSite) >= 2 ? (MISTAKES[0] as Mistake) : (MISTAKES[1] as Mistake);
}

/** Days (counted from the 1st of the next month) on which the report is submitted, then decided. */
function submissionDay(r: Random, lateness: number): number {
  // Day 9 is the 10th, the due date: later is late.
  return r.chance(lateness) ? r.int(10, 40) : r.int(2, 9);
}

const decisionDelay = (r: Random) => (r.chance(0.7) ? r.int(1, 6) : r.int(7, 20));

interface MonthInput {
  period: Period;
  values: ReportValues;
  history: History;
  profile: Profile;
  atelier: Actor;
  territory: Actor;
}

/** A month that is over: filled in the first days after it, submitted, then validated or returned. */
function planClosedMonth(r: Random, m: MonthInput): PlannedEvent[] {
  const outcome = drawOutcome(r);
  if (outcome === "missing") return [];
  const t = timeline(r, firstDay(addMonths(m.period, 1)));
  const submit = submissionDay(r, m.profile.lateness);
  const create = Math.max(0, submit - r.int(0, submit >= 10 ? 12 : 5));
  const mistake = outcome === "corrected" ? mistakeFor(m.values) : null;
  const submitted = mistake ? { ...m.values, [mistake.field]: mistake.wrong(r, Number(m.values[mistake.field])) } : m.values;
  fill(r, t, m.atelier, { from: create, to: submit }, submitted);
  const justify = (v: ReportValues) => justificationsFor(r, v, m.history, m.period.month);
  t.add(submit, { ...event("submit", m.atelier), justifications: justify(submitted) });
  if (outcome === "returned") t.add(submit + r.int(1, 6), event("return", m.territory, [], returnComment(r, m.values)));
  if (outcome === "validated") t.add(submit + decisionDelay(r), event("validate", m.territory));
  if (mistake) {
    const returned = submit + r.int(1, 5);
    const corrected = returned + r.int(0, 4);
    t.add(returned, event("return", m.territory, [], mistake.comment));
    t.add(corrected, event("save", m.atelier, changesBetween(submitted, m.values)));
    t.add(corrected, { ...event("submit", m.atelier), justifications: justify(m.values) });
    t.add(corrected + r.int(1, 5), event("validate", m.territory));
  }
  return t.events;
}

/** The month in progress: a minority of directors have started their draft. */
function planCurrentMonth(r: Random, m: MonthInput): PlannedEvent[] {
  if (!r.chance(0.3)) return [];
  const t = timeline(r, firstDay(m.period));
  const day = r.int(0, daysInMonth(m.period) - 1);
  const sections = r.int(0, 3);
  const first = partialValues(m.values, sections);
  t.add(day, event("create", m.atelier, changesBetween({}, first)));
  if (r.chance(0.4)) t.add(day + r.int(0, 3), event("save", m.atelier, changesBetween(first, partialValues(m.values, sections + 1))));
  return t.events;
}

// ---------------------------------------------------------------- from events to rows

type ReportRow = typeof reports.$inferInsert;
type EventRow = Omit<typeof reportEvents.$inferInsert, "reportId">;

interface BuiltReport {
  row: ReportRow;
  events: EventRow[];
}

/** Replays the events: the report's status, values and dates are what they left. */
function replay(events: PlannedEvent[], base: { atelierCode: string; period: string; territoryCode: string }): BuiltReport {
  let status: ReportStatus | null = null;
  const values: ReportValues = {};
  let justifications: Record<string, string> = {};
  const dates: { firstSubmittedAt: Date | null; submittedAt: Date | null; validatedAt: Date | null } = {
    firstSubmittedAt: null,
    submittedAt: null,
    validatedAt: null,
  };
  const rows: EventRow[] = [];
  for (const e of events) {
    const from: ReportStatus | null = status;
    const to = nextOf(from, e.action);
    status = to;
    for (const c of e.changes) values[c.field] = c.to;
    if (e.action === "submit") {
      justifications = e.justifications ?? {};
      dates.firstSubmittedAt ??= e.at;
      dates.submittedAt = e.at;
    }
    if (e.action === "validate") dates.validatedAt = e.at;
    const { id: actorId, label: actorLabel } = e.actor;
    rows.push({
      at: e.at,
      actorId,
      actorLabel,
      action: e.action,
      fromStatus: from,
      toStatus: to,
      version: rows.length + 1,
      changes: e.changes,
      comment: e.comment,
    });
  }
  const first = events[0] as PlannedEvent;
  const last = events[events.length - 1] as PlannedEvent;
  return {
    row: {
      ...base,
      status: rows[rows.length - 1]?.toStatus ?? "draft",
      version: rows.length,
      formVersion: FORM_V1.version,
      values,
      justifications,
      createdAt: first.at,
      updatedAt: last.at,
      ...dates,
    },
    events: rows,
  };
}

function nextOf(from: ReportStatus | null, action: Action): ReportStatus {
  if (action === "create") return "draft";
  const next = from ? nextStatus(from, action) : { error: "no report yet" };
  if ("error" in next) throw new Error(`Demo history: ${action} impossible from ${from}: ${next.error}`);
  return next.to;
}

// ---------------------------------------------------------------- the whole history

interface Options {
  scale: Scale;
  periods: Period[];
  cutoff: Date;
}

function isOpen(a: AtelierInfo, day: string): boolean {
  return a.openedOn <= day && (a.closedOn === null || a.closedOn > day);
}

/** One atelier's 25 months. Every month draws its figures, even a missing one, so each story is stable. */
function atelierReports(ctx: Context, a: AtelierInfo, r: Random, profile: Profile, o: Options): BuiltReport[] {
  const built: BuiltReport[] = [];
  const validated: ReportValues[] = [];
  let team = initialTeam(r, profile);
  for (const [index, period] of o.periods.entries()) {
    team = nextTeam(r, team, period.month);
    const values = monthValues(r, profile, o.scale, period.month, team, a.inEspe);
    const day = firstDay(period);
    const territoryCode = territoryOn(a.memberships, day);
    if (!territoryCode || !isOpen(a, day)) continue;
    const input = {
      period,
      values,
      history: historyOf(validated),
      profile,
      atelier: atelierActor(ctx, a.code),
      territory: territoryActor(ctx, territoryCode),
    };
    const planned = index === o.periods.length - 1 ? planCurrentMonth(r, input) : planClosedMonth(r, input);
    const happened = planned.filter((e) => e.at < o.cutoff);
    if (happened.length === 0) continue;
    const report = replay(happened, { atelierCode: a.code, period: formatPeriod(period), territoryCode });
    built.push(report);
    if (report.row.status === "validated") validated.push(report.row.values as ReportValues);
  }
  return built;
}

/** Every report and event of the history, computed in memory (nothing is read from the clock). */
function buildHistory(ctx: Context, today: string, seed: number): BuiltReport[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || !parsePeriod(today.slice(0, 7))) throw new Error(`Demo history: invalid date ${today}`);
  const current = periodOfDate(today);
  const options: Options = {
    scale: scaleFor(ctx.ateliers.length),
    periods: Array.from({ length: HISTORY_MONTHS }, (_, i) => addMonths(current, i - HISTORY_MONTHS_BACK)),
    // Only what happened before today: the seed never writes the future.
    cutoff: parisInstant(today, 0),
  };
  const randoms = ctx.ateliers.map((a) => createRandom(seedFor(seed, a.code)));
  const profiles = normalizeProfiles(ctx.ateliers.map((a, i) => drawProfile(randoms[i] as Random, a)));
  return ctx.ateliers.flatMap((a, i) => atelierReports(ctx, a, randoms[i] as Random, profiles[i] as Profile, options));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Multi-row inserts: the reports of a chunk, then their events with the ids just returned. */
async function insertHistory(tx: Tx, built: BuiltReport[]): Promise<{ reports: number; events: number }> {
  let events = 0;
  for (const chunk of chunks(built, INSERT_CHUNK)) {
    const ids = await tx
      .insert(reports)
      .values(chunk.map((b) => b.row))
      .returning({ id: reports.id, atelierCode: reports.atelierCode, period: reports.period });
    const idOf = new Map(ids.map((x) => [`${x.atelierCode}/${x.period}`, x.id]));
    const rows = chunk.flatMap((b) => {
      const reportId = idOf.get(`${b.row.atelierCode}/${b.row.period}`) as number;
      return b.events.map((e) => ({ ...e, reportId }));
    });
    for (const part of chunks(rows, INSERT_CHUNK)) await tx.insert(reportEvents).values(part);
    events += rows.length;
  }
  return { reports: built.length, events };
}

/**
 * Seeds the demo history once: nothing happens when a report already exists.
 * `today` is the Paris date (YYYY-MM-DD); the same seed gives the same history.
 */
export async function seedHistory(db: Db, options: { today: string; seed?: number }): Promise<{ reports: number; events: number }> {
  return await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
    const existing = await tx.select({ id: reports.id }).from(reports).limit(1);
    if (existing.length > 0) return { reports: 0, events: 0 };
    const ctx = await loadContext(tx);
    return await insertHistory(tx, buildHistory(ctx, options.today, options.seed ?? DEFAULT_HISTORY_SEED));
  });
}
