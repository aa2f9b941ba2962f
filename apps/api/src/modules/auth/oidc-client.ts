/**
 * The OpenID provider as this process knows it: its metadata, discovered at
 * the first sign-in and kept for the life of the process. A failed discovery
 * (provider down, network cut) is not kept: the next sign-in tries again, so
 * that a provider back on its feet is used without a restart.
 */
import * as client from "openid-client";
import type { OidcConfig } from "../../config.ts";

/** Longest wait for one call to the provider (discovery, token, userinfo), in seconds. */
const PROVIDER_TIMEOUT_SECONDS = 10;

export interface OidcClient {
  configuration(): Promise<client.Configuration>;
}

/**
 * Plain HTTP is refused by openid-client, rightly: tokens would travel in the
 * clear. It is allowed only for a provider on this very machine (development
 * and the tests' own provider), never for one across a network.
 */
export function isLocalIssuer(issuer: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname);
}

export function createOidcClient(oidc: OidcConfig): OidcClient {
  let discovered: Promise<client.Configuration> | null = null;
  const discover = () => {
    const issuer = new URL(oidc.issuer);
    return client.discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(issuer.protocol === "http:" && isLocalIssuer(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
    });
  };
  return {
    configuration() {
      if (!discovered) {
        const attempt = discover();
        discovered = attempt;
        attempt.catch(() => {
          if (discovered === attempt) discovered = null;
        });
      }
      return discovered;
    },
  };
}
