/**
 * Property tests over every route of the app: random and malformed bodies,
 * query strings, path segments and headers, anonymous and signed in with each
 * role, against real data (a draft, a submitted and a validated report).
 * Whatever is sent: never a 5xx; every error in our JSON shape, French, with
 * no stack; and a refused request changes no data.
 *
 * fast-check prints the seed and path of a failure; FUZZ_SEED=<seed> replays
 * a run, FUZZ_RUNS=<n> runs more cases per route, FUZZ_STATS=<file> writes
 * the answers' statuses by route (how deep the cases reach).
 */
import { writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { addMonths, BREAKDOWNS, CONTRACT_INDICATOR_CODES, formatPeriod, parisDate, periodOfDate, VERSION_2_CHANGES } from "@enquete/domain";
import { hash } from "@node-rs/argon2";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { resetRequestsSettled } from "../src/modules/auth/password-routes.ts";
import { buildReport, buildValues } from "./factories.ts";
import { fingerprint, unclassifiedTables } from "./fingerprint.ts";
import { CONTENT_TYPES, headers, jsonValue, mutated, pathSegment, queryString, rawText } from "./fuzz-inputs.ts";
import { buildUser, createTestApp, signIn } from "./helpers.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const PASSWORD = "mot-de-passe-de-test";
const TERRITORY = "aquitaine-limousin-poitou-charentes";
const ORIGIN = "http://localhost:80";

const now = periodOfDate(parisDate());
const DRAFT = formatPeriod(addMonths(now, -1));
const SUBMITTED = formatPeriod(addMonths(now, -2));
const VALIDATED = formatPeriod(addMonths(now, -3));

// Limits high enough that the fuzzing itself is not what gets refused (a 429 is still a valid refusal).
const t = await createTestApp({
  requestsPerMinute: 10_000_000,
  loginMaxPerMinute: 10_000,
  costlyPerMinute: 100_000,
  costlyConcurrency: 100,
});
afterAll(async () => {
  if (process.env.FUZZ_STATS) writeFileSync(process.env.FUZZ_STATS, JSON.stringify(STATS, null, 1));
  await t.close();
});

const PEOPLE = {
  atelier: [{ role: "atelier", atelierCode: "86" }],
  territory: [{ role: "territory", territoryCode: TERRITORY }],
  national: [{ role: "national" }],
  admin: [{ role: "admin" }],
  viewer: [{ role: "viewer" }],
} as const;
type Person = keyof typeof PEOPLE | "anonymous" | "stale";

const emails: Record<string, string> = {};
const cookies: Record<string, string> = {};
for (const [name, grants] of Object.entries(PEOPLE)) {
  const user = await buildUser(t.db, { grants: [...grants], displayName: `Personne ${name}` });
  emails[name] = user.email;
  cookies[name] = (await signIn(t.app, user.email, PASSWORD)).cookie;
}
// An account of its own for the administration routes to change (rename, roles, deactivation),
// so that they never change the people whose sessions the cases use.
const spare = await buildUser(t.db, { grants: [{ role: "atelier", atelierCode: "14" }], displayName: "Compte de rechange" });
const passwordHash = await hash(PASSWORD);
// Well formed, but no session has it.
cookies.stale = `enquete_session=${"z".repeat(43)}`;
await buildReport(t.db, { atelierCode: "86", territoryCode: TERRITORY, period: DRAFT, status: "draft" });
await buildReport(t.db, { atelierCode: "86", territoryCode: TERRITORY, period: SUBMITTED, status: "submitted", submittedOn: "2020-01-05" });
await buildReport(t.db, { atelierCode: "86", territoryCode: TERRITORY, period: VALIDATED, status: "validated", submittedOn: "2020-01-05" });
await buildReport(t.db, {
  atelierCode: "14",
  territoryCode: "normandie",
  period: SUBMITTED,
  status: "submitted",
  submittedOn: "2020-01-05",
});

/** Values that exist, by the name of the path parameter or query key they fit. */
const KNOWN: Record<string, string[]> = {
  atelier: ["86", "14", "2A", "971", "00"],
  code: ["86", "14", TERRITORY, "normandie", "inconnue"],
  period: [DRAFT, SUBMITTED, VALIDATED, formatPeriod(addMonths(now, 1)), "2016-01", "2025-13"],
  year: ["2017", "2027", "2031", "2015", "2101"],
  indicator: [...CONTRACT_INDICATOR_CODES, "9-9"],
  territory: [TERRITORY, "normandie", "inconnue"],
  scope: ["national", `territory:${TERRITORY}`, "atelier:86", "atelier:14"],
  status: ["draft", "submitted", "returned", "validated", "not_started"],
  yearType: ["calendar", "school"],
  dryRun: ["0", "1", "true"],
  basis: ["official", "provisional"],
  month: [DRAFT, SUBMITTED, "2025-13"],
  quarter: ["1", "4", "5"],
  breakdown: [...BREAKDOWNS, "planet"],
  from: ["2024-01", DRAFT],
  to: [DRAFT, "2030-12"],
  limit: ["1", "50", "200", "0", "201"],
  offset: ["0", "10", "-1"],
  id: [spare.id, "00000000-0000-4000-8000-000000000000", "pas-un-identifiant"],
  q: ["normandie", "%", "Personne"],
  role: ["atelier", "admin", "inconnu"],
  action: ["user.created", "user.", "password.set"],
  subject: [`user:${spare.id}`, "atelier:86"],
  returnTo: ["/", "//exemple.invalid", "/profil"],
  version: ["1", "2", "3", "0", "deux"],
};
const KNOWN_TEXT = [...new Set([...Object.values(KNOWN).flat(), ...Object.values(emails), PASSWORD])];

/** Valid bodies (a few for some routes), to be sent with one thing wrong. */
const inAMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const TEMPLATES: Record<string, unknown[]> = {
  "POST /api/auth/password-reset": [{ email: emails.viewer }, { email: "personne.inconnue@canope.test" }],
  "POST /api/auth/link-info": [{ token: "x".repeat(43) }],
  "POST /api/auth/password": [{ token: "x".repeat(43), password: "le hérisson traverse la départementale" }],
  "POST /api/auth/logout": [{}, { allDevices: true }],
  "PUT /api/me/password": [
    { currentPassword: PASSWORD, newPassword: "le hérisson traverse la départementale" },
    { currentPassword: "pas-le-bon-mot-de-passe", newPassword: "le hérisson traverse la départementale" },
  ],
  "POST /api/me/tokens": [{ label: "Script de consolidation", expiresOn: inAMonth }],
  "POST /api/users": [
    { email: "nouvelle.personne@canope.test", displayName: "Nouvelle Personne", roles: [{ role: "atelier", atelierCode: "86" }] },
  ],
  "PATCH /api/users/:id": [{ displayName: "Autre nom" }, { active: false }, { active: true }, { roles: [{ role: "viewer" }] }],
  "POST /api/auth/login": [
    { email: emails.viewer, password: PASSWORD },
    // A wrong password: refused, and the session the request came with must survive it.
    { email: emails.viewer, password: "pas-le-bon-mot-de-passe" },
  ],
  "PUT /api/reports/:atelier/:period": [
    { values: buildValues({ highlights: "Une action marquante" }) },
    { values: { trainees: 3 }, notes: { trainees: "dont 2 formateurs en observation" } },
  ],
  "POST /api/reports/:atelier/:period/submit": [{ justifications: { trainees: "Une hausse expliquée" } }, {}],
  "POST /api/reports/:atelier/:period/return": [{ comment: "À revoir, s'il vous plaît" }],
  "POST /api/reports/:atelier/:period/reopen": [{ reason: "Une erreur de saisie" }],
  "POST /api/reports/validate-batch": [{ period: SUBMITTED, atelierCodes: ["86", "14"] }],
  "PUT /api/me/notifications": [{ preferences: { reminders: false } }],
  "POST /api/reports/:atelier/:period/form-version": [{ formVersion: 2 }],
  "POST /api/forms": [
    { basedOn: 1, changes: [] },
    { basedOn: 1, changes: VERSION_2_CHANGES },
  ],
  "PUT /api/forms/:version": [{ changes: [] }, { changes: VERSION_2_CHANGES }],
  "POST /api/forms/:version/publish": [{ from: formatPeriod(addMonths(now, 1)) }, { from: DRAFT }],
  "PUT /api/settings/due-day": [{ dueDay: 12 }],
  "PUT /api/settings/reminders": [{ daysBefore: 3, daysAfter: 1 }],
  "PUT /api/settings/public-pages": [{ contactEmail: "enquete-atelier@reseau-canope.fr", hostingNotice: "Hébergé par Réseau Canopé." }],
  "POST /api/review-queue/validate": [{ items: [{ atelierCode: "86", period: SUBMITTED }] }],
  "PUT /api/targets/:indicator/:year": [{ value: 15, isBaseline: false }],
  "PUT /api/distance-learning/:period": [{ moocTraineeDays: 10, magistereTraineeDays: 2.5 }],
  "POST /api/distance-learning/import": ["period;moocTraineeDays;magistereTraineeDays\n2025-01;10;2,5\n"],
  "POST /api/territories": [{ code: "grand-ouest", name: "Grand Ouest" }],
  "PATCH /api/territories/:code": [{ name: "Nouvelle-Aquitaine" }],
  "POST /api/ateliers": [
    { code: "86-B", name: "Atelier Canopé 86 – Châtellerault", city: "Châtellerault", territoryCode: TERRITORY, openFrom: DRAFT },
  ],
  "PATCH /api/ateliers/:code": [{ name: "Atelier Canopé 86 – Poitiers centre" }, { city: "Poitiers" }],
  "POST /api/ateliers/:code/moves": [{ territoryCode: "normandie", from: SUBMITTED }],
  "POST /api/ateliers/:code/closure": [{ from: formatPeriod(addMonths(now, 1)) }, { from: SUBMITTED }],
  "PUT /api/ateliers/:code/attributes": [{ from: DRAFT, labellisation: "labellise", lab: true, espe: false }],
  "POST /api/referential/import": [
    `type;code;nom;direction_territoriale;a_partir_de\ndirection;grand-ouest;Grand Ouest;;\natelier;86;;grand-ouest;${DRAFT}\n`,
  ],
};

interface Route {
  method: string;
  path: string;
  params: string[];
  queryKeys: string[];
  bodyKeys: string[];
}

/**
 * Every route, from the router's own tree (printRoutes prints each node's
 * part of the path under its parent's): HEAD routes Fastify adds to each GET
 * are left out, they run the same handler.
 */
function collectRoutes(): Route[] {
  const stack: string[] = [];
  const found: { method: string; path: string }[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] as string).length / 4;
    const path = (stack[depth - 1] ?? "") + (match[2] as string);
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? "").split(", ").filter((m) => m && m !== "HEAD")) found.push({ method, path });
  }
  const doc = t.app.swagger() as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>>;
    components?: { schemas?: Record<string, unknown> };
  };
  const propertyNames = (schema: unknown, seen = new Set<unknown>()): string[] => {
    if (!schema || typeof schema !== "object" || seen.has(schema)) return [];
    seen.add(schema);
    const s = schema as Record<string, unknown>;
    const ref = typeof s.$ref === "string" ? doc.components?.schemas?.[s.$ref.split("/").pop() as string] : undefined;
    return [
      ...Object.keys((s.properties as object) ?? {}),
      ...Object.values(s).flatMap((v) => propertyNames(v, seen)),
      ...propertyNames(ref, seen),
    ];
  };
  return found.map(({ method, path }) => {
    const operation = doc.paths[path.replace(/:(\w+)/g, "{$1}")]?.[method.toLowerCase()];
    return {
      method,
      path,
      params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1] as string),
      queryKeys: (operation?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      bodyKeys: [...new Set(propertyNames(operation?.requestBody))],
    };
  });
}

const ROUTES = collectRoutes();

/** The values that lead to real data, for the requests meant to get past validation and guards. */
const REAL: Record<string, string[]> = {
  atelier: ["86"],
  period: [DRAFT, SUBMITTED, VALIDATED],
  code: ["86", TERRITORY],
  year: [String(now.year - 1), "2017"],
  indicator: [...CONTRACT_INDICATOR_CODES],
  territory: [TERRITORY],
  version: ["1", "2"],
};

/** Query strings a route needs to answer with data. */
const QUERIES: Record<string, string[]> = {
  "GET /api/form": ["", `?period=${DRAFT}`, `?period=${formatPeriod(addMonths(now, 1))}`],
  "GET /api/reports": [`?period=${SUBMITTED}`, `?period=${DRAFT}&territory=${TERRITORY}&status=draft`],
  "GET /api/campaign": [`?year=${now.year}`, `?year=${now.year}&territory=${TERRITORY}`],
  "GET /api/indicators": [
    `?scope=national&year=${now.year}`,
    `?scope=territory:${TERRITORY}&year=${now.year}&breakdown=atelier`,
    `?scope=atelier:86&year=${now.year}&yearType=school&basis=provisional`,
  ],
  "GET /api/exports/reports.csv": [`?year=${now.year}`, `?year=${now.year}&status=not_started,validated&headers=codes`],
  "GET /api/exports/reports.xlsx": [`?year=${now.year}`, `?year=${now.year}&yearType=school&status=submitted`],
  "GET /api/exports/indicators.xlsx": [`?year=${now.year}`],
  "GET /api/distance-learning": [`?year=${now.year}`],
  "GET /api/outbox": ["?limit=10"],
  "GET /api/users": ["", "?q=Personne", `?role=atelier&status=active&territory=${TERRITORY}&limit=5`],
  "GET /api/audit": ["", "?action=user.", "?from=2020-01-01&to=2030-12-31"],
  "GET /api/auth/oidc/login": ["?returnTo=/"],
  "GET /api/review-queue": ["", `?territory=${TERRITORY}`, `?period=${SUBMITTED}`],
  "POST /api/distance-learning/import": ["?dryRun=1", "?dryRun=0"],
  "POST /api/referential/import": ["?dryRun=1", "?dryRun=0"],
};

/** Replaced, when the request is sent, by the current version of the report its address names. */
const CURRENT_VERSION = "@current";

/** Who a route is for: the plausible cases are sent by them more often, so they reach the service. */
const FOR: Record<string, Person[]> = {
  "PUT /api/reports/:atelier/:period": ["atelier"],
  "POST /api/reports/:atelier/:period/submit": ["atelier"],
  "POST /api/reports/:atelier/:period/validate": ["territory", "national"],
  "POST /api/reports/:atelier/:period/return": ["territory", "national"],
  "POST /api/reports/:atelier/:period/reopen": ["national"],
  "POST /api/reports/validate-batch": ["territory", "national"],
  "PUT /api/me/notifications": ["atelier"],
  "POST /api/reports/:atelier/:period/form-version": ["atelier"],
  "POST /api/forms": ["national"],
  "PUT /api/forms/:version": ["national"],
  "DELETE /api/forms/:version": ["national"],
  "POST /api/forms/:version/publish": ["national"],
  "PUT /api/settings/due-day": ["national"],
  "PUT /api/settings/reminders": ["national"],
  "PUT /api/settings/public-pages": ["national", "admin"],
  "GET /api/review-queue": ["territory", "national"],
  "POST /api/review-queue/validate": ["territory", "national"],
  "POST /api/years/:year/close": ["national"],
  "PUT /api/targets/:indicator/:year": ["national"],
  "PUT /api/distance-learning/:period": ["national"],
  "POST /api/distance-learning/import": ["national"],
  "POST /api/territories": ["admin"],
  "PATCH /api/territories/:code": ["admin"],
  "POST /api/ateliers": ["admin"],
  "PATCH /api/ateliers/:code": ["admin"],
  "POST /api/ateliers/:code/moves": ["admin"],
  "POST /api/ateliers/:code/closure": ["admin"],
  "DELETE /api/ateliers/:code/closure": ["admin"],
  "PUT /api/ateliers/:code/attributes": ["admin"],
  "GET /api/ateliers/:code/history": ["admin", "national"],
  "POST /api/referential/import": ["admin"],
  "GET /api/users": ["admin"],
  "GET /api/users/:id": ["admin"],
  "POST /api/users": ["admin"],
  "PATCH /api/users/:id": ["admin"],
  "POST /api/users/:id/invitation": ["admin"],
  "GET /api/audit": ["admin"],
  "POST /api/me/tokens": ["national", "viewer", "territory"],
  "GET /api/outbox": ["admin"],
  // Open data: for anyone, without sign-in.
  "GET /api/open-data/indicators.json": ["anonymous"],
  "GET /api/open-data/indicators.csv": ["anonymous"],
  "GET /api/open-data/schema.json": ["anonymous"],
};

const everyone = fc.constantFrom<Person>("anonymous", "stale", ...(Object.keys(PEOPLE) as (keyof typeof PEOPLE)[]));

/**
 * Half wild (anything at all, anywhere), half plausible: real addresses and
 * queries, a valid body with one thing wrong, no header that would have the
 * request refused before it reaches a service.
 */
function requestFor(route: Route) {
  const key = `${route.method} ${route.path}`;
  const templates = TEMPLATES[key];
  const known = [...KNOWN_TEXT];
  const one = (template: unknown) =>
    typeof template === "string"
      ? fc
          .oneof(
            fc.constant(template),
            rawText(known).map((value) => `${template}${value}`),
          )
          .map((value) => ({ kind: "raw" as const, value, type: "text/csv" as string | undefined }))
      : mutated(template as never, route.bodyKeys, known).map((value) => ({ kind: "json" as const, value: value as unknown }));
  const nearlyValid =
    templates === undefined
      ? fc.constantFrom({ kind: "none" as const }, { kind: "json" as const, value: {} })
      : fc.oneof(...templates.map(one));
  const wildBody = fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: "none" as const }) },
    { weight: 3, arbitrary: jsonValue(route.bodyKeys, known).map((value) => ({ kind: "json" as const, value })) },
    { weight: templates === undefined ? 0 : 4, arbitrary: nearlyValid },
    {
      weight: 2,
      arbitrary: fc
        .tuple(rawText(known), fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }))
        .map(([value, type]) => ({ kind: "raw" as const, value, type: type as string | undefined })),
    },
  );
  const wild = fc.record({
    mode: fc.constant("wild"),
    person: everyone,
    segments: fc.tuple(...route.params.map((name) => pathSegment(KNOWN[name] ?? known))),
    query: queryString(route.queryKeys, KNOWN, known),
    body: wildBody,
    headers: headers(ORIGIN),
  });
  const plausible = fc.record({
    mode: fc.constant("plausible"),
    person: fc.oneof(
      { weight: 1, arbitrary: everyone },
      { weight: 2, arbitrary: fc.constantFrom(...(FOR[key] ?? (Object.keys(PEOPLE) as Person[]))) },
    ),
    segments: fc.tuple(...route.params.map((name) => fc.constantFrom(...(REAL[name] ?? KNOWN[name] ?? ["x"])))),
    query: QUERIES[key] ? fc.constantFrom(...(QUERIES[key] as string[])) : fc.constant(""),
    body: nearlyValid,
    // The report's version as it is when the request is sent, most of the time: a save can then succeed.
    headers: fc
      .constantFrom(CURRENT_VERSION, CURRENT_VERSION, CURRENT_VERSION, '"1"', undefined)
      .map((version): Record<string, string> => (version ? { "if-match": version } : {})),
  });
  return fc.oneof(wild, plausible);
}

type Sent = ReturnType<typeof requestFor> extends fc.Arbitrary<infer T> ? T : never;

async function toInject(route: Route, sent: Sent): Promise<InjectOptions> {
  let i = 0;
  const url = route.path.replace(/:(\w+)/g, () => sent.segments[i++] as string) + sent.query;
  const h: Record<string, string> = { ...sent.headers };
  if (h["if-match"] === CURRENT_VERSION) {
    const at = Object.fromEntries(route.params.map((name, n) => [name, sent.segments[n]]));
    const rows = await t.db.execute<{ version: number }>(
      sql`select version from reports where atelier_code = ${at.atelier ?? ""} and period = ${at.period ?? ""}`,
    );
    h["if-match"] = `"${rows.rows[0]?.version ?? 0}"`;
  }
  if (sent.person !== "anonymous") h.cookie = cookies[sent.person] as string;
  const options: InjectOptions = { method: route.method as InjectOptions["method"], url, headers: h };
  if (sent.body.kind === "json") {
    options.payload = JSON.stringify(sent.body.value);
    h["content-type"] ??= "application/json";
  } else if (sent.body.kind === "raw") {
    options.payload = sent.body.value;
    if (sent.body.type) h["content-type"] = sent.body.type;
    else delete h["content-type"];
  }
  return options;
}

/** Any English word Fastify, Node or a library would have answered with. */
const ENGLISH = /\b(the|is|not|found|must|should|expected|received|required|invalid|cannot|unexpected|error|request|exceeded|failed)\b/i;

/** The answer as text, decompressed when the request accepted compression (errors are compressed too, past 1 KB). */
function bodyText(res: LightMyRequestResponse): string {
  const encoding = res.headers["content-encoding"];
  const raw = res.rawPayload;
  if (encoding === "gzip") return gunzipSync(raw).toString("utf8");
  if (encoding === "br") return brotliDecompressSync(raw).toString("utf8");
  if (encoding === "deflate") return inflateSync(raw).toString("utf8");
  return res.body;
}

function checkAnswer(res: LightMyRequestResponse, method: string) {
  const text = bodyText(res);
  expect(res.statusCode, text.slice(0, 500)).toBeLessThan(500);
  if (res.statusCode < 400 || method === "HEAD") return;
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(text);
  expect(body).toMatchObject({
    code: expect.stringMatching(/^[A-Z_]+$/),
    message: expect.any(String),
    requestId: res.headers["x-request-id"],
  });
  expect(body).not.toHaveProperty("stack");
  expect(body).not.toHaveProperty("statusCode");
  expect(prose(body.message)).not.toMatch(ENGLISH);
  expect(text).not.toMatch(/node_modules|\.ts:\d+|\n\s+at /);
  for (const e of body.errors ?? []) {
    expect(e).toEqual({ field: expect.any(String), message: expect.any(String) });
    expect(prose(e.message)).not.toMatch(ENGLISH);
  }
}

/** A message without what it quotes: a French message may name the key it refuses ("Clé non reconnue : "required""). */
const prose = (message: string) => message.replace(/"[^"]*"|«[^»]*»/g, "");

/**
 * The sign-in and sign-out routes, a password change and one's sessions end the session they are
 * sent with, and a changed password would keep the person out: give each person back their
 * password and a session for what follows.
 */
async function restoreSessions() {
  for (const name of Object.keys(PEOPLE)) {
    const me = await t.app.inject({ url: "/api/me", headers: { cookie: cookies[name] as string } });
    if (me.statusCode !== 401) continue;
    await t.db.execute(sql`update users set password_hash = ${passwordHash}, active = true where email = ${emails[name] as string}`);
    await t.db.execute(sql`delete from login_failures`);
    cookies[name] = (await signIn(t.app, emails[name] as string, PASSWORD)).cookie;
  }
}

/** What a request leaves running after its answer (a reset link written, an email sent at once) ends before the next one. */
async function settled() {
  await new Promise((resolve) => setImmediate(resolve));
  await resetRequestsSettled();
  await t.app.courier.idle();
}

let baseline = await fingerprint(t.db);

/** Answers counted by route and status, written to the file FUZZ_STATS names: to see how deep the cases reach. */
const STATS: Record<string, Record<number, number>> = {};

async function sendAndCheck(options: InjectOptions, method: string, label: string) {
  const res = await t.app.inject(options);
  await settled();
  const counts = STATS[label] ?? {};
  counts[res.statusCode] = (counts[res.statusCode] ?? 0) + 1;
  STATS[label] = counts;
  const before = baseline;
  // Taken before asserting: a failure must not leave the next cases (and the shrinking) compared with a stale state.
  baseline = await fingerprint(t.db);
  const auth = /^\/api\/(auth\/|me\/(password|sessions)|users\/)/.test(String(options.url));
  try {
    checkAnswer(res, method);
    if (res.statusCode >= 400) expect(baseline, `${res.statusCode} ${bodyText(res).slice(0, 300)}`).toEqual(before);
    // Sessions are left out of the fingerprint (each request moves their idle deadline), but a refused
    // sign-in or sign-out must not end the session it was sent with.
    const cookie = (options.headers as Record<string, string> | undefined)?.cookie;
    if (auth && res.statusCode >= 400 && cookie && cookie !== cookies.stale) {
      const me = await t.app.inject({ url: "/api/me", headers: { cookie } });
      expect(me.statusCode, `the session after a refused ${options.method} ${options.url} (${res.statusCode})`).toBe(200);
    }
  } finally {
    if (auth) {
      // The sign-in and sign-out routes may end the sessions the next cases use: open them again,
      // a change of its own (the last sign-in time), not one of the request under test.
      await restoreSessions();
      baseline = await fingerprint(t.db);
    }
  }
}

// Shrinking sends a request per step: bounded, so a failure is reported with the smallest case found in time.
const assertOptions = { numRuns: RUNS, interruptAfterTimeLimit: 40_000, ...(SEED === undefined ? {} : { seed: SEED }) } as const;

describe("the routes under test", () => {
  it("are every route of the app", async () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(25);
    const collected = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    const documented = Object.entries((t.app.swagger() as { paths: Record<string, object> }).paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    expect(documented.filter((r) => !collected.has(r))).toEqual([]);
    for (const key of Object.keys(TEMPLATES)) expect(collected, key).toContain(key);
    // A table nobody classified would be left out of the fingerprint without anyone noticing.
    expect(await unclassifiedTables(t.db)).toEqual([]);
  });
});

describe("any input to any route: never a 5xx, always our error shape, and a refusal changes nothing", () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.path}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          requestFor(route),
          async (sent) => await sendAndCheck(await toInject(route, sent), route.method, `${route.method} ${route.path}`),
        ),
        assertOptions,
      );
    }, 60_000);
  }

  it("any method on any address", async () => {
    const paths = ROUTES.map((r) => r.path);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "SEARCH"),
        fc.constantFrom(...paths, "/", "/api", "/api/", "/index.html", "/api/nulle-part"),
        fc.array(pathSegment(KNOWN_TEXT), { maxLength: 3 }),
        queryString([], KNOWN, KNOWN_TEXT),
        fc.constantFrom<Person>("anonymous", "national", "atelier"),
        async (method, path, segments, query, person) => {
          let i = 0;
          const filled = path.replace(/:(\w+)/g, () => segments[i++] ?? "x");
          // Segments left over lengthen the address: a route's path with more after it.
          const url = [filled, ...segments.slice(i)].join("/").replace(/\/{2,}/g, "/") + query;
          const h: Record<string, string> = person === "anonymous" ? {} : { cookie: cookies[person] as string };
          await sendAndCheck({ method: method as InjectOptions["method"], url, headers: h }, method, `${method} (any address)`);
        },
      ),
      { ...assertOptions, numRuns: RUNS * 3 },
    );
  }, 60_000);

  it("any address of the web app, when it is served", async () => {
    const dist = await mkdtemp(path.join(os.tmpdir(), "enquete-fuzz-dist-"));
    await mkdir(path.join(dist, "assets"));
    await writeFile(path.join(dist, "index.html"), "<!doctype html><title>Enquête atelier</title>");
    await writeFile(path.join(dist, "assets", "index-abc123.js"), "console.log(1);");
    const web = await createTestApp({ webDist: dist, requestsPerMinute: 10_000_000 });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom("GET", "HEAD", "POST", "OPTIONS"),
          fc.array(
            fc.oneof(
              pathSegment(["assets", "index-abc123.js", "index.html", ".well-known", "..", "api", "connexion", "favicon.ico"]),
              fc.constantFrom("%2e%2e%2findex.html", "..%2f..%2fetc%2fpasswd", "%5c..%5c", "a.js", `${"x".repeat(300)}.js`),
            ),
            { maxLength: 4 },
          ),
          queryString([], KNOWN, KNOWN_TEXT),
          async (method, segments, query) => {
            const res = await web.app.inject({ method: method as InjectOptions["method"], url: `/${segments.join("/")}${query}` });
            checkAnswer(res, method);
          },
        ),
        { ...assertOptions, numRuns: RUNS * 3 },
      );
    } finally {
      await web.close();
      await rm(dist, { recursive: true, force: true });
    }
  }, 60_000);
});
