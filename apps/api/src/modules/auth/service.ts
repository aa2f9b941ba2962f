import { randomBytes } from "node:crypto";
import type { TLoginBody, TMe } from "@enquete/contract";
import { normalizeEmail, type RoleGrant, sortGrants, TOKEN_ROLES } from "@enquete/domain";
import { hash, verify } from "@node-rs/argon2";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { assertMayTry } from "./limits.ts";
import { hashSecret } from "./links.ts";
import * as repo from "./repository.ts";
import { findLiveToken } from "./tokens-repository.ts";

export interface Caller {
  userId: string;
  email: string;
  displayName: string;
  grants: RoleGrant[];
  /** The hash of the session's cookie; null when the request came with an API token. */
  sessionHash: string | null;
  /** The API token that authenticated the request (GET only); null for a browser's session. */
  tokenId: string | null;
  /** The national settings' revision read with the session: whether cached settings are still current. */
  settingsRevision: number;
}

export interface AuthSettings {
  idleMinutes: number;
  absoluteHours: number;
  /** Failed sign-ins one address may make in a minute, whatever the account. */
  maxFailuresPerMinute: number;
}

export const hashSessionId = hashSecret;

// A hash to verify against when the email is unknown, so that both answers take the same time.
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => {
  dummyHash ??= hash(randomBytes(16).toString("hex"));
  return dummyHash;
};

export const invalidCredentials = () => new AppError("INVALID_CREDENTIALS", 401, "Adresse électronique ou mot de passe incorrect.");

/**
 * Opens a session for a person whose identity is proven (password or SSO):
 * a new random id at every sign-in, so that an id planted before it is worth
 * nothing after it. Returns the id for the cookie (only its hash is stored).
 */
export async function startSession(
  db: Db,
  settings: Pick<AuthSettings, "absoluteHours">,
  userId: string,
  origin: repo.SessionOrigin,
): Promise<string> {
  const sessionId = randomBytes(32).toString("base64url");
  await repo.openSession(db, { idHash: hashSessionId(sessionId), userId, absoluteHours: settings.absoluteHours, ...origin });
  return sessionId;
}

export async function login(
  db: Db,
  settings: AuthSettings,
  body: TLoginBody,
  ip: string,
  userAgent: string | null = null,
): Promise<{ sessionId: string; me: TMe }> {
  const emailKey = normalizeEmail(body.email);
  // Before any argon2 work: a refused attempt costs nothing and tells nothing about the account.
  await assertMayTry(db, emailKey, ip, settings.maxFailuresPerMinute);
  const user = await repo.findUserByEmail(db, emailKey);
  const ok = await verify(user?.passwordHash ?? (await getDummyHash()), body.password).catch(() => false);
  if (!user || !ok || !user.active) {
    await repo.recordFailure(db, emailKey, ip);
    throw invalidCredentials();
  }
  await repo.clearPairFailures(db, emailKey, ip);
  const sessionId = await startSession(db, settings, user.id, { userAgent, ip, method: "password" });
  const grants = await repo.loadGrants(db, user.id);
  return { sessionId, me: toMe({ userId: user.id, email: user.email, displayName: user.displayName, grants }) };
}

export async function resolveSession(db: Db, settings: AuthSettings, rawId: string): Promise<Caller | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(rawId)) return null;
  const sessionHash = hashSessionId(rawId);
  // One statement: the session, its grants and the settings revision (every request starts here).
  const found = await repo.findLiveSession(db, sessionHash, settings.idleMinutes);
  return found ? { ...found, sessionHash, tokenId: null } : null;
}

/** API tokens: `ea_` and 43 base64url characters (32 random bytes). */
export const API_TOKEN_PATTERN = /^ea_[A-Za-z0-9_-]{43}$/;

/** The owner of a live API token, with their current grants; null for an unknown, revoked or expired one. */
export async function resolveToken(db: Db, token: string): Promise<Caller | null> {
  if (!API_TOKEN_PATTERN.test(token)) return null;
  const found = await findLiveToken(db, hashSecret(token));
  if (!found) return null;
  // Only the roles a token is for: an owner who is also an administrator gets no administration by script,
  // and one who lost those roles has a token that opens nothing.
  const { tokenId, ...who } = found;
  const grants = who.grants.filter((g) => (TOKEN_ROLES as readonly string[]).includes(g.role));
  if (grants.length === 0) return null;
  return { ...who, grants, sessionHash: null, tokenId };
}

export async function logout(db: Db, caller: Caller): Promise<void> {
  if (caller.sessionHash) await repo.deleteSession(db, caller.sessionHash);
}

export function toMe(c: Pick<Caller, "userId" | "email" | "displayName" | "grants">): TMe {
  return { id: c.userId, email: c.email, displayName: c.displayName, roles: sortGrants(c.grants) };
}
