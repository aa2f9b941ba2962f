/**
 * A save's time must not grow with the report's history: 1,000 saves of
 * atelier 86's current month, one after the other, each with its If-Match,
 * as autosave sends them; the history grows by one event a save.
 * Budget: the median of the last hundred saves within 20 % of the median of
 * the first hundred (a ratio measured in the same run, not absolute times:
 * these machines are shared and noisy).
 */
import { formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import { percentile, startServer } from "./start-server.ts";

const BUDGET_LATE_OVER_EARLY = 1.2;
const SAVES = 1000;
const WARMUP = 50;

const server = await startServer();
try {
  const cookie = await server.signIn("atelier.86@canope.test");
  const period = formatPeriod(periodOfDate(parisDate()));
  const url = `${server.base}/api/reports/86/${period}`;
  let version = 0;
  let bytes = 0;
  const times: number[] = [];
  for (let i = 0; i < SAVES + WARMUP; i++) {
    const values = { trainingActions: i % 17, trainees: 100 + (i % 50), traineeDaysOnSite: (i % 40) / 2, highlights: `Essai ${i}` };
    const started = performance.now();
    const res = await fetch(url, {
      method: "PUT",
      headers: { cookie, "content-type": "application/json", ...(version ? { "if-match": `"${version}"` } : {}) },
      body: JSON.stringify({ values }),
    });
    const text = await res.text();
    const elapsed = performance.now() - started;
    if (res.status !== 200) throw new Error(`save ${i}: ${res.status} ${text}`);
    version = (JSON.parse(text) as { version: number }).version;
    bytes = text.length;
    if (i >= WARMUP) times.push(elapsed); // the first ones warm the server up
  }
  const early = [...times.slice(0, 100)].sort((a, b) => a - b);
  const late = [...times.slice(-100)].sort((a, b) => a - b);
  const ratio = percentile(late, 50) / percentile(early, 50);
  const sorted = [...times].sort((a, b) => a - b);
  const ok = ratio <= BUDGET_LATE_OVER_EARLY;
  console.log(
    `${SAVES} enregistrements de brouillon : médiane ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[sorted.length - 1]?.toFixed(1)} ms (version finale ${version}, réponse de ${bytes} octets)`,
  );
  console.log(
    `Médiane des 100 premiers : ${percentile(early, 50).toFixed(1)} ms (historique de ${WARMUP} à ${WARMUP + 100} événements) ; des 100 derniers : ${percentile(late, 50).toFixed(1)} ms (plus de ${SAVES - 50} événements)`,
  );
  console.log(
    `Rapport des médianes (derniers / premiers) : ${ratio.toFixed(2)} ; budget ≤ ${BUDGET_LATE_OVER_EARLY} : ${ok ? "OK" : "HORS BUDGET"}`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await server.stop();
}
