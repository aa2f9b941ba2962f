#!/usr/bin/env node
// npm start: builds the web app if needed, then runs the server (API + web app
// on one port, one worker per core). Ctrl-C or SIGTERM to this process, or to
// npm itself, stops the server, which finishes its requests and stops its
// PostgreSQL last. npm runs us under a shell that does not pass SIGTERM on:
// when npm goes away, we stop the server ourselves.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ensureWebBuilt } from "./web-build.mjs";

try {
  ensureWebBuilt();
} catch (error) {
  console.error(`Erreur : ${error.message}`);
  process.exit(1);
}
const server = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("../apps/api/src/server.ts", import.meta.url))], {
  stdio: "inherit",
  env: { ...process.env, ENQUETE_STOP_WITH_PARENT: "1" },
});
let forwarded = false;
const forward = (signal) => {
  if (forwarded) return;
  forwarded = true;
  server.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => forward(signal === "SIGHUP" ? "SIGTERM" : signal));
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) forward("SIGTERM");
}, 500).unref();
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
