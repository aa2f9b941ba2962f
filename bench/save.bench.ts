/**
 * Time to save a draft through the API: 1,000 saves of atelier 86's current
 * month, one after the other, each with its If-Match, as autosave sends them.
 * Budget (2 cores): median ≤ 30 ms, p99 ≤ 100 ms. Each answer carries the
 * report's whole history, which grows by one event a save: the last saves of
 * this run (over 950 events) are the slow ones.
 */
import { formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import { percentile, startServer } from "./start-server.ts";

const BUDGET = { medianMs: 30, p99Ms: 100 };
const SAVES = 1000;

const server = await startServer();
try {
  const cookie = await server.signIn("atelier.86@canope.test");
  const period = formatPeriod(periodOfDate(parisDate()));
  const url = `${server.base}/api/reports/86/${period}`;
  let version = 0;
  const times: number[] = [];
  for (let i = 0; i < SAVES + 50; i++) {
    const values = { trainingActions: i % 17, trainees: 100 + (i % 50), traineeDaysOnSite: (i % 40) / 2, highlights: `Essai ${i}` };
    const started = performance.now();
    const res = await fetch(url, {
      method: "PUT",
      headers: { cookie, "content-type": "application/json", ...(version ? { "if-match": `"${version}"` } : {}) },
      body: JSON.stringify({ values }),
    });
    const body = (await res.json()) as { version: number };
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`save ${i}: ${res.status} ${JSON.stringify(body)}`);
    version = body.version;
    if (i >= 50) times.push(elapsed); // the first 50 warm the server up
  }
  // The report's history grows by one event a save: compare the first and the last hundred.
  const early = [...times.slice(0, 100)].sort((a, b) => a - b);
  const late = [...times.slice(-100)].sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  const p99 = percentile(times, 99);
  const ok = median <= BUDGET.medianMs && p99 <= BUDGET.p99Ms;
  console.log(
    `${SAVES} enregistrements de brouillon : médiane ${median.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${times[times.length - 1]?.toFixed(1)} ms (version finale ${version})`,
  );
  console.log(
    `Médiane des 100 premiers : ${percentile(early, 50).toFixed(1)} ms (historique de 50 à 150 événements) ; des 100 derniers : ${percentile(late, 50).toFixed(1)} ms (plus de 950 événements)`,
  );
  console.log(`Budget : médiane ≤ ${BUDGET.medianMs} ms, p99 ≤ ${BUDGET.p99Ms} ms : ${ok ? "OK" : "HORS BUDGET"}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
}
