/** Calendar days in Paris, as the API counts a token's validity (its last day, AAAA-MM-JJ): the domain's rules. */
import { addDays, parisDate, tokenExpiresSoon, tokenExpiryBounds } from "@enquete/domain";

/** A new token lasts three months unless the person chooses otherwise: long enough for a script, short enough to be renewed. */
export const DEFAULT_TOKEN_DAYS = 90;

/** The range the date field offers: from tomorrow to the longest validity the API accepts. */
export function expiryBounds(now: Date = new Date()): { min: string; max: string; suggested: string } {
  const today = parisDate(now);
  return { ...tokenExpiryBounds(today), suggested: addDays(today, DEFAULT_TOKEN_DAYS) };
}

/** Still valid, but its owner is about to be warned by email (or has been). */
export const expiresSoon = (expiresOn: string, now: Date = new Date()) => tokenExpiresSoon(expiresOn, parisDate(now));
