/**
 * Bad input is a 4xx in our JSON shape, in French, and changes nothing: text
 * PostgreSQL cannot store, every error Fastify and Node's HTTP parser raise
 * before a route runs (through a real listening server, with raw sockets where
 * an HTTP client would refuse to send the request), and a database that does
 * not answer (503, never 500).
 */
import net, { type Socket } from "node:net";
import { addMonths, formatPeriod, parisDate, periodOfDate } from "@enquete/domain";
import { sql } from "drizzle-orm";
import type { ConnectionError, FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { createDb } from "../src/db/client.ts";
import { clientErrorHandler } from "../src/plugins/app/error-handler.ts";
import { buildReport, buildValues } from "./factories.ts";
import { fingerprint } from "./fingerprint.ts";
import { buildUser, createTestApp, signIn, signInPeople } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie: Record<string, string>;
let port: number;
const now = periodOfDate(parisDate());
const DRAFT = formatPeriod(addMonths(now, -1));
const SUBMITTED = formatPeriod(addMonths(now, -2));
const VALIDATED = formatPeriod(addMonths(now, -3));
const TERRITORY = "aquitaine-limousin-poitou-charentes";

beforeAll(async () => {
  t = await createTestApp();
  cookie = await signInPeople(t, {
    atelier: [{ role: "atelier", atelierCode: "86" }],
    territory: [{ role: "territory", territoryCode: TERRITORY }],
    national: [{ role: "national" }],
  });
  await buildReport(t.db, { atelierCode: "86", territoryCode: TERRITORY, period: DRAFT, status: "draft" });
  await buildReport(t.db, {
    atelierCode: "86",
    territoryCode: TERRITORY,
    period: SUBMITTED,
    status: "submitted",
    submittedOn: "2020-01-05",
  });
  await buildReport(t.db, {
    atelierCode: "86",
    territoryCode: TERRITORY,
    period: VALIDATED,
    status: "validated",
    submittedOn: "2020-01-05",
  });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  port = (t.app.server.address() as net.AddressInfo).port;
});
afterAll(async () => await t.close());

/** Any English word Fastify or Node would have answered with. */
const ENGLISH = /\b(the|is|not|found|must|should|expected|received|required|invalid|cannot|unexpected|error|request|body|exceeded)\b/i;

function expectOurShape(body: unknown, code: string) {
  expect(body).toEqual({ code, message: expect.any(String), requestId: expect.any(String) });
  const { message } = body as { message: string };
  expect(message).not.toMatch(ENGLISH);
  expect(message).toMatch(/[éèàêçù]|\b(le|la|les|du|de|des|un|une)\b/i);
}

describe("text the database cannot store is refused on its field, and changes nothing", () => {
  const NUL = "a\u0000b";
  const LONE_HIGH = "x\uD800y";
  const LONE_LOW = "\uDC00z";

  async function refused(inject: InjectOptions, fields: string[]): Promise<{ field: string; message: string }[]> {
    const before = await fingerprint(t.db);
    const res = await t.app.inject(inject);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    const body = res.json();
    expect(body).toEqual({
      code: "VALIDATION_FAILED",
      message: expect.stringMatching(/^La requête contient du texte qui ne peut pas être enregistré/),
      requestId: res.headers["x-request-id"],
      errors: fields.map((field) => ({ field, message: expect.stringMatching(/caractère nul ou caractère Unicode incomplet/) })),
    });
    // The answer is itself clean text: it never carries the bad characters back.
    expect(res.body).not.toMatch(/\\u0000|\\ud[89ab]|\\udc/i);
    expect(await fingerprint(t.db)).toEqual(before);
    return body.errors;
  }

  it("in a report's values: a text answer, a key at any depth", async () => {
    const url = `/api/reports/86/${DRAFT}`;
    const headers = { cookie: cookie.atelier as string, "if-match": '"1"' };
    await refused({ method: "PUT", url, headers, payload: { values: buildValues({ highlights: `Une action ${NUL}` }) } }, [
      "values.highlights",
    ]);
    await refused({ method: "PUT", url, headers, payload: { values: { highlights: LONE_HIGH } } }, ["values.highlights"]);
    await refused({ method: "PUT", url, headers, payload: { values: { deep: [{ [`k${NUL}`]: 1 }] } } }, ["values.deep.0.ka\uFFFDb"]);
    await refused({ method: "PUT", url, headers, payload: { [`v${LONE_LOW}`]: {} } }, ["v\uFFFDz"]);
  });

  it("in the justifications of a submission, a return comment, a reopening reason", async () => {
    await refused(
      {
        method: "POST",
        url: `/api/reports/86/${DRAFT}/submit`,
        headers: { cookie: cookie.atelier as string, "if-match": '"1"' },
        payload: { justifications: { trainees: `Hausse ${LONE_HIGH}`, events: NUL } },
      },
      ["justifications.trainees", "justifications.events"],
    );
    await refused(
      {
        method: "POST",
        url: `/api/reports/86/${SUBMITTED}/return`,
        headers: { cookie: cookie.territory as string },
        payload: { comment: NUL },
      },
      ["comment"],
    );
    await refused(
      {
        method: "POST",
        url: `/api/reports/86/${VALIDATED}/reopen`,
        headers: { cookie: cookie.national as string },
        payload: { reason: LONE_LOW },
      },
      ["reason"],
    );
  });

  it("in a sign-in: no failure is counted, no session opened", async () => {
    const user = await buildUser(t.db);
    const count = async () => (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from login_failures`)).rows[0]?.n;
    const failures = await count();
    await refused({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: `${user.password}${NUL}` } }, [
      "password",
    ]);
    await refused({ method: "POST", url: "/api/auth/login", payload: { email: `${LONE_HIGH}@exemple.test`, password: "x" } }, ["email"]);
    expect(await count()).toBe(failures);
  });

  it("in targets, distance learning, and its CSV import", async () => {
    const headers = { cookie: cookie.national as string };
    await refused({ method: "PUT", url: "/api/targets/1-1/2027", headers, payload: { value: 12, [NUL]: true } }, ["a\uFFFDb"]);
    await refused(
      { method: "PUT", url: "/api/distance-learning/2025-01", headers, payload: { moocTraineeDays: LONE_HIGH, magistereTraineeDays: 1 } },
      ["moocTraineeDays"],
    );
    await refused(
      {
        method: "POST",
        url: "/api/distance-learning/import?dryRun=0",
        headers: { ...headers, "content-type": "text/csv" },
        payload: `period;moocTraineeDays;magistereTraineeDays\n2025-01;1${NUL};2\n`,
      },
      ["corps"],
    );
  });

  it("in the query string and in the address", async () => {
    const headers = { cookie: cookie.territory as string };
    await refused({ method: "GET", url: `/api/reports?period=${DRAFT}&territory=%00`, headers }, ["territory"]);
    await refused({ method: "GET", url: "/api/reports?period=2025-01&x=1&x=%00", headers }, ["x.1"]);
    await refused({ method: "GET", url: `/api/reports/86%00/${DRAFT}`, headers }, ["atelier"]);
    // Before the guards: an anonymous caller gets the same answer, and nothing is looked up.
    await refused({ method: "POST", url: `/api/reports/8%006/${SUBMITTED}/validate` }, ["atelier"]);
  });

  it("at the bottom of a body nested a hundred thousand levels deep, in good time", async () => {
    const depth = 100_000;
    const payload = `${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}`;
    const started = Date.now();
    const res = await t.app.inject({
      method: "POST",
      url: "/api/reports/validate-batch",
      headers: { cookie: cookie.territory as string, "content-type": "application/json" },
      payload,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toHaveLength(1);
    expect(res.json().errors[0].field).toMatch(/^0\.0\.0\..*…$/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("the database refusing such text anyway is a 422 as well, not a 500", async () => {
    const app = await buildApp({ config: t.config, db: t.db });
    // Text made on the server, past the guard: the error handler's net catches what PostgreSQL refuses.
    app.get("/api/unstorable-test", async () => await t.db.execute(sql`select ${"a\u0000b"}::text`));
    const res = await app.inject({ url: "/api/unstorable-test" });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: "VALIDATION_FAILED", requestId: expect.any(String) });
    expect(res.body).not.toMatch(/0x00|invalid byte sequence|UTF8/i);
    await app.close();
  });
});

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are (an HTTP client would fix or refuse them) and reads the answer until the server closes. */
function raw(data: string | Buffer, options: { endAfterMs?: number } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()] as const),
      );
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
    socket.write(data);
    // A request the server can read completely gets its answer; then the socket is closed from this side.
    setTimeout(() => socket.end(), options.endAfterMs ?? 500);
  });
}

describe("framework errors, through a real server: our shape, in French, the input never echoed", () => {
  function expectRefusal(res: RawResponse, status: number, code: string, echo?: string) {
    expect(res.status, res.body).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const body = JSON.parse(res.body);
    expectOurShape(body, code);
    expect(res.headers["x-request-id"]).toBe(body.requestId);
    if (echo) expect(res.body).not.toContain(echo);
  }

  it("headers too large: 431, connection closed", async () => {
    const res = await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nCookie: a=${"C".repeat(20_000)}\r\n\r\n`);
    expectRefusal(res, 431, "HEADERS_TOO_LARGE", "CCCC");
    expect(res.headers.connection).toBe("close");
  });

  it("an address too long: 414, for the HTTP parser's limit and for Fastify's on a path segment", async () => {
    const res = await raw(`GET /api/reports/${"L".repeat(20_000)}/2025-01 HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectRefusal(res, 414, "URL_TOO_LONG", "LLLL");
    expect(res.headers.connection).toBe("close");
    const segment = await raw(`GET /api/reports/${"S".repeat(300)}/2025-01 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expectRefusal(segment, 414, "URL_TOO_LONG", "SSSS");
  });

  it("a badly encoded address: 400, without repeating it", async () => {
    for (const path of ["/api/reports/%E0%A4%A/2025-01", "/api/ateliers/%ED%A0%80", "/api/ateliers/%FF"]) {
      const res = await raw(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expectRefusal(res, 400, "BAD_URL", path.split("/")[3]);
    }
  });

  it("Transfer-Encoding with Content-Length, bad chunking, an invalid Content-Length: 400, connection closed", async () => {
    const post = "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    const both = await raw(`${post}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`);
    expectRefusal(both, 400, "MALFORMED_TRANSFER");
    expect(both.headers.connection).toBe("close");
    const chunks = await raw(`${post}Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`);
    expectRefusal(chunks, 400, "MALFORMED_TRANSFER", "ZZ");
    expect(chunks.headers.connection).toBe("close");
    const lengthAfter = await raw(`${post}Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n`);
    expectRefusal(lengthAfter, 400, "MALFORMED_TRANSFER");
    const gzip = await raw(`${post}Transfer-Encoding: gzip\r\n\r\n{}`);
    expectRefusal(gzip, 400, "MALFORMED_TRANSFER", "gzip");
    const length = await raw(`${post}Content-Length: abc\r\n\r\n{}`);
    expectRefusal(length, 400, "BAD_CONTENT_LENGTH", "abc");
    expect(length.headers.connection).toBe("close");
    const twice = await raw(`${post}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`);
    expectRefusal(twice, 400, "BAD_CONTENT_LENGTH");
  });

  it("a body shorter than its Content-Length: 400", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json", "content-length": "100" },
      payload: '{"email":"a@b.fr"}',
    });
    expect(res.statusCode).toBe(400);
    expectOurShape(res.json(), "BAD_CONTENT_LENGTH");
  });

  it("an unknown method: 400 when HTTP itself does not know it, the French 404 when no route has it", async () => {
    const unknown = await raw("BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    expectRefusal(unknown, 400, "UNKNOWN_METHOD", "BREW");
    const version = await raw("GET /api/health HTTP/9.9\r\nHost: x\r\n\r\n");
    expectRefusal(version, 400, "MALFORMED_REQUEST");
    const unrouted = await raw("PROPFIND /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(unrouted.status).toBe(404);
    expect(JSON.parse(unrouted.body)).toEqual({ code: "NOT_FOUND", message: "Cette adresse n'existe pas.", requestId: expect.any(String) });
  });

  it("a body too large, a type that is not JSON, malformed JSON, an unknown address", async () => {
    const base = `http://127.0.0.1:${port}`;
    const post = (body: string, type = "application/json") =>
      fetch(`${base}/api/auth/login`, { method: "POST", body, headers: { "content-type": type } });
    const check = async (res: Response, status: number, code: string) => {
      expect(res.status).toBe(status);
      const body = await res.json();
      expectOurShape(body, code);
      expect(res.headers.get("x-request-id")).toBe(body.requestId);
    };
    await check(await post(JSON.stringify({ email: "a@b.fr", password: "x".repeat(300_000) })), 413, "BODY_TOO_LARGE");
    await check(await post("<login/>", "application/xml"), 415, "UNSUPPORTED_MEDIA_TYPE");
    await check(await post('{"email": "a@b.fr",'), 400, "MALFORMED_JSON");
    await check(await post('{"__proto__": {"admin": true}}'), 400, "MALFORMED_JSON");
    const missing = await fetch(`${base}/api/nulle-part`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toBe("Cette adresse n'existe pas.");
  });

  it("a request too slow to arrive: 408 (Node's request timeout, which only fires after tens of seconds, called directly)", () => {
    const written: string[] = [];
    let destroyed = false;
    const socket = {
      destroyed: false,
      writable: true,
      write: (chunk: string) => written.push(chunk),
      destroy: () => {
        destroyed = true;
      },
    } as unknown as Socket;
    const timeout = Object.assign(new Error("Request timeout"), { code: "ERR_HTTP_REQUEST_TIMEOUT", bytesParsed: 0, rawPacket: undefined });
    clientErrorHandler.call(t.app as unknown as FastifyInstance, timeout as unknown as ConnectionError, socket);
    expect(destroyed).toBe(true);
    const [head = "", body = ""] = (written[0] ?? "").split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(head).toContain("Connection: close");
    expectOurShape(JSON.parse(body), "REQUEST_TIMEOUT");
  });

  it("a request arriving on an open connection while the server closes: served, and its connection closed after", async () => {
    const app = await buildApp({ config: t.config, db: t.db });
    let entered: () => void = () => {};
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.get("/api/slow-test", async () => {
      entered();
      await released;
      return { done: true };
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const socket = net.connect((app.server.address() as net.AddressInfo).port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (d) => chunks.push(d));
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.write("GET /api/slow-test HTTP/1.1\r\nHost: x\r\n\r\n");
    await inside;
    const closing = app.close();
    // A second request on the same (busy, so not yet closed) connection.
    socket.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((r) => setTimeout(r, 100));
    release();
    await closing;
    socket.end();
    await closed;
    const text = Buffer.concat(chunks).toString("utf8");
    const answers = text.split(/(?=HTTP\/1\.1 )/);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 200/);
    // Served, not refused: the database is still open while the process drains; and the answer closes the connection.
    expect(answers[1]).toMatch(/^HTTP\/1\.1 200/);
    expect(answers[1]).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse((answers[1] as string).split("\r\n\r\n")[1] as string)).toEqual({ status: "ok" });
  });
});

describe("a database that does not answer: 503 with Retry-After, never 500", () => {
  const expect503 = (res: Awaited<ReturnType<typeof t.app.inject>>) => {
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["retry-after"]).toBe("5");
    expect(res.json()).toEqual({
      code: "DATABASE_UNAVAILABLE",
      message: "Le service est momentanément indisponible : la base de données ne répond pas. Réessayez dans quelques secondes.",
      requestId: res.headers["x-request-id"],
    });
    expect(res.body).not.toMatch(/pool|ECONNREFUSED|connect|stack|\bat\s/i);
  };

  it("when its pool is closed: a signed-in read, a save, a sign-in", async () => {
    const broken = await createTestApp();
    try {
      const user = await buildUser(broken.db, { grants: [{ role: "atelier", atelierCode: "86" }] });
      const session = await signIn(broken.app, user.email, user.password);
      await broken.pool.end();
      // The session is looked up in an onRequest hook: its failure is answered like a handler's.
      expect503(await broken.app.inject({ url: "/api/me", headers: { cookie: session.cookie } }));
      expect503(
        await broken.app.inject({
          method: "PUT",
          url: `/api/reports/86/${DRAFT}`,
          headers: { cookie: session.cookie },
          payload: { values: buildValues() },
        }),
      );
      expect503(
        await broken.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: user.email, password: user.password } }),
      );
    } finally {
      await broken.app.close();
    }
  });

  it("when nothing listens where it should be", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port: free } = server.address() as net.AddressInfo;
        server.close(() => resolve(free));
      });
    });
    const { db, pool } = createDb(`postgres://nobody:secret@127.0.0.1:${closedPort}/nowhere`, { connectTimeoutMs: 500 });
    const app = await buildApp({ config: t.config, db });
    try {
      expect503(await app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "a@exemple.test", password: "x" } }));
      expect503(await app.inject({ url: "/api/me", headers: { cookie: `enquete_session=${"s".repeat(43)}` } }));
    } finally {
      await app.close();
      await pool.end();
    }
  });
});
