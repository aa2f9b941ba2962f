/**
 * A real OpenID provider for the tests (oidc-provider, the certified
 * implementation), on 127.0.0.1 and a free port, and a browser stand-in that
 * follows its redirects with a cookie jar. The person's part at the
 * provider (sign in, consent, or refuse) is played by the interaction
 * handler below, as oidc-provider's documentation describes for custom
 * interactions (interactionDetails, then interactionFinished).
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  /** "RS256" for a provider that answers userinfo as a signed JWT, as ProConnect does. */
  userinfo_signed_response_alg?: string;
}

export interface TestProvider {
  issuer: string;
  /** Until configured, and while down, every request gets a 503: a provider out of service. */
  down: boolean;
  configure(clients: TestClient[]): void;
  /** Who signs in at the next interaction, with the claims the provider vouches for. */
  signInAs(identity: { email: string; emailVerified?: boolean } | "refuse"): void;
  close(): Promise<void>;
}

export async function startTestProvider(): Promise<TestProvider> {
  let provider: Provider | null = null;
  let next: { email: string; emailVerified?: boolean } | "refuse" = "refuse";
  const accounts = new Map<string, { email: string; emailVerified?: boolean }>();
  let handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | null = null;

  async function interact(p: Provider, req: http.IncomingMessage, res: http.ServerResponse) {
    const details = await p.interactionDetails(req, res);
    if (next === "refuse") {
      await p.interactionFinished(
        req,
        res,
        { error: "access_denied", error_description: "refused by the person" },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === "login") {
      const accountId = `compte-${randomBytes(6).toString("hex")}`;
      accounts.set(accountId, next);
      await p.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
      return;
    }
    // Consent: granted for the scopes asked, as a person clicking "Autoriser" would.
    const grant = new p.Grant({ accountId: String(details.session?.accountId), clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    await p.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  }

  const server = http.createServer((req, res) => {
    if (state.down || !provider || !handler) {
      res.statusCode = 503;
      res.end("service unavailable");
      return;
    }
    if (req.url?.startsWith("/interaction/")) {
      interact(provider, req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "cle-de-test", alg: "RS256", use: "sig" };

  const state: TestProvider = {
    issuer,
    down: false,
    configure(clients) {
      provider = new Provider(issuer, {
        clients: clients.map((c) => ({
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_post",
          ...c,
        })),
        jwks: { keys: [signingKey] },
        cookies: { keys: [randomBytes(16).toString("hex")] },
        claims: { openid: ["sub"], email: ["email", "email_verified"] },
        // PKCE refused when missing: the tests prove the platform sends it.
        pkce: { required: () => true },
        // ProConnect's own lifetimes: a code lives 30 seconds, an access token 60.
        ttl: { AuthorizationCode: 30, AccessToken: 60, IdToken: 60, Interaction: 600, Session: 3600, Grant: 3600 },
        features: { devInteractions: { enabled: false }, jwtUserinfo: { enabled: true } },
        interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
        findAccount: (_ctx: unknown, sub: string) => {
          const account = accounts.get(sub);
          if (!account) return undefined;
          return {
            accountId: sub,
            claims: () => ({
              sub,
              email: account.email,
              ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
            }),
          };
        },
      });
      handler = provider.callback();
    },
    signInAs(identity) {
      next = identity;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}

/** The cookies a browser would keep, per origin (the API and the provider share a host, not a port). */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: URL, response: Response) {
    const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    this.byOrigin.set(url.origin, jar);
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(origin: string, name: string) {
    return this.byOrigin.get(origin)?.get(name);
  }

  set(origin: string, name: string, value: string) {
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, jar);
    jar.set(name, value);
  }

  header(url: URL) {
    return [...(this.byOrigin.get(url.origin) ?? new Map<string, string>())].map(([n, v]) => `${n}=${v}`).join("; ");
  }
}

/** One GET as a browser sends it (its cookies, no automatic redirect), the answer's cookies kept. */
export async function browserGet(jar: CookieJar, address: string | URL) {
  const url = new URL(address);
  const cookie = jar.header(url);
  const response = await fetch(url, { redirect: "manual", headers: cookie ? { cookie } : {} });
  jar.store(url, response);
  const location = response.headers.get("location");
  return { response, location: location === null ? null : new URL(location, url) };
}

/** Follows redirects from `start` until one leads to `stop` (returned, not visited): the provider's part of the journey. */
export async function followUntil(jar: CookieJar, start: URL, stop: (url: URL) => boolean): Promise<URL> {
  let url = start;
  for (let hop = 0; hop < 12; hop += 1) {
    if (stop(url)) return url;
    const { response, location } = await browserGet(jar, url);
    if (!location) throw new Error(`no redirect from ${url.pathname}: ${response.status} ${await response.text()}`);
    url = location;
  }
  throw new Error("too many redirects");
}
