/**
 * A PostgreSQL cluster the fault tests control: created by the platform's
 * own embedded launcher, then stopped, started and frozen the way an
 * operator (or a failing machine) would, with pg_ctl and signals.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { postgresBinaries, startEmbedded } from "../../src/db/embedded.ts";

const run = promisify(execFile);

export interface Cluster {
  port: number;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  postmasterPid(): Promise<number>;
  /** pg_ctl stop -m fast: open transactions are rolled back, every connection is ended (57P01). */
  stopFast(): Promise<void>;
  /** pg_ctl start on the same port, waiting until it accepts connections. */
  start(): Promise<void>;
  /** SIGSTOP to the postmaster and every child: the server holds its sockets open and answers nothing. */
  freeze(): Promise<number[]>;
  thaw(): Promise<void>;
  destroy(): Promise<void>;
}

/** Runs a PostgreSQL program as the 'postgres' system user (the server refuses root). */
async function asPostgres(program: string, args: string[]) {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  const [file, argv] = root ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
  return await run(file, argv, { timeout: 60_000 });
}

async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === pid) out.push(Number(entry));
  }
  return out;
}

function signal(pid: number, name: NodeJS.Signals) {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already (a backend that ended between the listing and the signal).
  }
}

export async function startCluster(): Promise<Cluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "enquete-faults-pg-"));
  const embedded = await startEmbedded(dir);
  const { pg_ctl } = await postgresBinaries();
  const clusterDir = embedded.clusterDir;
  const logFile = path.join(dir, "postgresql.log");
  const options = `-p ${embedded.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=200`;
  let frozen: number[] = [];

  const postmasterPid = async () => Number((await readFile(path.join(clusterDir, "postmaster.pid"), "utf8")).split("\n")[0]);

  const cluster: Cluster = {
    port: embedded.port,
    urlFor: embedded.urlFor,
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: embedded.urlFor("postgres") });
      await admin.connect();
      try {
        await admin.query(`create database ${admin.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      return embedded.urlFor(name);
    },
    postmasterPid,
    async stopFast() {
      await asPostgres(pg_ctl, ["-D", clusterDir, "stop", "-m", "fast", "-w", "-t", "30"]);
    },
    async start() {
      await asPostgres(pg_ctl, ["-D", clusterDir, "start", "-w", "-t", "30", "-l", logFile, "-o", options]);
    },
    async freeze() {
      const pid = await postmasterPid();
      // All at once, as a frozen machine or a paused VM is: the processes are listed first, then
      // stopped in one synchronous loop (the postmaster first, so it forks nothing meanwhile), then
      // any backend forked during the listing is caught by a second look. Stopping them one await
      // at a time left PostgreSQL half frozen for up to a second under load, a state no real fault
      // produces.
      const listed = await childrenOf(pid);
      signal(pid, "SIGSTOP");
      for (const child of listed) signal(child, "SIGSTOP");
      const late = (await childrenOf(pid)).filter((c) => !listed.includes(c));
      for (const child of late) signal(child, "SIGSTOP");
      frozen = [pid, ...listed, ...late];
      return frozen;
    },
    async thaw() {
      for (const pid of [...frozen].reverse()) signal(pid, "SIGCONT");
      frozen = [];
    },
    async destroy() {
      await cluster.thaw();
      await asPostgres(pg_ctl, ["-D", clusterDir, "stop", "-m", "immediate", "-w", "-t", "30"]).catch(() => {});
      await embedded.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}
