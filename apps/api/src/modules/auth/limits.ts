/**
 * Sign-in limits that slow an attacker without locking the real person out
 * (section 7.2). Failed sign-ins are counted in PostgreSQL (every API process
 * sees the same counts), by the normalised email whether the account exists
 * or not, and checked before any password is verified, so a refusal costs no
 * argon2 and says nothing about the account:
 *
 * - one account from one address: 5 failures an hour are free; after the
 *   6th, each attempt waits 1 s since the last failure, then 2 s, 4 s…, at
 *   most 15 minutes;
 * - one account from everywhere: above 100 failures an hour the same growing
 *   delay applies, except from an address where the person signed in within
 *   90 days (so that an attacker elsewhere cannot keep them out);
 * - one address, whatever the account: at most `loginMaxPerMinute` failures
 *   a minute (a sweep over many accounts).
 *
 * A successful sign-in clears the failures of its account and address.
 */
import type { FastifyReply } from "fastify";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import * as repo from "./repository.ts";

export const FREE_FAILURES_PER_PAIR = 5;
export const FAILURES_PER_ACCOUNT_HOUR = 100;
export const MAX_DELAY_SECONDS = 15 * 60;
export const KNOWN_ADDRESS_DAYS = 90;

/** The wait after `failures` failures of which `free` cost nothing: 1 s after the first beyond them, doubling, capped. */
export function growingDelaySeconds(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(2 ** (failures - free - 1), MAX_DELAY_SECONDS);
}

export type LimitScope = "pair" | "account" | "address";

export interface SignInWait {
  scope: LimitScope;
  seconds: number;
}

/** The longest wait the counts impose now, or null when the attempt may go on. */
export function signInWait(stats: repo.FailureStats, maxPerMinuteFromAddress: number): SignInWait | null {
  const waits: SignInWait[] = [];
  const pairDelay = growingDelaySeconds(stats.pairCount, FREE_FAILURES_PER_PAIR);
  if (pairDelay > stats.pairLastAge) waits.push({ scope: "pair", seconds: pairDelay - stats.pairLastAge });
  if (!stats.knownAddress) {
    const accountDelay = growingDelaySeconds(stats.accountCount, FAILURES_PER_ACCOUNT_HOUR);
    if (accountDelay > stats.accountLastAge) waits.push({ scope: "account", seconds: accountDelay - stats.accountLastAge });
  }
  // The oldest failure of the minute leaving the window is what frees the address.
  if (stats.addressMinuteCount >= maxPerMinuteFromAddress) waits.push({ scope: "address", seconds: 60 - stats.addressOldestAge });
  const longest = waits.sort((a, b) => b.seconds - a.seconds)[0];
  return longest ? { scope: longest.scope, seconds: Math.max(1, Math.ceil(longest.seconds)) } : null;
}

/** "8 secondes", "1 seconde", "2 minutes". */
export function waitWording(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? "s" : ""}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? "s" : ""}`;
}

const SCOPE_WORDING: Record<LimitScope, string> = {
  pair: "pour ce compte depuis cette adresse",
  account: "pour ce compte",
  address: "depuis cette adresse",
};

/** A 429 that knows its wait: the route turns it into Retry-After. */
export class TooManyAttempts extends AppError {
  constructor(readonly wait: SignInWait) {
    super(
      "TOO_MANY_ATTEMPTS",
      429,
      `Trop de tentatives de connexion ${SCOPE_WORDING[wait.scope]}. Réessayez dans ${waitWording(wait.seconds)}.`,
      undefined,
      { retryAfterSeconds: wait.seconds },
    );
  }
}

/** Refuses (429) when the limits say to wait; run before the password is verified. */
export async function assertMayTry(db: Db, emailKey: string, ip: string, maxPerMinuteFromAddress: number): Promise<void> {
  const stats = await repo.failureStats(db, emailKey, ip, KNOWN_ADDRESS_DAYS);
  const wait = signInWait(stats, maxPerMinuteFromAddress);
  if (wait) throw new TooManyAttempts(wait);
}

/** Runs a step that may be refused by the limits, with the Retry-After header on its refusal. */
export async function withRetryAfter<T>(reply: FastifyReply, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof TooManyAttempts) reply.header("retry-after", String(error.wait.seconds));
    throw error;
  }
}
