/**
 * A person's own sessions (their profile): which devices are signed in, from
 * where, since when; ending one, all the others, or all of them. Ending
 * several at once is written to the journal (a person securing their account
 * after a lost laptop is worth finding again).
 */
import type { TSessionInfo } from "@enquete/contract";
import Bowser from "bowser";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { actorOf, recordAudit } from "../audit/record.ts";
import type { Caller } from "./service.ts";
import * as repo from "./sessions-repository.ts";

export const UNKNOWN_DEVICE = "Navigateur inconnu";

/** "Firefox 133 sous Windows", "Safari 17 sous iOS", "Navigateur inconnu": what a person recognises. */
export function deviceLabel(userAgent: string | null): string {
  if (!userAgent?.trim()) return UNKNOWN_DEVICE;
  let parsed: Bowser.Parser.ParsedResult;
  try {
    parsed = Bowser.parse(userAgent);
  } catch {
    return UNKNOWN_DEVICE;
  }
  const browser = parsed.browser.name?.trim();
  if (!browser) return UNKNOWN_DEVICE;
  const major = parsed.browser.version?.split(".")[0];
  const name = major && /^\d+$/.test(major) ? `${browser} ${major}` : browser;
  const os = parsed.os.name?.trim();
  return os ? `${name} sous ${os}` : name;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sessionNotFound = () => notFound("Cette session n'existe pas, ou elle est déjà terminée.");

export async function listSessions(db: Db, caller: Caller, idleMinutes: number): Promise<TSessionInfo[]> {
  const rows = await repo.liveSessionsOf(db, caller.userId, idleMinutes);
  return rows.map((s) => ({
    id: s.publicId,
    device: deviceLabel(s.userAgent),
    address: s.ip,
    startedAt: s.createdAt.toISOString(),
    lastUsedAt: s.lastSeenAt.toISOString(),
    current: s.idHash === caller.sessionHash,
    method: s.method === "oidc" ? "oidc" : "password",
  }));
}

/** Ends one of the caller's sessions; says whether it was the one of this very request (its cookie must go). */
export async function endSession(db: Db, caller: Caller, publicId: string): Promise<{ wasCurrent: boolean }> {
  // Another person's session, or none: the same 404, so ids of others cannot be probed.
  if (!UUID.test(publicId)) throw sessionNotFound();
  const idHash = await repo.deleteSessionOf(db, caller.userId, publicId);
  if (!idHash) throw sessionNotFound();
  return { wasCurrent: idHash === caller.sessionHash };
}

/** Ends the caller's other sessions ("others"), or every one of them ("all"), with its journal entry. */
export async function endSessions(db: Db, caller: Caller, scope: "others" | "all"): Promise<number> {
  return await db.transaction(async (tx) => {
    const count = await repo.deleteSessionsOf(tx, caller.userId, scope === "others" ? caller.sessionHash : null);
    await recordAudit(tx, actorOf(caller), [{ action: "sessions.ended", subject: `user:${caller.userId}`, details: { count, scope } }]);
    return count;
  });
}
