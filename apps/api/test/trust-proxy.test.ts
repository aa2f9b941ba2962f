/**
 * TRUST_PROXY: which X-Forwarded-For (and X-Forwarded-Host) the platform
 * believes. Behind N proxies only the hops they added count, so a forged
 * header can neither get round the sign-in and request limits nor lock out
 * the address it names; with a list of proxy addresses, the header of any
 * other peer is ignored; "trust everybody" is refused at start.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";
import { loginFailures } from "../src/db/schema.ts";
import { buildUser, createTestApp } from "./helpers.ts";
import { withinOneWindow } from "./limits-helpers.ts";

const PROXY = "10.0.0.5";
const ATTACKER = "198.51.100.7";
const VICTIM = "203.0.113.9";

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

const login = (t: TestApp, body: { email: string; password: string }, remoteAddress: string, forwardedFor?: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: body,
    remoteAddress,
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  });

/** The address a failed sign-in was recorded under: the one the platform believed. */
async function recordedAddress(t: TestApp, remoteAddress: string, forwardedFor?: string): Promise<string | undefined> {
  const email = `inconnu.${Math.random().toString(36).slice(2)}@exemple.test`;
  const res = await login(t, { email, password: "mauvais" }, remoteAddress, forwardedFor);
  expect(res.statusCode).toBe(401);
  const rows = await t.db.select({ ip: loginFailures.ip }).from(loginFailures).where(eq(loginFailures.emailKey, email));
  return rows[0]?.ip;
}

describe("TRUST_PROXY in the configuration", () => {
  const env = (TRUST_PROXY: string) => ({ NODE_ENV: "test", WEB_DIST: "", TRUST_PROXY });

  it("refuses to trust every hop, with a French line saying what to give instead", () => {
    for (const raw of ["true", "all", "TRUE", "*", "yes", "oui"]) {
      expect(() => loadConfig(env(raw)), raw).toThrow(ConfigError);
      expect(() => loadConfig(env(raw)), raw).toThrow(
        `TRUST_PROXY ne peut pas faire confiance à tous les intermédiaires (reçu « ${raw} ») : donnez le nombre de mandataires devant la plateforme (par exemple 1), ou leurs adresses (par exemple 10.0.0.5,10.0.1.0/24).`,
      );
    }
  });

  it("takes a number of hops or a list of addresses and ranges, and nothing else", () => {
    expect(loadConfig(env("")).trustProxy).toBe(false);
    expect(loadConfig(env("0")).trustProxy).toBe(false);
    expect(loadConfig(env("1")).trustProxy).toBe(1);
    expect(loadConfig(env(" 10.0.0.5, 10.0.1.0/24 ,::1")).trustProxy).toEqual(["10.0.0.5", "10.0.1.0/24", "::1"]);
    expect(() => loadConfig(env("11"))).toThrow(/10 au plus/);
    expect(() => loadConfig(env("nginx"))).toThrow(/« nginx » n'est ni un nombre de mandataires ni une adresse IP/);
    expect(() => loadConfig(env("10.0.0.0/33"))).toThrow(ConfigError);
  });
});

describe("TRUST_PROXY=1: one reverse proxy in front", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: 1, requestsPerMinute: 10 });
  });
  afterAll(async () => await t.close());

  it("takes the client's address from the hop the proxy added, never from what the client wrote", async () => {
    expect(await recordedAddress(t, PROXY, `${VICTIM}, ${ATTACKER}`)).toBe(ATTACKER);
    expect(await recordedAddress(t, PROXY, ATTACKER)).toBe(ATTACKER);
    // Reached without the proxy's header: the peer itself.
    expect(await recordedAddress(t, PROXY)).toBe(PROXY);
  });

  it("counts forged sign-ins for the real client, who is refused, and never for the address they name", async () => {
    const victim = await buildUser(t.db);
    const attacker = "198.51.100.77";
    // Ten failures, each under another forged first hop, one of them the victim's.
    for (let i = 0; i < 10; i++) {
      const forged = i === 0 ? VICTIM : `192.0.2.${i}`;
      const res = await login(t, { email: `x${i}@inconnu.test`, password: "mauvais" }, PROXY, `${forged}, ${attacker}`);
      expect(res.statusCode).toBe(401);
    }
    const refused = await login(t, { email: "y@inconnu.test", password: "mauvais" }, PROXY, `192.0.2.200, ${attacker}`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toMatch(/depuis cette adresse/);
    // The victim, through the same proxy, signs in.
    const ok = await login(t, { email: victim.email, password: victim.password }, PROXY, VICTIM);
    expect(ok.statusCode).toBe(200);
  });

  it("applies the request limit to the real client whatever the forged hops, and leaves the named address alone", async () => {
    await withinOneWindow(15_000);
    const real = "198.51.100.8";
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await t.app.inject({ url: "/api/me", remoteAddress: PROXY, headers: { "x-forwarded-for": `192.0.2.${i}, ${real}` } });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // Neither the forged addresses nor the proxy itself are held back.
    expect((await t.app.inject({ url: "/api/me", remoteAddress: PROXY, headers: { "x-forwarded-for": "192.0.2.3" } })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ url: "/api/me", remoteAddress: PROXY })).statusCode).toBe(401);
  });
});

describe("TRUST_PROXY=2: a CDN, then the reverse proxy", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: 2 });
  });
  afterAll(async () => await t.close());

  it("skips exactly the two hops the proxies added", async () => {
    expect(await recordedAddress(t, PROXY, `${VICTIM}, ${ATTACKER}, 198.18.0.1`)).toBe(ATTACKER);
  });
});

describe("TRUST_PROXY=<addresses>: only those peers are proxies", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: [PROXY, "10.0.1.0/24"] });
  });
  afterAll(async () => await t.close());

  it("believes X-Forwarded-For from a listed proxy, and ignores it from any other peer", async () => {
    expect(await recordedAddress(t, PROXY, ATTACKER)).toBe(ATTACKER);
    expect(await recordedAddress(t, "10.0.1.20", ATTACKER)).toBe(ATTACKER);
    // A listed proxy's own hops are skipped too, down to the first address that is not a proxy.
    expect(await recordedAddress(t, PROXY, `${VICTIM}, ${ATTACKER}, 10.0.1.20`)).toBe(ATTACKER);
    expect(await recordedAddress(t, "192.0.2.50", VICTIM)).toBe("192.0.2.50");
    expect(await recordedAddress(t, "10.0.2.1", VICTIM)).toBe("10.0.2.1");
  });

  it("believes X-Forwarded-Host (the cross-site check) from a listed proxy only", async () => {
    const logout = (remoteAddress: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/logout",
        remoteAddress,
        headers: { host: "app.internal:3000", origin: "https://enquete.example", "x-forwarded-host": "enquete.example" },
      });
    // Through the proxy, the browser's origin is the public host: not cross-site (then 401, nobody signed in).
    expect((await logout(PROXY)).statusCode).toBe(401);
    const direct = await logout("192.0.2.50");
    expect(direct.statusCode).toBe(403);
    expect(direct.json().message).toMatch(/autre site/);
  });
});

describe("TRUST_PROXY unset", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: false });
  });
  afterAll(async () => await t.close());

  it("ignores X-Forwarded-For altogether", async () => {
    expect(await recordedAddress(t, PROXY, ATTACKER)).toBe(PROXY);
  });
});
