/**
 * Which failures mean "the database is not there right now" (stopped,
 * restarting, failing over, frozen, out of connections) rather than a bug:
 * those are answered 503 with Retry-After, never 500, and the process lives on.
 */

/** Network errors of the socket to PostgreSQL. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * SQLSTATEs of a server going away or refusing work: class 08 (connection
 * exception) is matched by prefix; 57P01 admin_shutdown (a fast stop, a
 * failover), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or
 * in recovery), 53300 too_many_connections, 57014 query_canceled (the
 * statement timeout), 25006 read_only_sql_transaction (a standby promoted late).
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300", "57014", "25006"]);

/** What node-postgres and pg-pool say when the connection is gone or never came. */
const MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Query read timeout",
  "is not queryable",
  "Cannot use a pool after calling end on the pool",
  "Client was closed and is not queryable",
  "Connection ended",
];

/** Drizzle wraps driver errors ("Failed query: …") with the original as `cause`. */
function* chain(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e !== "object" || e === null) continue;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && MESSAGES.some((m) => message.includes(m))) return true;
    // AggregateError of a connection tried on several addresses (localhost: ::1 and 127.0.0.1).
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length > 0 && inner.every((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}

/** Text PostgreSQL cannot store (a NUL character, an invalid sequence): the request's fault, not the server's. */
export function isUnstorableText(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = (e as { code?: unknown } | null)?.code;
    if (code === "22P05" || code === "22021" || code === "22P02") return true;
  }
  return false;
}

/** Seconds a client should wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
