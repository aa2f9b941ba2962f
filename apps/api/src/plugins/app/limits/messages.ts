/**
 * The refusals of the limits, in the app's one error shape (429, code
 * TOO_MANY_REQUESTS), each saying how long to wait or what to wait for.
 */
import { AppError } from "../../../errors.ts";

export const COSTLY_KINDS = "exports, indicateurs, grille de campagne";

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const inSeconds = (ms: number) => {
  const s = seconds(ms);
  return `${s} seconde${s > 1 ? "s" : ""}`;
};

/** The seconds of a Retry-After header for a wait of `ms`. */
export const retryAfter = (ms: number) => String(seconds(ms));

export const tooManyRequests = (ttlMs: number) =>
  new AppError("TOO_MANY_REQUESTS", 429, `Trop de requêtes depuis votre adresse. Patientez ${inSeconds(ttlMs)} avant de réessayer.`);

export const tooManySignIns = (ttlMs: number) =>
  new AppError(
    "TOO_MANY_REQUESTS",
    429,
    `Trop de tentatives de connexion depuis votre adresse. Patientez ${inSeconds(ttlMs)} avant de réessayer.`,
  );

export const tooManyCostlyAtOnce = (running: number) =>
  new AppError(
    "TOO_MANY_REQUESTS",
    429,
    running === 1
      ? `Vous avez déjà 1 calcul en cours (${COSTLY_KINDS}) : attendez qu'il se termine, puis réessayez.`
      : `Vous avez déjà ${running} calculs en cours (${COSTLY_KINDS}) : attendez qu'ils se terminent, puis réessayez.`,
  );

export const tooManyCostlyPerMinute = (perMinute: number, ttlMs: number) =>
  new AppError(
    "TOO_MANY_REQUESTS",
    429,
    `Vous avez lancé ${perMinute} calculs en une minute (${COSTLY_KINDS}), le maximum : patientez ${inSeconds(ttlMs)} avant d'en lancer un autre.`,
  );
