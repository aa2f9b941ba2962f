/**
 * The scheduled jobs, run by pg-boss in its own schema of the application's
 * database, through the application's pool. Every API process may run them
 * (JOBS=1): pg-boss fires each cron once across processes, and even a job run
 * twice writes and sends each email once (outbox keys, locked rows).
 *
 * Times are Europe/Paris. Reminders and the digest run every hour from 8:00
 * to 12:00: the first run of the day does the work, the later ones only
 * catch up after a stop (the keys make them no-ops otherwise). The digest
 * runs on weekdays. The warnings of API tokens about to expire run at the same
 * hours, every day. The outbox is delivered every minute, and right after a
 * job has written to it.
 */
import { parisDate } from "@enquete/domain";
import type pg from "pg";
import PgBoss from "pg-boss";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { isDay } from "../modules/notifications/dates.ts";
import { deliverOutbox } from "./delivery.ts";
import { queueDigests } from "./digest.ts";
import type { JobLog } from "./log.ts";
import { createMailer, type Mailer } from "./mailer.ts";
import { queueReminders } from "./reminders.ts";
import { queueTokenExpiryWarnings } from "./token-expiry.ts";

export const PGBOSS_SCHEMA = "pgboss";
export const TIME_ZONE = "Europe/Paris";

export const QUEUES = {
  reminders: "notification-reminders",
  digest: "notification-digest",
  tokenExpiry: "token-expiry-warnings",
  delivery: "outbox-delivery",
} as const;

export const SCHEDULES: { queue: string; cron: string }[] = [
  { queue: QUEUES.reminders, cron: "0 8-12 * * *" },
  { queue: QUEUES.digest, cron: "0 8-12 * * 1-5" },
  { queue: QUEUES.tokenExpiry, cron: "0 8-12 * * *" },
  { queue: QUEUES.delivery, cron: "* * * * *" },
];

/** A job may name its day (tests, a manual catch-up); by default it is today in Paris. */
export interface DayJobData {
  today?: string;
}

export interface Scheduler {
  boss: PgBoss;
  mailer: Mailer;
  stop(): Promise<void>;
}

export async function startScheduler(options: {
  pool: pg.Pool;
  db: Db;
  config: Config;
  log: JobLog;
  /** Fire the crons from this process (off in tests that send jobs themselves). */
  schedule?: boolean;
  pollingIntervalSeconds?: number;
}): Promise<Scheduler> {
  const { pool, db, config, log } = options;
  const boss = new PgBoss({
    db: { executeSql: async (text, values) => await pool.query(text, values) },
    schema: PGBOSS_SCHEMA,
    schedule: options.schedule ?? true,
  });
  boss.on("error", (error) => log.error({ err: error }, "Tâches planifiées : erreur de pg-boss"));
  await boss.start();

  const mailer = createMailer(config, log);
  const dayOf = (data: DayJobData | undefined) => (isDay(data?.today) ? data.today : parisDate());
  const deliverSoon = async () => {
    await boss.send(QUEUES.delivery, {});
  };
  const handlers: Record<string, (data: DayJobData | undefined) => Promise<void>> = {
    [QUEUES.reminders]: async (data) => {
      const today = dayOf(data);
      const queued = await queueReminders(db, config, today);
      log.info({ job: QUEUES.reminders, today, ...queued }, "Rappels écrits dans la boîte d'envoi");
      if (queued.before + queued.after > 0) await deliverSoon();
    },
    [QUEUES.digest]: async (data) => {
      const today = dayOf(data);
      const queued = await queueDigests(db, today);
      log.info({ job: QUEUES.digest, today, queued }, "Récapitulatifs écrits dans la boîte d'envoi");
      if (queued > 0) await deliverSoon();
    },
    [QUEUES.tokenExpiry]: async (data) => {
      const today = dayOf(data);
      const queued = await queueTokenExpiryWarnings(db, today);
      log.info({ job: QUEUES.tokenExpiry, today, queued }, "Avertissements d'expiration des jetons d'API écrits dans la boîte d'envoi");
      if (queued > 0) await deliverSoon();
    },
    [QUEUES.delivery]: async () => {
      const result = await deliverOutbox(db, { mailer, publicUrl: config.publicUrl, log });
      if (result.sent + result.failed + result.logged > 0) log.info({ job: QUEUES.delivery, ...result }, "Boîte d'envoi traitée");
    },
  };

  for (const [queue, handler] of Object.entries(handlers)) {
    await boss.createQueue(queue, { name: queue, retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 });
    await boss.work<DayJobData>(queue, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async (jobs) => {
      for (const job of jobs) {
        try {
          await handler(job.data);
        } catch (error) {
          log.error({ err: error, job: queue, jobId: job.id }, "Tâche planifiée en échec : pg-boss la relancera");
          throw error;
        }
      }
    });
  }
  if (options.schedule ?? true) {
    for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: TIME_ZONE });
  }

  return {
    boss,
    mailer,
    async stop() {
      // Lets a running job finish (an email being sent), within the server's own stop deadline.
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      mailer.close();
    },
  };
}
