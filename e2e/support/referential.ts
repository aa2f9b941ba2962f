/**
 * A platform of its own for the referential's browser test: moving atelier
 * 28 changes two territories for every later test, so it runs on a server
 * started for it, with the full demo (two years of reports), and stopped
 * after. Sign-in and API calls take that server's address.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { freePort } from "../../apps/api/src/db/embedded.ts";
import { PASSWORD } from "./api.ts";

export type Platform = { baseUrl: string; stop: () => Promise<void> };

/** Starts the platform on a free port with a fresh embedded database and the full demo. */
export async function startPlatform(): Promise<Platform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "enquete-e2e-referential-"));
  const port = await freePort();
  const server: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("../../apps/api/src/server.ts", import.meta.url))],
    {
      env: {
        ...process.env,
        NODE_ENV: "development",
        DATA_DIR: dataDir,
        PORT: String(port),
        DEMO: "full",
        WORKERS: "1",
        LOG_LEVEL: "warn",
        LOGIN_MAX_PER_MINUTE: "100",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  const exited = new Promise((r) => server.on("exit", r));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (!output.includes("est prête")) return;
      clearInterval(timer);
      resolve();
    }, 50);
    server.on("exit", () => {
      clearInterval(timer);
      reject(new Error(`Le serveur du test du référentiel s'est arrêté :\n${output}`));
    });
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      server.kill("SIGTERM");
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the API of that platform; returns the session cookie. */
export async function signInApi(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`Connexion de ${email} impossible : ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** One API call with a session cookie: its status and JSON answer, whatever the status. */
export async function apiCall(
  baseUrl: string,
  cookie: string,
  method: "GET" | "POST" | "PUT",
  route: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${baseUrl}/api${route}`, {
    method,
    headers: body === undefined ? { cookie } : { cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? undefined : JSON.parse(text) };
}

/** The same, where anything but a success is a failure of the test's own setup. */
export async function apiOk(baseUrl: string, cookie: string, method: "GET" | "POST" | "PUT", route: string, body?: unknown) {
  const res = await apiCall(baseUrl, cookie, method, route, body);
  if (res.status >= 300) throw new Error(`${method} ${route} : ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Opens a page of that platform signed out, is sent to the sign-in form, and fills it in. */
export async function signInPage(page: Page, baseUrl: string, email: string, route = "/") {
  await page.goto(`${baseUrl}${route}`);
  await page.waitForURL(/\/connexion/);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

type Status = "not_started" | "draft" | "submitted" | "returned" | "validated";

/**
 * Makes an atelier's report of a month submitted and waiting for review, as
 * its people would: a validated one reopened by the national team, then the
 * director submits it, justifying each warning the API asks about.
 */
export async function ensureSubmitted(baseUrl: string, atelier: string, period: string, values: Record<string, unknown>) {
  const route = `/reports/${atelier}/${period}`;
  const director = await signInApi(baseUrl, `atelier.${atelier.toLowerCase()}@canope.test`);
  let report = (await apiOk(baseUrl, director, "GET", route)) as { status: Status; version: number };
  if (report.status === "submitted") return;
  if (report.status === "validated") {
    const national = await signInApi(baseUrl, "dis@canope.test");
    await apiOk(baseUrl, national, "POST", `${route}/reopen`, { reason: "Vérification du rattachement de l'atelier." });
    report = (await apiOk(baseUrl, director, "GET", route)) as { status: Status; version: number };
  }
  if (report.status === "not_started") await apiOk(baseUrl, director, "PUT", route, { values });
  const submit = (justifications: Record<string, string>) => apiCall(baseUrl, director, "POST", `${route}/submit`, { justifications });
  let res = await submit({});
  if (res.status === 422) {
    const errors = ((res.body as { errors?: { field: string }[] }).errors ?? []).filter((e) => e.field.startsWith("justifications."));
    const justifications = Object.fromEntries(
      errors.map((e) => [e.field.slice("justifications.".length), "Activité exceptionnelle ce mois-ci."]),
    );
    res = await submit(justifications);
  }
  if (res.status !== 200) throw new Error(`Soumission de ${route} impossible : ${res.status} ${JSON.stringify(res.body)}`);
}
