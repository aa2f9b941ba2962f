/**
 * A platform of its own for the referential's browser test: moving atelier
 * 28 changes two territories for every later test, so it runs on a server
 * started for it, with the full demo (two years of reports), and stopped
 * after. Sign-in and API calls take that server's address.
 */
import type { Page } from "playwright-core";
import { PASSWORD, type Platform, signInAt as signInApi, startPlatform as startWith } from "./platform.ts";

export type { Platform } from "./platform.ts";
export { signInAt as signInApi } from "./platform.ts";

/** Its own platform with the full demo (two years of reports), one process. */
export async function startPlatform(): Promise<Platform> {
  return await startWith({ demo: "full", label: "Le serveur du test du référentiel", env: { WORKERS: "1" } });
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
  if (report.status === "not_started") {
    // The month's questionnaire may ask more than the values given (version 2's training days): none to declare.
    const { form } = report as unknown as { form: { sections: { fields: { code: string; type: string; required: boolean }[] }[] } };
    const asked = form.sections.flatMap((s) => s.fields).filter((f) => f.required && f.type !== "text" && !(f.code in values));
    await apiOk(baseUrl, director, "PUT", route, { values: { ...values, ...Object.fromEntries(asked.map((f) => [f.code, 0])) } });
  }
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
