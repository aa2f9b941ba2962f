/**
 * deploy/nginx.conf as a hosting team would use it: nginx (Debian's) in front
 * of two replicas of the platform on one PostgreSQL, TLS on the proxy. The
 * file is taken as it is; only the marked addresses, the listening ports and
 * the certificate paths are replaced for this machine.
 *
 * CI installs nginx (.ci/run). Without it, the file says so loudly and its
 * tests are not run, unless REQUIRE_NGINX=1 makes that a failure.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedServer, freePort, startEmbedded } from "../../src/db/embedded.ts";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => existsSync(p)) ?? null;
if (!NGINX) {
  const banner = `\n${"!".repeat(78)}\n  TESTS NGINX NON EXÉCUTÉS : nginx est introuvable. Installez-le : sudo apt-get install -y nginx-light\n${"!".repeat(78)}\n`;
  if (process.env.REQUIRE_NGINX === "1") throw new Error("REQUIRE_NGINX=1 et nginx est introuvable (apt-get install -y nginx-light).");
  process.stderr.write(banner);
}

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const SERVER = path.join(ROOT, "apps/api/src/server.ts");
const HOST = "enquete.reseau-canope.fr";

interface Replica {
  child: ChildProcess;
  port: number;
  log: () => string;
  exited: Promise<number | null>;
}

async function startReplica(url: string, port: number): Promise<Replica> {
  const child = spawn(process.execPath, ["--import", "tsx", SERVER], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: url,
      PORT: String(port),
      WORKERS: "1",
      JOBS: "0",
      DEMO: "accounts",
      WEB_DIST: "",
      LOG_LEVEL: "info",
      COOKIE_SECURE: "1",
      TRUST_PROXY: "1",
      LOGIN_MAX_PER_MINUTE: "3",
      PUBLIC_URL: `https://${HOST}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => (out += d));
  child.stderr?.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!out.includes("est prête")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`replica did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port, log: () => out, exited };
}

/** The shipped file, with this machine's replicas, ports and certificate. */
function adapt(conf: string, replicas: number[], httpPort: number, httpsPort: number, dir: string): string {
  let servers = 0;
  const adapted = conf
    .replace(/^(\s*)server \d+\.\d+\.\d+\.\d+:\d+ (.*)$/gm, (_m, indent: string, rest: string) => {
      const port = replicas[servers++];
      return port === undefined ? "" : `${indent}server 127.0.0.1:${port} ${rest}`;
    })
    .replace(/listen 80;/, `listen 127.0.0.1:${httpPort};`)
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${dir}/cert.pem;`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${dir}/key.pem;`);
  if (servers !== 2) throw new Error(`deploy/nginx.conf should list its replicas as "server a.b.c.d:port …" lines (found ${servers})`);
  return adapted;
}

/** An HTTPS request to the proxy (self-signed certificate), with the public Host. */
function request(
  port: number,
  method: string,
  pathname: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        port,
        method,
        path: pathname,
        rejectUnauthorized: false,
        servername: HOST,
        headers: {
          host: HOST,
          ...(payload ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe.skipIf(!NGINX)("deploy/nginx.conf in front of two replicas", () => {
  let dir = "";
  let pg: EmbeddedServer;
  let nginx: ChildProcess;
  let nginxLog = "";
  const replicas: Replica[] = [];
  let httpPort = 0;
  let httpsPort = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "enquete-nginx-"));
    // PostgreSQL runs as the postgres user when we are root: it must reach its folder inside.
    await chmod(dir, 0o755);
    pg = await startEmbedded(path.join(dir, "pgdata"));
    await pg.createDatabase("enquete");
    const url = pg.urlFor("enquete");
    // The first replica migrates and seeds; the second finds it done.
    replicas.push(await startReplica(url, await freePort()));
    replicas.push(await startReplica(url, await freePort()));

    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        `/CN=${HOST}`,
        "-keyout",
        `${dir}/key.pem`,
        "-out",
        `${dir}/cert.pem`,
      ],
      { stdio: "ignore" },
    );
    httpPort = await freePort();
    httpsPort = await freePort();
    const shipped = await readFile(path.join(ROOT, "deploy/nginx.conf"), "utf8");
    await writeFile(
      `${dir}/enquete.conf`,
      adapt(
        shipped,
        replicas.map((r) => r.port),
        httpPort,
        httpsPort,
        dir,
      ),
    );
    await writeFile(
      `${dir}/nginx.conf`,
      [
        "daemon off;",
        "user root;",
        "worker_processes 1;",
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log warn;`,
        "events { worker_connections 256; }",
        "http {",
        "  access_log off;",
        `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;`,
        `  fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
        `  include ${dir}/enquete.conf;`,
        "}",
        "",
      ].join("\n"),
    );
    execFileSync(NGINX as string, ["-t", "-q", "-p", dir, "-c", `${dir}/nginx.conf`], { stdio: "pipe" });
    nginx = spawn(NGINX as string, ["-p", dir, "-c", `${dir}/nginx.conf`], { stdio: ["ignore", "pipe", "pipe"] });
    nginx.stderr?.on("data", (d) => (nginxLog += d));
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ok = await request(httpsPort, "GET", "/api/health").then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`nginx did not answer: ${nginxLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);

  afterAll(async () => {
    nginx?.kill("SIGQUIT");
    for (const r of replicas) if (r.child.exitCode === null) r.child.kill("SIGTERM");
    await Promise.all(replicas.map((r) => r.exited));
    await pg?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("sends plain HTTP to HTTPS", async () => {
    const res = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: httpPort, path: "/connexion", headers: { host: HOST } }, (r) => {
        r.resume();
        resolve({ status: r.statusCode ?? 0, location: r.headers.location });
      });
      req.on("error", reject);
      req.end();
    });
    expect(res.status).toBe(301);
    expect(res.location).toBe(`https://${HOST}/connexion`);
  });

  it("spreads requests over both replicas, and a session opened on one works on the other", async () => {
    const login = await request(httpsPort, "POST", "/api/auth/login", {
      body: { email: "dis@canope.test", password: "canope-demo" },
      headers: { origin: `https://${HOST}` },
    });
    expect(login.status).toBe(200);
    const setCookie = String(login.headers["set-cookie"] ?? "");
    // The proxy speaks HTTPS and says so: the cookie is Secure.
    expect(setCookie).toMatch(/Secure/i);
    const cookie = setCookie.split(";")[0] ?? "";
    const before = replicas.map((r) => (r.log().match(/"url":"\/api\/me"/g) ?? []).length);
    for (let i = 0; i < 6; i++) {
      const me = await request(httpsPort, "GET", "/api/me", { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(JSON.parse(me.body).email).toBe("dis@canope.test");
    }
    const served = replicas.map((r, i) => (r.log().match(/"url":"\/api\/me"/g) ?? []).length - (before[i] ?? 0));
    expect(served.every((n) => n > 0)).toBe(true);
    expect(served.reduce((a, b) => a + b, 0)).toBe(6);
  });

  it("passes the client's address, so a forged X-Forwarded-For neither escapes the sign-in limit nor blames another address", async () => {
    const tries = [];
    for (let i = 0; i < 4; i++) {
      tries.push(
        await request(httpsPort, "POST", "/api/auth/login", {
          body: { email: `inconnu.${i}@exemple.test`, password: "mauvais-mot-de-passe" },
          headers: { origin: `https://${HOST}`, "x-forwarded-for": `203.0.113.${i + 1}` },
        }),
      );
    }
    // Three failures from this address (LOGIN_MAX_PER_MINUTE=3), whatever the forged header says: the fourth waits.
    expect(tries.slice(0, 3).map((t) => t.status)).toEqual([401, 401, 401]);
    expect(tries[3]?.status).toBe(429);
    expect(JSON.parse(tries[3]?.body ?? "{}").message).toMatch(/adresse/);
  });

  it("keeps serving while one replica is stopped for a deploy (SIGTERM), then without it", async () => {
    const stopping = replicas[1] as Replica;
    const statuses: number[] = [];
    const loop = (async () => {
      for (let i = 0; i < 40; i++) {
        statuses.push((await request(httpsPort, "GET", "/api/health")).status);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    stopping.child.kill("SIGTERM");
    expect(await stopping.exited).toBe(0);
    await loop;
    expect(statuses).toHaveLength(40);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
