/**
 * Two API processes (WORKERS=1 each, JOBS=1 each, TRUST_PROXY=1) on one
 * PostgreSQL behind a round-robin proxy: a session opened on one works on
 * the other, a conflict is detected across them, an email is sent once
 * although both run the delivery job, and the request limit counts across
 * both about as one process would.
 */
import { formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import pg from "pg";
import PgBoss from "pg-boss";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGBOSS_SCHEMA, QUEUES } from "../../src/jobs/scheduler.ts";
import { buildValues } from "../factories.ts";
import { type ApiProcess, DEMO_PASSWORD, sleep, startApi, waitFor } from "./api-process.ts";
import { type Cluster, startCluster } from "./cluster.ts";
import { checkLedger } from "./ledger.ts";
import { type RoundRobinProxy, startProxy } from "./proxy.ts";
import { isFrenchJsonError, type SaveRecord, send } from "./storm.ts";

interface Received {
  to: string[];
  subject: string;
  raw: string;
}

let cluster: Cluster;
let url: string;
let proxy: RoundRobinProxy;
let smtp: SMTPServer;
let smtpPort = 0;
const received: Received[] = [];
const processes: ApiProcess[] = [];
const proxies: RoundRobinProxy[] = [];

function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        const subject = /^Subject: (.*)$/im.exec(raw)?.[1] ?? "";
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, raw });
        callback();
      });
    },
  });
  return new Promise((resolve) =>
    smtp.listen(0, "127.0.0.1", () => {
      const address = smtp.server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    }),
  );
}

async function startPair(database: string, env: Record<string, string>) {
  const common = { DATABASE_URL: database, WORKERS: "1", TRUST_PROXY: "1", ...env };
  // One after the other: the first prepares the database (migrations, demo accounts), the second finds it ready.
  const a = await startApi(common);
  const b = await startApi(common);
  processes.push(a, b);
  const p = await startProxy([a.base, b.base]);
  proxies.push(p);
  return { a, b, proxy: p };
}

async function cookieOf(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

beforeAll(async () => {
  cluster = await startCluster();
  url = await cluster.createDatabase("enquete");
  smtpPort = await startSmtp();
  const pair = await startPair(url, { JOBS: "1", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtpPort) });
  proxy = pair.proxy;
});

afterAll(async () => {
  for (const p of proxies) await p.close();
  for (const p of processes) await p.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await cluster?.destroy();
});

describe("two API processes behind a round-robin proxy", () => {
  it("a session opened through one works through the other", async () => {
    const res = await fetch(`${proxy.base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "dt.normandie@canope.test", password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const openedOn = res.headers.get("x-replica");
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const answers = [await send(proxy.base, cookie, "GET", "/api/me"), await send(proxy.base, cookie, "GET", "/api/me")];
    expect(new Set([openedOn, ...answers.map((a) => a.servedBy)])).toEqual(new Set(["0", "1"]));
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect((a.body as { email: string }).email).toBe("dt.normandie@canope.test");
    }
    // Signed out through one process: refused through the other at once.
    const out = await send(proxy.base, cookie, "POST", "/api/auth/logout", { headers: { origin: proxy.base } });
    expect(out.status).toBe(204);
    const after = [await send(proxy.base, cookie, "GET", "/api/me"), await send(proxy.base, cookie, "GET", "/api/me")];
    expect(after.map((a) => a.status)).toEqual([401, 401]);
  });

  it("a conflict is detected across them: same version, one 200 and one 409, over 20 rounds", async () => {
    const period = formatPeriod(periodOfDate(parisDate()));
    // The same director in two browsers: two sessions.
    const first = await cookieOf(proxy.base, "atelier.02@canope.test");
    const second = await cookieOf(proxy.base, "atelier.02@canope.test");
    const records: SaveRecord[] = [];
    const path = `/api/reports/02/${period}`;
    let version = ((await send(proxy.base, first, "GET", path)).body as { version: number }).version;
    for (let round = 1; round <= 20; round++) {
      const writers = [first, second].map((cookie, w) => {
        const values = { trainingActions: round * 10 + w, highlights: `Tour ${round}, écrit depuis la session ${w + 1}` };
        return send(proxy.base, cookie, "PUT", path, {
          body: { values },
          headers: version > 0 ? { "if-match": `"${version}"` } : {},
        }).then((res) => ({ values, res }));
      });
      const answers = await Promise.all(writers);
      for (const { values, res } of answers) records.push({ atelier: "02", period, ifMatch: version || null, values, ...res });
      const statuses = answers.map((a) => a.res.status).sort();
      expect({ round, statuses, replicas: new Set(answers.map((a) => a.res.servedBy)).size }).toEqual({
        round,
        statuses: [200, 409],
        replicas: 2,
      });
      const winner = answers.find((a) => a.res.status === 200) as (typeof answers)[number];
      const loser = answers.find((a) => a.res.status === 409) as (typeof answers)[number];
      const current = (loser.res.body as { current: { version: number; values: Record<string, unknown> } }).current;
      // The 409 shows what the other writer saved, at the version the 200 announced.
      expect(current.version).toBe((winner.res.body as { version: number }).version);
      expect(current.values).toEqual(winner.values);
      version = current.version;
    }
    const ledger = await checkLedger(url, records);
    expect(ledger.problems).toEqual([]);
    expect(ledger.acknowledged).toBe(20);
  });

  it("an email is sent once although both processes run the delivery job", async () => {
    // Returned reports queue a notice to the atelier's director in the outbox, in the decision's transaction.
    const p = periodOfDate(parisDate());
    const period = formatPeriod(p.month === 1 ? { year: p.year - 1, month: 12 } : { year: p.year, month: p.month - 1 });
    const ateliers = ["01", "03", "07", "15"];
    const territory = await cookieOf(proxy.base, "dt.auvergne-rhone-alpes@canope.test");
    for (const code of ateliers) {
      const director = await cookieOf(proxy.base, `atelier.${code}@canope.test`);
      const saved = await send(proxy.base, director, "PUT", `/api/reports/${code}/${period}`, { body: { values: buildValues() } });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      const version = (saved.body as { version: number }).version;
      const submitted = await send(proxy.base, director, "POST", `/api/reports/${code}/${period}/submit`, {
        body: {},
        headers: { "if-match": `"${version}"` },
      });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      const returned = await send(proxy.base, territory, "POST", `/api/reports/${code}/${period}/return`, {
        body: { comment: "Merci de vérifier le nombre de stagiaires." },
      });
      expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    }
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const queued = await db.query<{ to_email: string }>("select to_email from outbox where kind = 'report_returned' order by id");
      expect(queued.rows.map((r) => r.to_email).sort()).toEqual(ateliers.map((c) => `atelier.${c}@canope.test`).sort());

      // The cron runs delivery once a minute; rather than wait for it, ask for deliveries now, many at once,
      // so that both processes' workers (polling every 2 s) run the job side by side.
      const boss = new PgBoss({ connectionString: url, schema: PGBOSS_SCHEMA, supervise: false, schedule: false, migrate: false, max: 2 });
      boss.on("error", () => {});
      await boss.start();
      const ask = async (count: number) => {
        for (let i = 0; i < count; i++) await boss.send(QUEUES.delivery, {});
      };
      const askedAt = Date.now();
      await ask(8);
      const arrived = await waitFor(() => received.length >= ateliers.length, 45_000, 200);
      expect(arrived, `${received.length} courriels reçus sur ${ateliers.length}`).toBe(true);
      const arrivedInMs = Date.now() - askedAt;
      // More runs, from both processes, must not send any of them again.
      await ask(4);
      await waitFor(async () => {
        const left = await db.query(
          `select count(*)::int as n from ${PGBOSS_SCHEMA}.job where name = $1 and state in ('created', 'active', 'retry')`,
          [QUEUES.delivery],
        );
        return left.rows[0]?.n === 0;
      }, 30_000);
      await sleep(2_000);
      await boss.stop({ graceful: false, wait: true, timeout: 5_000 });

      const returnedMail = received.filter((m) => m.to.some((to) => to.startsWith("atelier.")));
      expect(returnedMail.map((m) => m.to.join(",")).sort()).toEqual(ateliers.map((c) => `atelier.${c}@canope.test`).sort());
      const rows = await db.query<{ sent: boolean; attempts: number }>(
        "select sent_at is not null as sent, attempts from outbox where kind = 'report_returned'",
      );
      expect(rows.rows).toEqual(ateliers.map(() => ({ sent: true, attempts: 1 })));
      const jobs = await db.query<{ state: string; n: number }>(
        `select state, count(*)::int as n from ${PGBOSS_SCHEMA}.job where name = $1 group by state order by state`,
        [QUEUES.delivery],
      );
      console.log(
        `courriels : ${received.length} reçus ${arrivedInMs} ms après la demande de livraison ; tâches de livraison ${JSON.stringify(jobs.rows)} ; requêtes par processus ${JSON.stringify(proxy.served)}`,
      );
    } finally {
      await db.end();
    }
  });

  it("the request limit counts across both, about as one process would", async () => {
    const LIMIT = 40;
    const env = { RATE_LIMIT_PER_MINUTE: String(LIMIT), JOBS: "0" };
    const limited = await startPair(await cluster.createDatabase("enquete_limites"), env);
    const alone = await startApi({
      DATABASE_URL: await cluster.createDatabase("enquete_limite_seul"),
      WORKERS: "1",
      TRUST_PROXY: "1",
      ...env,
    });
    processes.push(alone);
    const aloneProxy = await startProxy([alone.base]);
    proxies.push(aloneProxy);

    // Windows are aligned on the clock's minutes: start early in one, so that both runs fit in it.
    // Each run takes about 2.5 s (some 42 requests 50 ms apart, then 10): 10 s left in the minute is plenty.
    await waitFor(() => new Date().getSeconds() < 50, 15_000, 200);

    /** Sign in, then GET /api/me every 50 ms until refused; the rank of the first 429 among every request sent (the sign-in is the first). */
    const firstRefusal = async (base: string) => {
      const session = await cookieOf(base, "dt.bretagne-pays-de-la-loire@canope.test");
      const answers: Awaited<ReturnType<typeof send>>[] = [];
      for (let i = 0; i < 200 && !answers.some((a) => a.status === 429); i++) {
        answers.push(await send(base, session, "GET", "/api/me"));
        await sleep(50);
      }
      const index = answers.findIndex((a) => a.status === 429);
      // Once refused, refused by both processes until the window ends, once the other has read the
      // shared total back (it flushes every 250 ms: until then it may let one or two more through).
      const slack = [];
      for (let i = 0; i < 2; i++) slack.push(await send(base, session, "GET", "/api/me"));
      await sleep(600);
      const after = [];
      for (let i = 0; i < 10; i++) after.push(await send(base, session, "GET", "/api/me"));
      return { rank: index < 0 ? 0 : index + 2, refusal: answers[index], slack, after };
    };
    const single = await firstRefusal(aloneProxy.base);
    const both = await firstRefusal(limited.proxy.base);
    console.log(
      `limite ${LIMIT}/min : premier 429 à la requête ${single.rank} avec un processus, ${both.rank} avec deux ; ` +
        `juste après : ${JSON.stringify(both.slack.map((a) => `${a.servedBy}:${a.status}`))}, 600 ms plus tard : ${JSON.stringify(both.after.map((a) => `${a.servedBy}:${a.status}`))}`,
    );
    expect(single.rank).toBeGreaterThan(LIMIT - 5);
    expect(single.rank).toBeLessThanOrEqual(LIMIT + 2);
    // Two flush intervals (250 ms each) of requests at one per 50 ms: the most the other process may not have seen yet.
    expect(Math.abs(both.rank - single.rank)).toBeLessThanOrEqual(12);
    expect(both.after.map((a) => a.status)).toEqual(both.after.map(() => 429));
    expect(new Set(both.after.map((a) => a.servedBy))).toEqual(new Set(["0", "1"]));
    const refusal = both.refusal as NonNullable<typeof both.refusal>;
    expect(refusal.retryAfter).toMatch(/^\d+$/);
    expect(isFrenchJsonError(refusal)).toBe(true);
    expect((refusal.body as { code?: string }).code).toBe("TOO_MANY_REQUESTS");
  });
});
