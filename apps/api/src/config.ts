/**
 * Every setting of the server, read once from the environment. The README
 * lists them; a wrong value stops the start with one clear line.
 */
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export type DemoMode = "full" | "accounts" | "off";

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  demo: DemoMode;
  cookieSecure: boolean;
  /**
   * Which reverse proxies to believe about the client's address and host:
   * false (none), a number of hops, or their addresses (IPs or CIDR ranges).
   * Never "every hop": a forged X-Forwarded-For would then choose the address.
   */
  trustProxy: TrustProxy;
  logLevel: string;
  webDist: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxPerMinute: number;
  requestsPerMinute: number;
  /** Day of the next month a report is due on. */
  reportDueDay: number;
  /** Outgoing mail; with no host, emails are written to the log and stay unsent in the outbox. */
  smtp: SmtpConfig;
  /** The sender of every email. */
  mailFrom: string;
  /** Base of the links in emails, without a trailing slash. */
  publicUrl: string;
  /** Run the scheduled jobs (reminders, digest, outbox delivery) in this process. */
  jobs: boolean;
  /** Worker processes serving HTTP (one per core by default); the scheduled jobs run in one of them. */
  workers: number;
  /** Longest wait for one query (client side, and statement_timeout on the server). */
  dbQueryTimeoutMs: number;
  /** Longest wait for a connection (a new one, or a free one of the pool). */
  dbConnectTimeoutMs: number;
  /** Connections of each process's pool. */
  dbPoolSize: number;
  /** On SIGTERM/SIGINT: how long requests in flight may take to finish before the process gives up on them. */
  shutdownTimeoutMs: number;
  /** Costly requests (exports, breakdowns, campaign grid, indicators) one person may have running at once. */
  costlyConcurrency: number;
  /** Costly requests one person may start per minute. */
  costlyPerMinute: number;
  /** Single sign-on (OpenID Connect, ProConnect): null when not configured. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The button's wording: "ProConnect" unless OIDC_LABEL says otherwise. */
  label: string;
}

export type TrustProxy = false | number | string[];

export interface SmtpConfig {
  host: string | null;
  port: number;
  secure: boolean;
  user: string | null;
  password: string | null;
}

export const DEFAULT_MAIL_FROM = "Enquête atelier <ne-pas-repondre@reseau-canope.fr>";

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} doit être un entier entre ${min} et ${max} (reçu « ${raw} »).`);
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "oui"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no", "non"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} doit valoir 1 ou 0 (reçu « ${raw} »).`);
}

const CIDR = /^(.+)\/(\d{1,3})$/;

function trustProxy(env: NodeJS.ProcessEnv): TrustProxy {
  const raw = env.TRUST_PROXY?.trim() ?? "";
  if (raw === "" || raw === "0" || ["false", "no", "non"].includes(raw.toLowerCase())) return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY : ${hops} mandataires, c'est trop (10 au plus ; reçu « ${raw} »).`);
    return hops;
  }
  if (["true", "yes", "oui", "all", "*"].includes(raw.toLowerCase())) {
    throw new ConfigError(
      `TRUST_PROXY ne peut pas faire confiance à tous les intermédiaires (reçu « ${raw} ») : donnez le nombre de mandataires devant la plateforme (par exemple 1), ou leurs adresses (par exemple 10.0.0.5,10.0.1.0/24).`,
    );
  }
  const addresses = raw.split(",").map((a) => a.trim());
  for (const a of addresses) {
    const cidr = CIDR.exec(a);
    const ip = cidr ? (cidr[1] ?? "") : a;
    const bits = cidr ? Number(cidr[2]) : 0;
    const family = net.isIP(ip);
    if (family === 0 || bits > (family === 4 ? 32 : 128)) {
      throw new ConfigError(
        `TRUST_PROXY : « ${a} » n'est ni un nombre de mandataires ni une adresse IP ou une plage CIDR (par exemple 1, ou 10.0.0.5,10.0.1.0/24).`,
      );
    }
  }
  return addresses;
}

function smtpConfig(env: NodeJS.ProcessEnv): SmtpConfig {
  const secure = bool(env, "SMTP_SECURE", false);
  const user = env.SMTP_USER?.trim() || null;
  const password = env.SMTP_PASSWORD || null;
  if ((user === null) !== (password === null)) {
    throw new ConfigError("SMTP_USER et SMTP_PASSWORD vont ensemble : donnez les deux, ou aucun.");
  }
  return {
    host: env.SMTP_HOST?.trim() || null,
    // 465 is SMTP over TLS from the first byte; 587 is submission with STARTTLS.
    port: int(env, "SMTP_PORT", secure ? 465 : 587, 1, 65535),
    secure,
    user,
    password,
  };
}

const OIDC_VARIABLES = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_REDIRECT_URI"] as const;

/** All four variables, or none (then single sign-on is off). */
function oidcConfig(env: NodeJS.ProcessEnv): OidcConfig | null {
  const given = OIDC_VARIABLES.filter((name) => env[name]?.trim());
  if (given.length === 0) return null;
  if (given.length < OIDC_VARIABLES.length) {
    const missing = OIDC_VARIABLES.filter((name) => !given.includes(name));
    throw new ConfigError(
      `Connexion unique (OpenID Connect) : ${missing.join(", ")} manque(nt). Donnez ${OIDC_VARIABLES.join(", ")} ensemble, ou aucune.`,
    );
  }
  for (const name of ["OIDC_ISSUER", "OIDC_REDIRECT_URI"] as const) {
    try {
      new URL(env[name]?.trim() ?? "");
    } catch {
      throw new ConfigError(`${name} doit être une adresse complète (reçu « ${env[name]} »).`);
    }
  }
  return {
    issuer: env.OIDC_ISSUER?.trim() ?? "",
    clientId: env.OIDC_CLIENT_ID?.trim() ?? "",
    clientSecret: env.OIDC_CLIENT_SECRET ?? "",
    redirectUri: env.OIDC_REDIRECT_URI?.trim() ?? "",
    label: env.OIDC_LABEL?.trim() || "ProConnect",
  };
}

function publicUrl(env: NodeJS.ProcessEnv, port: number): string {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL doit être une adresse complète, par exemple https://enquete.reseau-canope.fr (reçu « ${raw} »).`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`PUBLIC_URL doit commencer par https:// ou http:// (reçu « ${raw} »).`);
  }
  return url.toString().replace(/\/+$/, "");
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const demoRaw = (env.DEMO ?? "").trim().toLowerCase();
  let demo: DemoMode;
  if (demoRaw === "") demo = databaseUrl ? "off" : "full";
  else if (demoRaw === "full" || demoRaw === "accounts" || demoRaw === "off") demo = demoRaw;
  else throw new ConfigError(`DEMO doit valoir full, accounts ou off (reçu « ${env.DEMO} »).`);
  const production = env.NODE_ENV === "production";
  if (production && demo !== "off") {
    throw new ConfigError("DEMO est interdit quand NODE_ENV=production : les comptes de démonstration n'existent jamais en production.");
  }
  const webDist = env.WEB_DIST === "" ? null : path.resolve(env.WEB_DIST ?? path.join(REPO_ROOT, "apps/web/dist"));
  const port = int(env, "PORT", 3000, 0, 65535);
  return {
    port,
    host: env.HOST?.trim() || "127.0.0.1",
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR ?? path.join(REPO_ROOT, ".data")),
    demo,
    // Secure cookies everywhere but plain-HTTP local development.
    cookieSecure: bool(env, "COOKIE_SECURE", production),
    trustProxy: trustProxy(env),
    logLevel: env.LOG_LEVEL?.trim() || (env.NODE_ENV === "test" ? "silent" : "info"),
    webDist,
    sessionIdleMinutes: int(env, "SESSION_IDLE_MINUTES", 30, 1, 24 * 60),
    sessionAbsoluteHours: int(env, "SESSION_ABSOLUTE_HOURS", 12, 1, 24 * 7),
    loginMaxPerMinute: int(env, "LOGIN_MAX_PER_MINUTE", 10, 1, 10_000),
    reportDueDay: int(env, "REPORT_DUE_DAY", 10, 1, 28),
    requestsPerMinute: int(env, "RATE_LIMIT_PER_MINUTE", 3000, 10, 10_000_000),
    smtp: smtpConfig(env),
    mailFrom: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
    publicUrl: publicUrl(env, port),
    jobs: bool(env, "JOBS", true),
    workers: int(env, "WORKERS", Math.max(1, Math.min(os.availableParallelism(), 16)), 1, 64),
    dbQueryTimeoutMs: int(env, "DB_QUERY_TIMEOUT_MS", 5_000, 100, 600_000),
    dbConnectTimeoutMs: int(env, "DB_CONNECT_TIMEOUT_MS", 3_000, 100, 60_000),
    dbPoolSize: int(env, "DB_POOL_SIZE", 10, 1, 200),
    shutdownTimeoutMs: int(env, "SHUTDOWN_TIMEOUT_MS", 10_000, 100, 600_000),
    costlyConcurrency: int(env, "COSTLY_CONCURRENCY", 2, 1, 100),
    costlyPerMinute: int(env, "COSTLY_PER_MINUTE", 60, 1, 100_000),
    oidc: oidcConfig(env),
  };
}
