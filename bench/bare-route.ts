/**
 * The baseline every speed budget is a ratio of: a bare Fastify app with one
 * route doing `select 1` through pg, nothing else, in a process of its own,
 * on the database of the platform under test.
 *   const bare = await startBareRoute(databaseUrl); … bare.url …; await bare.stop();
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort } from "../apps/api/src/db/embedded.ts";

export async function startBareRoute(databaseUrl: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), ENQUETE_BARE_ROUTE: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d) => String(d).includes("bare ready") && resolve());
    child.on("exit", (code) => reject(new Error(`the bare route stopped (code ${code})`)));
  });
  const exited = new Promise((resolve) => child.on("exit", resolve));
  return {
    url: `http://127.0.0.1:${port}/select-1`,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function serve() {
  const { default: Fastify } = await import("fastify");
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const app = Fastify();
  app.get("/select-1", async () => (await pool.query("select 1 as one")).rows[0]);
  await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
  process.stdout.write("bare ready\n");
  process.on("SIGTERM", () => void app.close().then(() => pool.end().then(() => process.exit(0))));
}

if (process.env.ENQUETE_BARE_ROUTE === "1") await serve();
