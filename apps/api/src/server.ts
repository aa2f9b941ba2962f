/**
 * Starts the platform: configuration, database, HTTP server, and a clean stop
 * on SIGINT/SIGTERM (the embedded PostgreSQL is stopped too, never killed).
 */
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { DatabaseUnreachableError } from "./db/client.ts";
import { prepareDatabase } from "./db/prepare.ts";
import { type Scheduler, startScheduler } from "./jobs/scheduler.ts";

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const t0 = Date.now();
  const config = loadConfig();
  const database = await prepareDatabase(config, say);
  const app = await buildApp({ config, db: database.db });
  let jobs: Scheduler | null = null;
  if (config.jobs) {
    try {
      jobs = await startScheduler({ pool: database.pool, db: database.db, config, log: app.log.child({ module: "jobs" }) });
    } catch (error) {
      await app.close().catch(() => {});
      await database.close().catch(() => {});
      throw new Error(
        `les tâches planifiées (pg-boss) n'ont pas démarré (JOBS=0 pour démarrer sans elles) : ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`Arrêt demandé (${signal}) : fermeture des connexions…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close().catch(() => {});
    await jobs?.stop().catch(() => {});
    await database.close().catch(() => {});
    say("Arrêté proprement.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await jobs?.stop().catch(() => {});
    await database.close().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new ConfigError(`Le port ${config.port} est déjà utilisé : choisissez-en un autre avec PORT=…`);
    throw error;
  }
  const shownHost = config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host;
  say(`Enquête atelier est prête en ${((Date.now() - t0) / 1000).toFixed(1)} s : http://${shownHost}:${config.port}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseUnreachableError) {
    process.stderr.write(`Erreur : ${error.message}\n`);
  } else {
    process.stderr.write(`Erreur au démarrage : ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.DEBUG) console.error(error);
  }
  process.exit(1);
});
