/**
 * The national distance-learning figures (MOOC and M@gistère trainee-days per
 * month) that indicator 1-1 adds nationally: the rules of one month's figures,
 * shared by the form, the API and the CSV import.
 */
import { hasStarted } from "../calendar.ts";
import { parsePeriod, periodLabel } from "../period.ts";
import { hasAtMostTwoDecimals } from "../questionnaire/numbers.ts";

export const DISTANCE_LEARNING_FIRST_PERIOD = "2016-01";
/** The column holds 12 digits with 2 decimals; no month of the network comes near. */
export const DISTANCE_LEARNING_MAX = 99_999_999.99;

/** Why a trainee-day figure is refused, in French; null when it is fine. */
export function traineeDaysProblem(value: number): string | null {
  if (!Number.isFinite(value)) return "Saisissez un nombre.";
  if (value < 0) return "Le nombre de journées stagiaires ne peut pas être négatif.";
  if (!hasAtMostTwoDecimals(value)) return "Deux décimales au plus (par exemple 12,5).";
  if (value > DISTANCE_LEARNING_MAX) return "Ce nombre est trop grand.";
  return null;
}

/** Why a month cannot carry distance-learning figures; null when it can. */
export function distanceLearningPeriodProblem(period: string, today: string): string | null {
  if (!parsePeriod(period)) return "Mois invalide : attendu AAAA-MM, par exemple 2025-03.";
  if (period < DISTANCE_LEARNING_FIRST_PERIOD) return "Ce mois est antérieur à l'enquête (janvier 2016).";
  if (!hasStarted(period, today)) return `Le mois de ${periodLabel(period)} n'a pas encore commencé.`;
  return null;
}
