/**
 * Personal API tokens, for the scripts of the DIS and of the ministry: made
 * in the profile by the roles that read across ateliers (national, viewer,
 * territory), shown once, kept as a SHA-256 only, at most a year long.
 */
import { randomBytes } from "node:crypto";
import type { TApiToken, TCreatedToken, TCreateTokenBody } from "@enquete/contract";
import { hasRole, parisDate, TOKEN_ROLES, tokenExpiryProblem } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { forbidden, notFound, validationFailed } from "../../errors.ts";
import { actorOf, recordAudit } from "../audit/record.ts";
import { isDay } from "../notifications/dates.ts";
import { hashSecret } from "./links.ts";
import type { Caller } from "./service.ts";
import * as repo from "./tokens-repository.ts";

/** Enough of a token to recognise it in a list ("ea_" and 7 characters), far too little to guess the rest. */
export const TOKEN_PREFIX_LENGTH = 10;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertMayHoldTokens(caller: Caller): void {
  if (!hasRole(caller.grants, ...TOKEN_ROLES)) {
    throw forbidden(
      "Les jetons d'API sont réservés à la direction de l'ingénierie des services, à la tutelle et aux directions territoriales.",
    );
  }
}

const present = (row: repo.TokenRow): TApiToken => ({
  id: row.id,
  label: row.label,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  expiresOn: row.expiresOn,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  status: row.revokedAt ? "revoked" : row.expired ? "expired" : "active",
});

const audited = (row: repo.TokenRow) => ({
  label: row.label,
  prefix: row.prefix,
  expiresOn: row.expiresOn,
  revoked: row.revokedAt !== null,
});

export async function createToken(db: Db, caller: Caller, body: TCreateTokenBody): Promise<TCreatedToken> {
  assertMayHoldTokens(caller);
  if (!isDay(body.expiresOn)) throw validationFailed([{ field: "expiresOn", message: "Cette date n'existe pas." }]);
  const problem = tokenExpiryProblem(body.expiresOn, parisDate());
  if (problem) throw validationFailed([{ field: "expiresOn", message: problem }]);
  const token = `ea_${randomBytes(32).toString("base64url")}`;
  return await db.transaction(async (tx) => {
    const row = await repo.insertToken(tx, {
      userId: caller.userId,
      label: body.label,
      tokenHash: hashSecret(token),
      prefix: token.slice(0, TOKEN_PREFIX_LENGTH),
      expiresOn: body.expiresOn,
    });
    await recordAudit(tx, actorOf(caller), [{ action: "token.created", subject: `token:${row.id}`, after: audited(row) }]);
    return { ...present(row), token };
  });
}

export async function listTokens(db: Db, caller: Caller): Promise<TApiToken[]> {
  return (await repo.listTokens(db, caller.userId)).map(present);
}

export async function revokeToken(db: Db, caller: Caller, id: string): Promise<void> {
  // Another person's token, or none: the same 404.
  const missing = () => notFound("Ce jeton n'existe pas.");
  if (!UUID.test(id)) throw missing();
  await db.transaction(async (tx) => {
    const change = await repo.revokeToken(tx, caller.userId, id);
    if (!change) throw missing();
    if (change.before.revokedAt) return;
    await recordAudit(tx, actorOf(caller), [
      { action: "token.revoked", subject: `token:${id}`, before: audited(change.before), after: audited(change.after) },
    ]);
  });
}
