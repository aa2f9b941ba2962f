/**
 * Indicators at scale (issue 5). In a scratch embedded PostgreSQL:
 * - 100 times today's network: 10,100 ateliers in the 12 territories, 10 years
 *   of monthly reports (2016–2025, about 1.2 million, most validated, some
 *   submitted, returned, draft or missing; 1 % of ateliers moved mid-2021),
 *   generated with generate_series in SQL;
 * - today's network: the 101 ateliers with the demo history.
 * Times GET /api/indicators through the application (median of 20 after a
 * warm-up) and the XLSX export. Budgets: national year < 300 ms, a
 * territory's < 100 ms, today's size < 20 ms, XLSX of a year < 2 s.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { FORM_V1, formFields, parisDate } from "@enquete/domain";
import { hash } from "@node-rs/argon2";
import { buildApp } from "../apps/api/src/app.ts";
import { loadConfig } from "../apps/api/src/config.ts";
import { createDb } from "../apps/api/src/db/client.ts";
import { startEmbedded } from "../apps/api/src/db/embedded.ts";
import { runMigrations } from "../apps/api/src/db/migrate.ts";
import { userRoles, users } from "../apps/api/src/db/schema.ts";
import { DEMO_PASSWORD, seedDemo } from "../apps/api/src/db/seed/demo.ts";
import { seedHistory } from "../apps/api/src/db/seed/history.ts";
import { seedReferential } from "../apps/api/src/db/seed/referential.ts";
import { seedTargets } from "../apps/api/src/db/seed/targets.ts";

const ATELIERS = 10_100;
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const RUNS = 20;
const BUDGETS = { national: 300, territory: 100, today: 20, xlsx: 2000 };

type Pool = ReturnType<typeof createDb>["pool"];

/** Every numeric field of the questionnaire, with plausible monthly values (the team a function of the atelier). */
function valuesExpression(): string {
  return formFields(FORM_V1)
    .filter((f) => f.type !== "text")
    .map((f) => {
      if (f.code === "trainers") return `'trainers', 3 + a.i % 9`;
      if (f.code === "trainersCertified") return `'trainersCertified', a.i % 3`;
      if (f.code.endsWith("Espe")) return `'${f.code}', (random() * 3)::int`;
      if (f.type === "decimal") return `'${f.code}', round((random() * 40)::numeric * 2) / 2`;
      return `'${f.code}', (random() * 60)::int`;
    })
    .join(", ");
}

async function generateNetwork(pool: Pool) {
  const started = performance.now();
  const code = (i: string) => `'B' || lpad(${i}::text, 5, '0')`;
  await pool.query(`insert into ateliers (code, name, departement, city)
    select ${code("i")}, 'Atelier de banc ' || i, 'Banc', 'Ville ' || i from generate_series(1, ${ATELIERS}) i`);
  await pool.query(`insert into atelier_flags (atelier_code, flag, valid_from, value)
    select ${code("i")}, 'lab'::atelier_flag, date '2016-01-01', true from generate_series(1, ${ATELIERS}) i where i % 10 < 3
    union all select ${code("i")}, 'espe'::atelier_flag, date '2016-01-01', true from generate_series(1, ${ATELIERS}) i where i % 7 = 0`);
  const territory = (offset: number) => `(array(select code from territories order by code))[1 + (i + ${offset}) % 12]`;
  await pool.query(`insert into atelier_territories (atelier_code, territory_code, valid_from, valid_to)
    select ${code("i")}, ${territory(0)}, '2016-01-01', case when i % 100 = 0 then date '2021-07-01' end from generate_series(1, ${ATELIERS}) i`);
  await pool.query(`insert into atelier_territories (atelier_code, territory_code, valid_from)
    select ${code("i")}, ${territory(1)}, '2021-07-01' from generate_series(100, ${ATELIERS}, 100) i`);
  await pool.query(`insert into atelier_labels (atelier_code, status, valid_from)
    select ${code("i")}, (array['labellise', 'en_cours', 'non_engage'])[1 + i % 3]::label_status, '2016-01-01' from generate_series(1, ${ATELIERS}) i`);
  const values = valuesExpression();
  for (const year of YEARS) {
    // About 1 % of reports missing, 2 % draft, 2 % returned, 2 % submitted, the rest validated.
    await pool.query(`insert into reports (atelier_code, period, territory_code, status, version, form_version, values,
        first_submitted_at, submitted_at, validated_at)
      select a.code, p.period, at.territory_code,
        (case when x.u < 0.03 then 'draft' when x.u < 0.05 then 'returned' when x.u < 0.07 then 'submitted' else 'validated' end)::report_status,
        3, 1, jsonb_build_object(${values}),
        case when x.u >= 0.03 then p.d + interval '1 month' + x.u * interval '20 days' end,
        case when x.u >= 0.03 then p.d + interval '1 month' + x.u * interval '20 days' end,
        case when x.u >= 0.07 then p.d + interval '1 month' + x.u * interval '30 days' end
      from (select code, row_number() over (order by code) as i from ateliers where code like 'B%') a
      cross join (select to_char(make_date(${year}, m, 1), 'YYYY-MM') as period, make_date(${year}, m, 1) as d from generate_series(1, 12) m) p
      join atelier_territories at on at.atelier_code = a.code and at.valid_from <= p.d and (at.valid_to is null or at.valid_to > p.d)
      cross join lateral (select random() + 0 * a.i as u) x
      where x.u > 0.01`);
    process.stdout.write(`${year} `);
  }
  // Settle the writes before timing: hint bits and visibility map (vacuum), dirty pages on disk (checkpoint).
  await pool.query("vacuum analyze");
  await pool.query("checkpoint");
  const { rows } = await pool.query("select count(*)::int as n, pg_size_pretty(pg_total_relation_size('reports')) as size from reports");
  console.log(
    `\n${rows[0].n.toLocaleString("fr-FR")} rapports (${rows[0].size}) générés en ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

/** The application on a database, and a signed-in national user and territorial director. */
async function appOn(url: string, db: ReturnType<typeof createDb>["db"], territory: string) {
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: url, WEB_DIST: "", LOG_LEVEL: "warn" });
  // One person measures hundreds of indicator requests a minute: the per-person limits are lifted (they have their own tests).
  const app = await buildApp({
    config: { ...config, loginMaxPerMinute: 10_000, requestsPerMinute: 10_000_000, costlyPerMinute: 1_000_000, costlyConcurrency: 100 },
    db,
  });
  await app.ready();
  const cookies: Record<string, string> = {};
  for (const [name, grant] of [
    ["national", { role: "national" as const }],
    ["territory", { role: "territory" as const, territoryCode: territory }],
  ] as const) {
    const email = `banc.${name}@exemple.test`;
    const [user] = await db
      .insert(users)
      .values({ email, displayName: `Banc ${name}`, passwordHash: await hash(DEMO_PASSWORD) })
      .returning();
    await db
      .insert(userRoles)
      .values({ userId: user?.id ?? "", role: grant.role, territoryCode: "territoryCode" in grant ? grant.territoryCode : null });
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password: DEMO_PASSWORD } });
    cookies[name] = `enquete_session=${res.cookies.find((c) => c.name === "enquete_session")?.value}`;
  }
  return { app, cookies };
}

type App = Awaited<ReturnType<typeof appOn>>["app"];

async function median(app: App, cookie: string, url: string, runs = RUNS): Promise<number> {
  for (let i = 0; i < 3; i++) await app.inject({ url, headers: { cookie } });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const res = await app.inject({ url, headers: { cookie } });
    times.push(performance.now() - started);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const results: { label: string; ms: number; budget?: number }[] = [];
const record = (label: string, ms: number, budget?: number) => {
  results.push({ label, ms, ...(budget ? { budget } : {}) });
  console.log(`${label} : ${ms.toFixed(1)} ms${budget ? ` (budget < ${budget} ms : ${ms < budget ? "OK" : "HORS BUDGET"})` : ""}`);
};

const dir = await mkdtemp(path.join(os.tmpdir(), "enquete-indicators-"));
const server = await startEmbedded(dir);
try {
  // ---------------------------------------------------------------- 100 times today's network
  await server.createDatabase("big");
  const big = createDb(server.urlFor("big"));
  await runMigrations(big.db);
  await seedReferential(big.db);
  await seedTargets(big.db);
  await generateNetwork(big.pool);
  const b = await appOn(server.urlFor("big"), big.db, "normandie");
  const year = "year=2025";
  record(
    "× 100, national, une année (médiane de 20)",
    await median(b.app, b.cookies.national ?? "", `/api/indicators?scope=national&${year}`),
    BUDGETS.national,
  );
  record(
    "× 100, une direction territoriale, une année",
    await median(b.app, b.cookies.territory ?? "", `/api/indicators?scope=territory:normandie&${year}`),
    BUDGETS.territory,
  );
  record(
    "× 100, national, année scolaire 2024-2025, chiffres provisoires",
    await median(b.app, b.cookies.national ?? "", `/api/indicators?scope=national&year=2024&yearType=school&basis=provisional`),
  );
  record(
    "× 100, national ventilé par territoire",
    await median(b.app, b.cookies.national ?? "", `/api/indicators?scope=national&${year}&breakdown=territory`),
  );
  record(
    "× 100, national ventilé par statut de labellisation",
    await median(b.app, b.cookies.national ?? "", `/api/indicators?scope=national&${year}&breakdown=label`, 5),
  );
  record(
    "× 100, territoire ventilé par atelier",
    await median(b.app, b.cookies.territory ?? "", `/api/indicators?scope=territory:normandie&${year}&breakdown=atelier`, 5),
  );
  await b.app.close();
  await big.pool.end();

  // ---------------------------------------------------------------- today's network, demo history
  await server.createDatabase("today");
  const today = createDb(server.urlFor("today"));
  await runMigrations(today.db);
  await seedReferential(today.db);
  await seedTargets(today.db);
  await seedDemo(today.db);
  const history = await seedHistory(today.db, { today: parisDate() });
  console.log(`Réseau d'aujourd'hui : 101 ateliers, historique de démonstration de ${history.reports} rapports`);
  const t = await appOn(server.urlFor("today"), today.db, "normandie");
  const lastYear = `year=${Number(parisDate().slice(0, 4)) - 1}`;
  record(
    "Aujourd'hui, national, une année",
    await median(t.app, t.cookies.national ?? "", `/api/indicators?scope=national&${lastYear}`),
    BUDGETS.today,
  );
  record(
    "Aujourd'hui, une direction territoriale",
    await median(t.app, t.cookies.territory ?? "", `/api/indicators?scope=territory:normandie&${lastYear}`),
  );
  record(
    "Aujourd'hui, export XLSX d'une année (médiane de 5)",
    await median(t.app, t.cookies.national ?? "", `/api/exports/indicators.xlsx?${lastYear}`, 5),
    BUDGETS.xlsx,
  );
  record(
    "Aujourd'hui, export CSV des rapports d'une année (médiane de 5)",
    await median(t.app, t.cookies.national ?? "", `/api/exports/reports.csv?${lastYear}`, 5),
  );
  await t.app.close();
  await today.pool.end();

  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ");
  console.log(`Charge de la machine pendant la mesure (1 / 5 / 15 min) : ${load} pour ${os.cpus().length} cœurs.`);
  const missed = results.filter((r) => r.budget !== undefined && r.ms >= r.budget);
  console.log(missed.length === 0 ? "Tous les budgets sont tenus." : `Hors budget : ${missed.map((m) => m.label).join(" ; ")}`);
  process.exitCode = missed.length === 0 ? 0 : 1;
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
