/**
 * Single sign-on with OpenID Connect (ProConnect), section 7.2: the
 * authorization code flow with PKCE, a state and a nonce. The provider
 * proves an email; the person is the existing active account with that
 * email, and nobody is ever created by a first sign-in.
 */
import { createHash } from "node:crypto";
import { normalizeEmail } from "@enquete/domain";
import * as client from "openid-client";
import type { OidcConfig } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import type { OidcClient } from "./oidc-client.ts";
import * as repo from "./oidc-repository.ts";
import type { SessionOrigin } from "./repository.ts";
import { startSession } from "./service.ts";

/** How long a person may stay at the provider's page before the sign-in started here is void. */
export const LOGIN_LIFETIME_MINUTES = 10;

/** ProConnect gives the email with this scope; nothing more is needed to find the account. */
const SCOPE = "openid email";

/** Only the hash of a state is stored: a leaked table row cannot complete anyone's sign-in. */
export const hashState = (state: string) => createHash("sha256").update(state).digest("base64url");

/** A failed sign-in, with what went wrong for the log (never shown to the person, never a code or token). */
export class OidcFailure extends Error {
  override name = "OidcFailure";
}

const BASE = "http://return-to.invalid";

/**
 * Where to send the person once signed in: a path of this site only. Anything
 * else becomes "/", so that the sign-in cannot be used to bounce someone to
 * another site ("//evil.example", "/\evil.example", or a path with a tab or a
 * newline, which browsers drop and would turn into "//").
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== "string" || raw === "" || raw.length > 1000) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return "/";
  try {
    const url = new URL(raw, BASE);
    return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}

/** Starts a sign-in: remembers its secrets and answers the provider's address to send the browser to. */
export async function beginSignIn(db: Db, oidc: OidcConfig, provider: OidcClient, returnTo: unknown) {
  const configuration = await provider.configuration();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await repo.saveLogin(db, { stateHash: hashState(state), nonce, codeVerifier, returnTo: safeReturnTo(returnTo) }, LOGIN_LIFETIME_MINUTES);
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.redirectUri,
    scope: SCOPE,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, state };
}

export type SignInOutcome =
  | { kind: "signed-in"; userId: string; sessionId: string; returnTo: string }
  /** The provider vouched for an email that is no active account here. */
  | { kind: "unknown"; emailDomain: string };

/**
 * Completes a sign-in from the provider's answer (the callback's query).
 * `browserState` is the state this browser was given when it left: an answer
 * carrying another one was started by someone else (login forgery) and is
 * refused. Throws OidcFailure (or openid-client's errors) for every failure
 * but an unknown email.
 */
export async function finishSignIn(
  db: Db,
  settings: { absoluteHours: number },
  oidc: OidcConfig,
  provider: OidcClient,
  answer: URLSearchParams,
  browserState: string | undefined,
  origin: Omit<SessionOrigin, "method"> & { ip: string },
): Promise<SignInOutcome> {
  const state = answer.get("state");
  if (!state) throw new OidcFailure("the provider's answer has no state");
  if (browserState !== state) throw new OidcFailure("the state was not given to this browser");
  // Taken (and deleted) before anything else: whatever follows, this state is spent.
  const login = await repo.takeLogin(db, hashState(state), LOGIN_LIFETIME_MINUTES);
  if (!login) throw new OidcFailure("unknown, used or expired state");

  const configuration = await provider.configuration();
  // The registered callback address with the provider's parameters: what the token request must repeat,
  // whatever host or proxy the request came through.
  const current = new URL(oidc.redirectUri);
  current.search = answer.toString();
  const tokens = await client.authorizationCodeGrant(configuration, current, {
    expectedState: state,
    expectedNonce: login.nonce,
    pkceCodeVerifier: login.codeVerifier,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new OidcFailure("no ID token");
  let identity: Record<string, unknown> = idToken;
  // Most providers, ProConnect among them, give the email at the userinfo endpoint only.
  if (typeof identity.email !== "string") identity = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
  if (typeof identity.email !== "string" || identity.email.trim() === "") throw new OidcFailure("no email claim");
  // A provider that says it has not verified the address proves nothing about who holds it.
  if (identity.email_verified === false) throw new OidcFailure("the provider has not verified the email");

  const emailKey = normalizeEmail(identity.email);
  const account = await repo.findActiveAccountByEmail(db, emailKey);
  if (!account) return { kind: "unknown", emailDomain: emailKey.split("@").pop() ?? "" };
  const sessionId = await startSession(db, settings, account.id, { ...origin, method: "oidc" });
  return { kind: "signed-in", userId: account.id, sessionId, returnTo: login.returnTo };
}
