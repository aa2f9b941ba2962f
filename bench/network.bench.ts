/**
 * The whole network at once, for a minute: 101 directors autosaving their
 * current month every 3 s (If-Match from the previous answer, as the web
 * app's DraftSaver does), 12 territorial directors loading their review
 * queue, 5 national users loading the national dashboard (the three calls of
 * the web app's loadDashboard) and now and then the reports export. The
 * platform runs as `npm start` runs it (embedded PostgreSQL, DEMO=full, one
 * worker per core); the memory of every process of its tree is sampled.
 *   node --import tsx network.bench.ts        (BENCH_SECONDS=60 by default)
 * Budgets (issue 8): 0 errors, save p99 < 100 ms, dashboard p99 < 300 ms,
 * every process < 300 MB. Exits 1 when one is missed.
 *
 * Every simulated person comes from 127.0.0.1, which a real network never
 * does: the per-address request limit is lifted (RATE_LIMIT_PER_MINUTE), the
 * per-person limits of costly requests stay as configured.
 */
import { execFile, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { addMonths, formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import { freePort, runningEmbeddedUrl } from "../apps/api/src/db/embedded.ts";
import { EMBEDDED_DATABASE } from "../apps/api/src/db/prepare.ts";

const BUDGET = { saveP99Ms: 100, dashboardP99Ms: 300, rssMb: 300 };
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 60);
const AUTOSAVE_MS = 3_000;
const QUEUE_EVERY_MS = 5_000;
// Two costly calls per load and an export every fourth: 22 a minute per person, within COSTLY_PER_MINUTE.
const DASHBOARD_EVERY_MS = 6_000;
const EXPORT_EVERY = 4;
const NATIONAL_USERS = 5;
const DEMO_PASSWORD = "canope-demo";
const NATIONAL_PASSWORD = "banc-de-charge-national-2026";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const csv = (file: string) =>
  readFileSync(path.join(ROOT, "apps/api/src/db/seed/data", file), "utf8")
    .split("\n")
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(","));
const ATELIERS = csv("ateliers.csv").map((c) => c[0] ?? "");
const TERRITORIES = [...new Set(csv("ateliers.csv").map((c) => c[3] ?? ""))].sort();

// ---------------------------------------------------------------- the platform

async function launch() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "enquete-network-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "apps/api/src/server.ts")], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DEMO: process.env.DEMO ?? "full",
      LOG_LEVEL: "warn",
      WEB_DIST: "",
      LOGIN_MAX_PER_MINUTE: "10000",
      RATE_LIMIT_PER_MINUTE: "10000000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 180_000;
  while (!output.includes("est prête")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`la plateforme n'a pas démarré :\n${output}`);
    await sleep(100);
  }
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    dataDir,
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      const code = await exited;
      clearTimeout(timer);
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Four more national accounts, made the way production makes accounts (the users CLI). */
async function createNationalUsers(dataDir: string): Promise<string[]> {
  const url = await runningEmbeddedUrl(dataDir, EMBEDDED_DATABASE);
  if (!url) throw new Error("PostgreSQL embarqué introuvable");
  const emails = ["dis@canope.test"];
  for (let i = 2; i <= NATIONAL_USERS; i++) {
    const email = `national.${i}@canope.test`;
    await new Promise<void>((resolve, reject) => {
      const cli = execFile(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(ROOT, "apps/api/src/cli/users.ts"),
          "create",
          "--email",
          email,
          "--name",
          `National ${i}`,
          "--role",
          "national",
          "--password-stdin",
        ],
        { env: { ...process.env, DATABASE_URL: url }, timeout: 60_000 },
        (error, _stdout, stderr) => (error ? reject(new Error(`${email} : ${stderr || error.message}`)) : resolve()),
      );
      cli.stdin?.end(`${NATIONAL_PASSWORD}\n`);
    });
    emails.push(email);
  }
  return emails;
}

// ---------------------------------------------------------------- measuring

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

interface Series {
  ok: number;
  latencies: number[];
  errors: Map<string, number>;
  samples: string[];
}
const series = (): Series => ({ ok: 0, latencies: [], errors: new Map(), samples: [] });
const stats = {
  save: series(),
  queue: series(),
  dashboard: series(),
  dashboardCall: series(),
  export: series(),
  other: series(),
};

function fail(s: Series, what: string, detail: string) {
  s.errors.set(what, (s.errors.get(what) ?? 0) + 1);
  if (s.samples.length < 3) s.samples.push(`${what} ${detail.slice(0, 200)}`);
}

/** One request; its time counts in `s` (null: the caller times a group of requests itself). */
async function call(
  s: Series | null,
  cookie: string,
  method: string,
  url: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method,
      headers: { cookie, ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status >= 200 && res.status < 300) {
      if (s) {
        s.ok += 1;
        s.latencies.push(ms);
      }
      return { ok: true, status: res.status, text, ms };
    }
    // A request timed with others (s null) is counted once, as its group's failure.
    if (s) fail(s, String(res.status), `${method} ${new URL(url).pathname} ${text}`);
    return { ok: false, status: res.status, text, ms };
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string }; message?: string };
    if (s) fail(s, e.cause?.code ?? e.name ?? "erreur", `${method} ${url} ${e.message}`);
    return { ok: false, status: 0, text: e.cause?.code ?? e.message ?? "", ms: performance.now() - t0 };
  }
}

/** `f` over `items`, `size` at a time, results in order. */
async function inBatches<T, R>(items: T[], f: (item: T) => Promise<R>, size = 8): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(f))));
  return out;
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  if (res.status !== 200 || !cookie) throw new Error(`connexion de ${email} impossible : ${res.status} ${await res.text()}`);
  return cookie;
}

/**
 * Peak VmRSS of every process under `root` (the primary, its workers,
 * PostgreSQL and its backends), and the CPU time they used (utime + stime),
 * to tell the platform's own load from the machine's.
 */
class MemorySampler {
  readonly peaks = new Map<number, { name: string; kb: number }>();
  private readonly firstTicks = new Map<number, number>();
  private readonly lastTicks = new Map<number, number>();
  private sampled = false;
  /** CPU seconds used by the tree while sampled (processes that ended between samples are missed). */
  cpuSeconds() {
    let ticks = 0;
    for (const [pid, last] of this.lastTicks) ticks += last - (this.firstTicks.get(pid) ?? 0);
    return ticks / 100;
  }
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly root: number) {}
  start() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }
  private sample() {
    const parent = new Map<number, number>();
    const ticks = new Map<number, number>();
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        // After the command's closing parenthesis: state, ppid, … utime and stime are the 12th and 13th fields.
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        parent.set(Number(entry), Number(fields[1]));
        ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
      } catch {
        // Gone between the listing and the read.
      }
    }
    const tree = new Set([this.root]);
    for (let grew = true, rounds = 0; grew && rounds < 10; rounds++) {
      grew = false;
      for (const [pid, ppid] of parent) {
        if (!tree.has(pid) && tree.has(ppid)) {
          tree.add(pid);
          grew = true;
        }
      }
    }
    for (const pid of tree) {
      const t = ticks.get(pid) ?? 0;
      // A process born during the run counts from zero; one there at the start, from its first sample.
      if (!this.firstTicks.has(pid)) this.firstTicks.set(pid, this.sampled ? 0 : t);
      this.lastTicks.set(pid, t);
      try {
        const status = readFileSync(`/proc/${pid}/status`, "utf8");
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
        const name =
          pid === this.root
            ? "node (primaire)"
            : cmdline.startsWith("postgres:")
              ? cmdline
              : cmdline.includes("bin/postgres ")
                ? "postgres (postmaster)"
                : cmdline.includes("server.ts")
                  ? "node (worker)"
                  : cmdline
                      .split(" ")
                      .slice(0, 2)
                      .map((w, i) => (i === 0 ? path.basename(w) : w))
                      .join(" ");
        const peak = this.peaks.get(pid);
        if (!peak || kb > peak.kb)
          this.peaks.set(pid, {
            // A backend's title ends with its client's address and what it is doing: one name for all of them.
            name: name.replace(/^postgres: (\S+) (\S+) \d+\.\d+\.\d+\.\d+\(\d+\).*$/, "postgres: connexion $1 $2"),
            kb,
          });
      } catch {
        // Gone.
      }
    }
    this.sampled = true;
  }
}

// ---------------------------------------------------------------- the people

async function director(base: string, atelier: string, cookie: string, period: string, until: number) {
  const url = `${base}/api/reports/${atelier}/${period}`;
  const opened = await call(stats.other, cookie, "GET", url);
  let version = opened.ok ? (JSON.parse(opened.text) as { version: number }).version : 0;
  // The form opens at some moment of the first 3 s; then an autosave every 3 s.
  const start = Date.now() + Math.random() * AUTOSAVE_MS;
  for (let n = 1; n <= 1 + (until - start) / AUTOSAVE_MS; n++) {
    const at = start + n * AUTOSAVE_MS;
    if (at > until) break;
    await sleep(Math.max(0, at - Date.now()));
    const values = { trainingActions: n, trainees: 100 + n, highlights: `Saisie en cours, ${n} modifications` };
    const res = await call(stats.save, cookie, "PUT", url, {
      body: { values },
      headers: version > 0 ? { "if-match": `"${version}"` } : {},
    });
    if (res.ok) version = (JSON.parse(res.text) as { version: number }).version;
    else if (res.status === 409) version = (JSON.parse(res.text) as { current: { version: number } }).current.version;
  }
}

async function territorial(base: string, territory: string, cookie: string, period: string, until: number) {
  const start = Date.now() + Math.random() * QUEUE_EVERY_MS;
  for (let n = 0; n <= DURATION_S; n++) {
    const at = start + n * QUEUE_EVERY_MS;
    if (at > until) break;
    await sleep(Math.max(0, at - Date.now()));
    const t0 = performance.now();
    const answers = await Promise.all([
      call(null, cookie, "GET", `${base}/api/reports?period=${period}&territory=${territory}`),
      call(null, cookie, "GET", `${base}/api/ateliers`),
    ]);
    if (answers.every((a) => a.ok)) {
      stats.queue.ok += 1;
      stats.queue.latencies.push(performance.now() - t0);
    } else fail(stats.queue, "chargement", answers.map((a) => `${a.status} ${a.text.slice(0, 120)}`).join(" ; "));
  }
}

async function national(base: string, cookie: string, year: number, until: number) {
  const q = `year=${year}&yearType=calendar&basis=official`;
  // The referential, loaded once when the dashboard page opens (useReferential).
  await Promise.all([
    call(stats.other, cookie, "GET", `${base}/api/territories`),
    call(stats.other, cookie, "GET", `${base}/api/ateliers`),
  ]);
  const start = Date.now() + Math.random() * DASHBOARD_EVERY_MS;
  for (let n = 0; n <= DURATION_S; n++) {
    const at = start + n * DASHBOARD_EVERY_MS;
    if (at > until) break;
    await sleep(Math.max(0, at - Date.now()));
    // loadDashboard for the national scope: the breakdown by territory, the months, the distance learning.
    const t0 = performance.now();
    const answers = await Promise.all([
      call(stats.dashboardCall, cookie, "GET", `${base}/api/indicators?scope=national&${q}&breakdown=territory`),
      call(stats.dashboardCall, cookie, "GET", `${base}/api/indicators?scope=national&${q}&breakdown=month`),
      call(stats.dashboardCall, cookie, "GET", `${base}/api/distance-learning?year=${year}`),
    ]);
    if (answers.every((a) => a.ok)) {
      stats.dashboard.ok += 1;
      stats.dashboard.latencies.push(performance.now() - t0);
    } else fail(stats.dashboard, "chargement", answers.map((a) => `${a.status} ${a.ok ? "" : a.text.slice(0, 120)}`).join(" ; "));
    if (n % EXPORT_EVERY === EXPORT_EVERY - 1) await call(stats.export, cookie, "GET", `${base}/api/exports/reports.csv?year=${year}`);
  }
}

// ---------------------------------------------------------------- the run

async function main() {
  const t0 = Date.now();
  const platform = await launch();
  let code = 1;
  try {
    const nationals = await createNationalUsers(platform.dataDir);
    const today = periodOfDate(parisDate());
    const period = formatPeriod(today);
    const reviewed = formatPeriod(addMonths(today, -1));
    // Sign-ins a few at a time: the minute measured is the network at work, not a burst of 118 argon2 checks at once.
    const directors = await inBatches(ATELIERS, (a) => signIn(platform.base, `atelier.${a.toLowerCase()}@canope.test`, DEMO_PASSWORD));
    const territorials = await inBatches(TERRITORIES, (t) => signIn(platform.base, `dt.${t}@canope.test`, DEMO_PASSWORD));
    const nationalCookies = await inBatches(nationals, (e) =>
      signIn(platform.base, e, e === "dis@canope.test" ? DEMO_PASSWORD : NATIONAL_PASSWORD),
    );
    console.log(
      `Plateforme prête et ${directors.length + territorials.length + nationalCookies.length} personnes connectées en ${((Date.now() - t0) / 1000).toFixed(1)} s ; ${DURATION_S} s de charge…`,
    );

    const memory = new MemorySampler(platform.pid);
    const loadBefore = os.loadavg()[0] ?? 0;
    memory.start();
    const until = Date.now() + DURATION_S * 1000;
    await Promise.all([
      ...directors.map((cookie, i) => director(platform.base, ATELIERS[i] as string, cookie, period, until)),
      ...territorials.map((cookie, i) => territorial(platform.base, TERRITORIES[i] as string, cookie, reviewed, until)),
      ...nationalCookies.map((c) => national(platform.base, c, today.year, until)),
    ]);
    memory.stop();
    const loadAfter = os.loadavg()[0] ?? 0;

    const errorCount = Object.values(stats).reduce((n, s) => n + [...s.errors.values()].reduce((a, b) => a + b, 0), 0);
    const line = (label: string, s: Series) =>
      `${label.padEnd(28)} ${String(s.ok).padStart(6)} ok  ${String([...s.errors.values()].reduce((a, b) => a + b, 0)).padStart(4)} erreurs  ` +
      `p50 ${percentile(s.latencies, 50).toFixed(0).padStart(4)} ms  p99 ${percentile(s.latencies, 99).toFixed(0).padStart(5)} ms`;
    console.log(line("Enregistrements (PUT)", stats.save));
    console.log(line("Files de validation", stats.queue));
    console.log(line("Tableaux de bord (3 appels)", stats.dashboard));
    console.log(line("  dont chaque appel", stats.dashboardCall));
    console.log(line("Exports CSV", stats.export));
    console.log(line("Autres (ouvertures)", stats.other));
    for (const [label, s] of Object.entries(stats)) {
      if (s.errors.size > 0)
        console.log(`  erreurs ${label} : ${JSON.stringify(Object.fromEntries(s.errors))} ; ex. ${s.samples.join(" | ")}`);
    }
    const cpu = memory.cpuSeconds();
    console.log(
      `Machine : ${os.availableParallelism()} cœurs, charge moyenne (1 min) ${loadBefore.toFixed(1)} avant, ${loadAfter.toFixed(1)} après ; ` +
        `la plateforme a utilisé ${cpu.toFixed(0)} s de CPU en ${DURATION_S} s (${(cpu / DURATION_S).toFixed(2)} cœur) : au-delà, la machine est partagée.`,
    );
    const peaks = [...memory.peaks.entries()].sort((a, b) => b[1].kb - a[1].kb);
    const heaviest = peaks[0]?.[1].kb ?? 0;
    console.log(`Mémoire (pic de VmRSS) de ${peaks.length} processus :`);
    const shown = new Map<string, { n: number; kb: number; pid: number }>();
    for (const [pid, p] of peaks) {
      // Node processes one by one; PostgreSQL backends grouped (their largest shown).
      const key = p.name.startsWith("node") ? `${p.name} ${pid}` : p.name;
      const s = shown.get(key);
      if (s) s.n += 1;
      else shown.set(key, { n: 1, kb: p.kb, pid });
    }
    for (const [key, s] of shown)
      console.log(`  ${key.padEnd(50)} ${(s.kb / 1024).toFixed(0).padStart(5)} Mo${s.n > 1 ? ` (le plus gros de ${s.n})` : ""}`);

    const saveP99 = percentile(stats.save.latencies, 99);
    const dashP99 = percentile(stats.dashboard.latencies, 99);
    const checks = [
      [`0 erreur (${errorCount})`, errorCount === 0],
      [`enregistrement p99 < ${BUDGET.saveP99Ms} ms (${saveP99.toFixed(0)} ms)`, saveP99 < BUDGET.saveP99Ms],
      [`tableau de bord p99 < ${BUDGET.dashboardP99Ms} ms (${dashP99.toFixed(0)} ms)`, dashP99 < BUDGET.dashboardP99Ms],
      [`chaque processus < ${BUDGET.rssMb} Mo (${(heaviest / 1024).toFixed(0)} Mo au plus)`, heaviest < BUDGET.rssMb * 1024],
    ] as const;
    for (const [label, ok] of checks) console.log(`${ok ? "OK         " : "HORS BUDGET"} ${label}`);
    code = checks.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    const stopped = await platform.stop();
    if (stopped !== 0) {
      console.log(`La plateforme s'est arrêtée avec le code ${stopped} :\n${platform.output().slice(-2000)}`);
      code = 1;
    }
  }
  process.exit(code);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
