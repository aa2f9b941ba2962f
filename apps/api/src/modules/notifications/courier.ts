/**
 * Sends the outbox right away, from the process that wrote to it, for emails
 * a person is waiting for (an invitation, a password link): the scheduled
 * delivery job runs every minute, which is too late for someone looking at
 * their inbox. Runs after the commit, in the background, one run at a time
 * per process (a request during a run asks for one more); rows are claimed
 * with SKIP LOCKED, so the job and this never send the same email twice.
 */
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { deliverOutbox } from "../../jobs/delivery.ts";
import type { JobLog } from "../../jobs/log.ts";
import { createMailer } from "../../jobs/mailer.ts";

export interface Courier {
  /** Asks for a delivery run after the current one (if any); never throws. */
  deliverSoon(): void;
  /** Resolves when no run is in progress (tests, and the server's stop). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export function createCourier(db: Db, config: Pick<Config, "smtp" | "mailFrom" | "publicUrl" | "demo">, log: JobLog): Courier {
  const mailer = createMailer(config, log);
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  const run = async () => {
    do {
      again = false;
      try {
        await deliverOutbox(db, { mailer, publicUrl: config.publicUrl, log }, { limit: 20 });
      } catch (error) {
        // The scheduled job tries again within a minute: nothing is lost.
        log.warn({ err: error }, "Envoi immédiat des courriels impossible : la tâche planifiée s'en chargera");
      }
    } while (again && !closed);
  };
  return {
    deliverSoon() {
      if (closed) return;
      if (running) {
        again = true;
        return;
      }
      running = run().finally(() => {
        running = null;
      });
    },
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      while (running) await running;
      mailer.close();
    },
  };
}
