import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema.ts";

export type Db = ReturnType<typeof createDb>["db"];

export interface PoolOptions {
  max?: number;
  /**
   * Longest wait for one statement: the server cancels it (statement_timeout)
   * and, should the server itself not answer (frozen, unreachable without a
   * reset), the client gives up a moment later and drops that connection.
   * 0: no limit (migrations, seeds, one-off scripts).
   */
  queryTimeoutMs?: number;
  /** Longest wait for a connection, new or from the pool. */
  connectTimeoutMs?: number;
  /** Told about errors of connections nobody is waiting on (logged, never thrown). */
  onError?: (error: Error) => void;
}

const CLIENT_GRACE_MS = 500;

/**
 * A connection whose query timed out on the client side may still have that
 * query running on a frozen server: it is closed rather than given back to
 * the pool, where the next request would wait behind it.
 */
function closeOnReadTimeout(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const close = (error: unknown) => {
    if (error instanceof Error && error.message === "Query read timeout") {
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    }
  };
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (error: unknown, result: unknown) => {
        close(error);
        (callback as (e: unknown, r: unknown) => void)(error, result);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(undefined, close);
    return result;
  };
}

export function createDb(url: string, options: PoolOptions = {}) {
  const queryTimeout = options.queryTimeoutMs ?? 0;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    keepAlive: true,
    application_name: "enquete-atelier",
    ...(queryTimeout > 0
      ? {
          statement_timeout: queryTimeout,
          query_timeout: queryTimeout + CLIENT_GRACE_MS,
          // A transaction left open by a stuck request must not hold its row locks for long.
          idle_in_transaction_session_timeout: Math.max(10_000, queryTimeout * 4),
        }
      : {}),
  });
  const report = (error: Error) => options.onError?.(error);
  // An idle connection that loses its server must not crash the process: the next query reports it.
  pool.on("error", report);
  pool.on("connect", (client) => {
    // A connection in use that loses its server (a fast stop, a failover: 57P01) emits 'error' too;
    // the query in flight fails with it and the request answers 503.
    client.on("error", report);
    if (queryTimeout > 0) closeOnReadTimeout(client);
  });
  const db = drizzle({ client: pool, schema, casing: "snake_case" });
  return { pool, db };
}

/** Checks that the server answers, with one clear French line when it does not. */
export async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : String(error);
    throw new DatabaseUnreachableError(`La base de données ne répond pas (${redactUrl(url)}) : ${reason}`);
  } finally {
    await client.end().catch(() => {});
  }
}

export class DatabaseUnreachableError extends Error {}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "DATABASE_URL illisible";
  }
}
