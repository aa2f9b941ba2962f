#!/usr/bin/env node
// npm run dev: the API (restarted on change) on API_PORT (3000 by default) and
// Vite's dev server on http://localhost:5173, which forwards /api to the API.
import { spawn } from "node:child_process";

const apiPort = process.env.API_PORT ?? process.env.PORT ?? "3000";
const children = [
  spawn(process.execPath, ["--import", "tsx", "--watch", "apps/api/src/server.ts"], {
    stdio: "inherit",
    env: { ...process.env, PORT: apiPort, WEB_DIST: "" },
  }),
  spawn("npm", ["run", "dev", "-w", "apps/web"], { stdio: "inherit", env: { ...process.env, API_PORT: apiPort } }),
];
let exiting = false;
const stopAll = (signal) => {
  if (exiting) return;
  exiting = true;
  for (const c of children) c.kill(signal);
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));
for (const c of children) c.on("exit", () => stopAll("SIGTERM"));
