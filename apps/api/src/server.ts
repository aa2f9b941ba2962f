/**
 * Starts the platform: configuration, database (prepared once: embedded
 * server, migrations, seeds), then the HTTP workers, and a clean stop.
 *
 * With WORKERS > 1 (one per core by default) this process is the primary of a
 * Node cluster: it prepares the database, forks the workers (which share the
 * port; the scheduled jobs run in the first one only), restarts one that
 * dies, and on SIGTERM/SIGINT stops them all, waits for their requests in
 * flight, then stops the embedded PostgreSQL last and exits 0. With
 * WORKERS=1 the same process serves.
 */
import cluster, { type Worker } from "node:cluster";
import { buildApp } from "./app.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { createDb, DatabaseUnreachableError } from "./db/client.ts";
import { isDatabaseUnavailable } from "./db/errors.ts";
import { prepareDatabase } from "./db/prepare.ts";
import { type Scheduler, startScheduler } from "./jobs/scheduler.ts";

const say = (line: string) => process.stdout.write(`${line}\n`);

/** What the primary tells its workers (through their environment). */
const WORKER_ENV = { url: "ENQUETE_WORKER_DATABASE_URL", jobs: "ENQUETE_WORKER_JOBS", index: "ENQUETE_WORKER_INDEX" } as const;

type Stop = (signal: string) => Promise<void>;

/** SIGTERM and SIGINT stop once; a second signal while stopping changes nothing. */
function onStopSignals(stop: Stop) {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    void stop(signal);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

/**
 * npm start runs us under a shell that does not pass signals on: when the
 * process that started us (scripts/start.mjs) goes away, we stop as if told.
 */
function stopWithParent() {
  if (process.env.ENQUETE_STOP_WITH_PARENT !== "1") return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      process.kill(process.pid, "SIGTERM");
    }
  }, 500);
  timer.unref();
}

/**
 * One serving process: its pool (with timeouts), the app, the jobs if asked.
 * Returns when listening; `stop` finishes the requests in flight (bounded),
 * stops the jobs and closes the pool.
 */
async function serve(config: Config, url: string, options: { jobs: boolean; listen: boolean }) {
  const logRef: { warn(o: object, m: string): void } = { warn: () => {} };
  let lastPoolWarning = 0;
  const { db, pool } = createDb(url, {
    max: config.dbPoolSize,
    queryTimeoutMs: config.dbQueryTimeoutMs,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    onError: (error) => {
      // A database that goes away makes every idle connection report it: one line every few seconds is enough.
      if (Date.now() - lastPoolWarning < 5_000) return;
      lastPoolWarning = Date.now();
      logRef.warn({ err: error }, "database connection lost");
    },
  });
  const app = await buildApp({ config, db });
  logRef.warn = (o, m) => app.log.warn(o, m);

  // The last net: a rejected promise nobody awaited (a driver or pg-boss callback during an outage)
  // is logged; it must not take the process, and so every request in it, down.
  process.on("unhandledRejection", (reason) => {
    if (isDatabaseUnavailable(reason)) app.log.warn({ err: reason }, "unhandled rejection while the database is unavailable");
    else app.log.error({ err: reason }, "unhandled rejection");
  });

  let jobs: Scheduler | null = null;
  if (options.jobs) {
    try {
      jobs = await startScheduler({ pool, db, config, log: app.log.child({ module: "jobs" }) });
    } catch (error) {
      await app.close().catch(() => {});
      await pool.end().catch(() => {});
      throw new Error(
        `les tâches planifiées (pg-boss) n'ont pas démarré (JOBS=0 pour démarrer sans elles) : ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (options.listen) {
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      await jobs?.stop().catch(() => {});
      await pool.end().catch(() => {});
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE") throw new ConfigError(`Le port ${config.port} est déjà utilisé : choisissez-en un autre avec PORT=…`);
      throw error;
    }
  }
  return {
    app,
    /** Stops accepting, lets the requests in flight finish within SHUTDOWN_TIMEOUT_MS, then jobs and pool. */
    async stop(): Promise<boolean> {
      let finished = true;
      const deadline = setTimeout(() => {
        finished = false;
        // Requests still running past the bound are cut, so that the stop itself is bounded.
        app.server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      deadline.unref();
      // A short drain first: a client busy on a kept-alive connection gets its next answer with
      // Connection: close (and reconnects elsewhere) rather than a reset on a socket closed under it.
      // Then idle connections are closed as they become idle.
      const drainMs = Math.min(1_000, Math.floor(config.shutdownTimeoutMs / 4));
      let sweeper: NodeJS.Timeout | undefined;
      const drain = setTimeout(() => {
        app.server.closeIdleConnections();
        sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
      }, drainMs);
      await app.close().catch(() => {});
      clearTimeout(drain);
      clearInterval(sweeper);
      clearTimeout(deadline);
      await jobs?.stop().catch(() => {});
      await pool.end().catch(() => {});
      return finished;
    },
  };
}

function readyLine(config: Config, t0: number, workers: number) {
  const shownHost = config.host === "0.0.0.0" || config.host === "127.0.0.1" ? "localhost" : config.host;
  const processes = workers > 1 ? ` (${workers} processus)` : "";
  return `Enquête atelier est prête en ${((Date.now() - t0) / 1000).toFixed(1)} s${processes} : http://${shownHost}:${config.port}`;
}

/** A worker of the cluster: serves until told to stop, or until the primary goes away. */
async function runWorker() {
  const config = loadConfig();
  const url = process.env[WORKER_ENV.url] ?? "";
  const served = await serve(config, url, { jobs: process.env[WORKER_ENV.jobs] === "1", listen: true });
  const stop: Stop = async () => {
    const finished = await served.stop();
    process.exit(finished ? 0 : 1);
  };
  onStopSignals(stop);
  // The primary was killed: finish what is in flight and go.
  process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
}

async function runPrimary() {
  const t0 = Date.now();
  const config = loadConfig();
  const database = await prepareDatabase(config, say);

  if (config.workers <= 1) {
    let served: Awaited<ReturnType<typeof serve>>;
    try {
      served = await serve(config, database.url, { jobs: config.jobs, listen: true });
    } catch (error) {
      await database.close().catch(() => {});
      throw error;
    }
    const stop: Stop = async (signal) => {
      say(`Arrêt demandé (${signal}) : fin des requêtes en cours…`);
      const finished = await served.stop();
      await database.close().catch(() => {});
      say(finished ? "Arrêté proprement." : "Arrêté : des requêtes ont dépassé SHUTDOWN_TIMEOUT_MS et ont été coupées.");
      process.exit(finished ? 0 : 1);
    };
    onStopSignals(stop);
    stopWithParent();
    say(readyLine(config, t0, 1));
    return;
  }

  let stopping = false;
  let failedWorkers = 0;
  const live = new Map<number, Worker>();
  const restarts: number[] = [];
  const fork = (index: number) => {
    const worker = cluster.fork({
      [WORKER_ENV.url]: database.url,
      [WORKER_ENV.jobs]: config.jobs && index === 0 ? "1" : "0",
      [WORKER_ENV.index]: String(index),
    });
    live.set(index, worker);
    worker.on("exit", (code, signal) => {
      live.delete(index);
      if (stopping) {
        if (code !== 0) failedWorkers += 1;
        return;
      }
      // A worker that dies is replaced; one that keeps dying stops the platform with a clear line.
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && (restarts[0] ?? now) < now - 60_000) restarts.shift();
      say(`Le processus ${index + 1} s'est arrêté (${signal ?? `code ${code}`}) : relance.`);
      if (restarts.length > 10) {
        say("Trop d'arrêts en une minute : la plateforme s'arrête. Voyez les journaux ci-dessus.");
        void stop("relances");
        return;
      }
      setTimeout(() => fork(index), 1_000).unref();
    });
    return worker;
  };

  const stop: Stop = async (signal) => {
    stopping = true;
    say(`Arrêt demandé (${signal}) : fin des requêtes en cours…`);
    const exits = [...live.values()].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          worker.once("exit", () => resolve());
          worker.process.kill("SIGTERM");
        }),
    );
    await Promise.all(exits);
    await database.close().catch(() => {});
    say(failedWorkers === 0 ? "Arrêté proprement." : "Arrêté : des requêtes ont dépassé SHUTDOWN_TIMEOUT_MS et ont été coupées.");
    process.exit(failedWorkers === 0 ? 0 : 1);
  };
  onStopSignals(stop);
  stopWithParent();

  let listening = 0;
  await new Promise<void>((resolve, reject) => {
    const onExit = (worker: Worker, code: number) => {
      if (listening < config.workers) {
        cluster.off("listening", onListening);
        cluster.off("exit", onExit);
        reject(new Error(`un processus de service n'a pas démarré (code ${code}) : voyez les lignes ci-dessus.`));
      }
      void worker;
    };
    const onListening = () => {
      listening += 1;
      if (listening === config.workers) {
        cluster.off("listening", onListening);
        cluster.off("exit", onExit);
        resolve();
      }
    };
    cluster.on("listening", onListening);
    cluster.on("exit", onExit);
    for (let i = 0; i < config.workers; i++) fork(i);
  }).catch(async (error) => {
    stopping = true;
    for (const worker of live.values()) worker.process.kill("SIGTERM");
    await database.close().catch(() => {});
    throw error;
  });
  say(readyLine(config, t0, config.workers));
}

function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DatabaseUnreachableError) {
    process.stderr.write(`Erreur : ${error.message}\n`);
  } else {
    process.stderr.write(`Erreur au démarrage : ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.DEBUG) console.error(error);
  }
  process.exit(1);
}

if (cluster.isWorker) runWorker().catch(fail);
else runPrimary().catch(fail);
