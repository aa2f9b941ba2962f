#!/usr/bin/env node
// npm start: builds the web app if needed, then runs the server (API + web app
// on one port). Signals go to the server, which stops its PostgreSQL cleanly.
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
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
