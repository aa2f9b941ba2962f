/**
 * Can the report storage (values as JSON keyed by field code) give a year of
 * indicators for 100 times today's network in well under a second?
 * Builds 10,100 ateliers × 12 months = 121,200 validated reports in a scratch
 * embedded PostgreSQL, then times the yearly aggregations the indicators need:
 * flow fields summed by territory, snapshot fields taken from each atelier's
 * latest report of the year. Budget: each query ≤ 500 ms (warm).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDb } from "../apps/api/src/db/client.ts";
import { startEmbedded } from "../apps/api/src/db/embedded.ts";
import { runMigrations } from "../apps/api/src/db/migrate.ts";
import { seedReferential } from "../apps/api/src/db/seed/referential.ts";

const BUDGET_MS = 500;
const ATELIERS = 10_100;

const dir = await mkdtemp(path.join(os.tmpdir(), "enquete-agg-"));
const server = await startEmbedded(dir);
await server.createDatabase("agg");
const { db, pool } = createDb(server.urlFor("agg"));
try {
  await runMigrations(db);
  await seedReferential(db);
  const t0 = performance.now();
  await pool.query(`insert into ateliers (code, name, departement, city)
    select 'B' || lpad(i::text, 5, '0'), 'Atelier de banc ' || i, 'Banc', 'Ville ' || i from generate_series(1, ${ATELIERS}) i`);
  await pool.query(`insert into reports (atelier_code, period, territory_code, status, version, form_version, values)
    select 'B' || lpad(i::text, 5, '0'), '2025-' || lpad(m::text, 2, '0'),
      (array(select code from territories order by code))[1 + i % 12], 'validated', 3, 1,
      jsonb_build_object(
        'traineeDaysOnSite', round((random() * 80)::numeric, 1), 'traineeDaysOffSite', round((random() * 30)::numeric, 1),
        'traineeDaysRemote', round((random() * 10)::numeric, 1), 'traineeDaysEspe', round((random() * 5)::numeric, 1),
        'visitorsOnSite', (random() * 300)::int, 'beneficiariesOffSite', (random() * 100)::int,
        'codesignSessions', (random() * 2)::int, 'eventsDpe', (random() * 5)::int,
        'trainers', 5 + i % 7, 'trainersCertified', i % 3)
    from generate_series(1, ${ATELIERS}) i, generate_series(1, 12) m`);
  await pool.query("analyze reports");
  console.log(`${(ATELIERS * 12).toLocaleString("fr-FR")} rapports créés en ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const queries: [string, string][] = [
    [
      "flux par territoire (1-1, 1-4, 1-5, 2-2-2, 3-4)",
      `select territory_code,
         sum((values->>'traineeDaysOnSite')::numeric + (values->>'traineeDaysOffSite')::numeric + (values->>'traineeDaysRemote')::numeric) as days,
         sum((values->>'traineeDaysEspe')::numeric) as espe,
         sum((values->>'visitorsOnSite')::numeric + (values->>'beneficiariesOffSite')::numeric) as beneficiaries,
         sum((values->>'codesignSessions')::numeric) as codesign, sum((values->>'eventsDpe')::numeric) as dpe, count(*) as reports
       from reports where period between '2025-01' and '2025-12' and status = 'validated' group by territory_code`,
    ],
    [
      "instantanés : dernier rapport de l'année par atelier (4-1-1)",
      `select sum((values->>'trainersCertified')::numeric) as certified, sum((values->>'trainers')::numeric) as trainers from (
         select distinct on (atelier_code) values from reports
         where period between '2025-01' and '2025-12' and status = 'validated'
         order by atelier_code, period desc) latest`,
    ],
  ];
  let failed = false;
  for (const [label, sqlText] of queries) {
    await pool.query(sqlText); // warm
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      await pool.query(sqlText);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const median = times[2] ?? 0;
    failed ||= median > BUDGET_MS;
    console.log(`${label} : médiane ${median.toFixed(0)} ms sur 5 (${median <= BUDGET_MS ? "OK" : "HORS BUDGET"})`);
  }
  console.log(`Budget : ≤ ${BUDGET_MS} ms par requête pour une année de ${(ATELIERS * 12).toLocaleString("fr-FR")} rapports.`);
  process.exitCode = failed ? 1 : 0;
} finally {
  await pool.end();
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
