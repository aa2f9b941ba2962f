/** Ateliers' profiles and the yearly scale of the demo history. */
import type { AtelierInfo } from "./context.ts";
import type { Random } from "./random.ts";

/** A calendar year of the whole network, as the contract's 2016 baseline counts it (domain page, section 5). */
export const YEARLY_TARGETS = { traineeDays: 87_325, beneficiaries: 447_826, codesignSessions: 838, eventsDpe: 3_170 } as const;

/** Share of expected reports that exist once a month is over (about 2 % are never filled). */
const EXPECTED_PRESENCE = 0.98;

/** What makes an atelier itself: its size and habits, drawn once. */
export interface Profile {
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

export function drawProfile(r: Random, atelier: AtelierInfo): Profile {
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
export function normalizeProfiles(profiles: Profile[]): Profile[] {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const size = mean(profiles.map((p) => p.size));
  const codesign = mean(profiles.map((p) => p.codesignWeight));
  return profiles.map((p) => ({ ...p, size: p.size / size, codesignWeight: p.codesignWeight / codesign }));
}

/** Mean figures of one report for an atelier of size 1 in a month of factor 1. */
export interface Scale {
  traineeDays: number;
  beneficiaries: number;
  codesign: number;
  eventsDpe: number;
}

export function scaleFor(atelierCount: number): Scale {
  const reportsPerYear = Math.max(1, atelierCount) * 12 * EXPECTED_PRESENCE;
  return {
    traineeDays: YEARLY_TARGETS.traineeDays / reportsPerYear,
    beneficiaries: YEARLY_TARGETS.beneficiaries / reportsPerYear,
    codesign: YEARLY_TARGETS.codesignSessions / reportsPerYear,
    eventsDpe: YEARLY_TARGETS.eventsDpe / reportsPerYear,
  };
}

export interface Team {
  trainers: number;
  certified: number;
}

export function initialTeam(r: Random, p: Profile): Team {
  const trainers = Math.max(1, Math.round((2 + 5 * p.size) * r.noise(0.25)));
  return { trainers, certified: Math.min(trainers, Math.round(trainers * p.certifiedShare)) };
}

/** The team changes rarely, most often at the start of the school year. */
export function nextTeam(r: Random, team: Team, month: number): Team {
  let { trainers, certified } = team;
  if (r.chance(month === 9 ? 0.25 : 0.04)) trainers = Math.max(1, trainers + r.pick([-1, 1]));
  if (r.chance(0.03)) certified += r.pick([-1, 1]);
  return { trainers, certified: Math.max(0, Math.min(trainers, certified)) };
}
