/**
 * The territorial director's review queue in a real browser: a month's
 * reports with what waits, the status filter kept in the address, validating
 * a selection after a DSFR confirmation, and the same with the keyboard only.
 * Normandie's ateliers 14, 27, 50 and 61, the two previous months only: other
 * browser tests use 86, 87 and 79, and the campaign test the month before.
 */
import AxeBuilder from "@axe-core/playwright";
import { addMonths, dueDate, formatPeriod, MONTHS_FR, type Period, parisDate, periodOfDate } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const TERRITORY = "dt.normandie@canope.test";
const now = periodOfDate(parisDate());
/** The queue's default month: its three reports are submitted, 61's is a draft, 76 has none. */
const LAST_MONTH = addMonths(now, -1);
/** Before the 10th, last month's reports are not late yet. */
const LAST_MONTH_LATE = parisDate() > dueDate(formatPeriod(LAST_MONTH));
/** Reviewed with the keyboard only: 14 and 50 submitted. */
const TWO_AGO = addMonths(now, -2);

/** "Octobre 2026". */
const title = (p: Period) => `${MONTHS_FR[p.month - 1]?.replace(/^./, (c) => c.toUpperCase())} ${p.year}`;
/** "de novembre 2026", "d'octobre 2026". */
const ofMonth = (p: Period) => {
  const name = MONTHS_FR[p.month - 1] ?? "";
  return `${/^[aeiou]/.test(name) ? "d'" : "de "}${name} ${p.year}`;
};

/** A complete report that breaks no rule of the questionnaire. */
const VALUES = {
  trainingActions: 6,
  trainingActionsEspe: 1,
  trainees: 70,
  traineeDaysOnSite: 20,
  traineeDaysOffSite: 10,
  traineeDaysRemote: 2,
  traineeDaysEspe: 2,
  visitorsOnSite: 150,
  beneficiariesOffSite: 50,
  beneficiariesTeachers: 120,
  beneficiariesSupervisors: 30,
  beneficiariesParents: 20,
  beneficiariesLocalStaff: 20,
  beneficiariesOther: 10,
  mediationBeneficiaries: 6,
  adviceBeneficiaries: 4,
  codesignSessions: 1,
  codesignParticipants: 8,
  events: 2,
  eventsDpe: 1,
  eventParticipants: 40,
  agreementsEspe: 0,
  agreementsLocalAuthorities: 1,
  agreementsOther: 0,
  localAuthoritiesServed: 2,
  trainers: 4,
  trainersCertified: 1,
  highlights: null,
};

async function apiSignIn(email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "canope-demo" }),
  });
  if (res.status !== 200) throw new Error(`Connexion de ${email} impossible : ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function call(cookie: string, method: "GET" | "PUT" | "POST", path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: body === undefined ? { cookie } : { cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} : ${res.status} ${await res.text()}`);
  return await res.json();
}

async function submit(atelier: string, p: Period) {
  const director = await apiSignIn(`atelier.${atelier}@canope.test`);
  await call(director, "PUT", `/reports/${atelier}/${formatPeriod(p)}`, { values: VALUES });
  await call(director, "POST", `/reports/${atelier}/${formatPeriod(p)}/submit`, {});
}

async function statusOf(atelier: string, p: Period): Promise<string> {
  const territory = await apiSignIn(TERRITORY);
  const report = (await call(territory, "GET", `/reports/${atelier}/${formatPeriod(p)}`)) as { status: string };
  return report.status;
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  for (const atelier of ["14", "27", "50"]) await submit(atelier, LAST_MONTH);
  const director61 = await apiSignIn("atelier.61@canope.test");
  await call(director61, "PUT", `/reports/61/${formatPeriod(LAST_MONTH)}`, { values: { trainingActions: 2 } });
  for (const atelier of ["14", "50"]) await submit(atelier, TWO_AGO);
});
afterAll(async () => await browser?.close());

async function signIn(page: Page, path = "/") {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/connexion/);
  await page.getByLabel("Adresse électronique").fill(TERRITORY);
  await page.getByLabel("Mot de passe", { exact: true }).fill("canope-demo");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { level: 3, name: "Rapports à examiner" }).waitFor();
}

const queueTable = (page: Page, p: Period) => page.getByRole("table", { name: new RegExp(`^Rapports ${ofMonth(p)}`) });

/** The text of each row of the queue: atelier, status, and so on. */
async function queueRows(page: Page, p: Period): Promise<string[]> {
  const table = queueTable(page, p);
  await table.waitFor();
  return (await table.locator("tbody tr").allInnerTexts()).map((t) => t.replace(/\s+/g, " ").trim());
}

/** Presses Tab until the focused element's accessible text matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return "";
      const labels = (el as HTMLInputElement).labels;
      return labels && labels.length > 0 ? (labels[0]?.textContent ?? "") : (el.textContent ?? "");
    });
    if (name.test(focused.replace(/\s+/g, " ").trim())) return;
  }
  throw new Error(`Aucun élément « ${name} » atteint au clavier.`);
}

async function seriousA11yViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
}

describe.skipIf(!chromiumPath)("the territorial director's review queue", () => {
  let page: Page;
  const problems: string[] = [];
  beforeAll(async () => {
    if (!chromiumPath) return;
    await browser.context.clearCookies();
    page = await browser.context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of 401/.test(m.text())) problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await signIn(page);
  });

  it("shows the previous month by default, every atelier with its status, and what waits", async () => {
    expect(await page.getByLabel("Mois").inputValue()).toBe(formatPeriod(LAST_MONTH));
    await page.getByText(`${title(LAST_MONTH)} : 3 rapports à examiner`).waitFor();
    const rows = await queueRows(page, LAST_MONTH);
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.includes("14 – Caen"))).toMatch(/Soumis.*Examiner/i);
    const lateness = LAST_MONTH_LATE ? "En retard" : "Attendu au plus tard";
    expect(rows.find((r) => r.includes("61 – Alençon"))).toMatch(new RegExp(`Brouillon.*${lateness}.*Voir`, "i"));
    expect(rows.find((r) => r.includes("76 – Rouen"))).toMatch(new RegExp(`Non commencé.*${lateness}`, "i"));
    const examine = page.getByRole("link", { name: "Examiner le rapport – Atelier Canopé 14 – Caen" });
    expect(await examine.getAttribute("href")).toBe(`/ateliers/14/rapports/${formatPeriod(LAST_MONTH)}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("filters by status, and keeps the filter in the address", async () => {
    await page.getByLabel("Statut").selectOption({ label: "Soumis (à examiner) (3)" });
    await page.waitForURL(/statut=soumis/);
    await expect.poll(async () => (await queueRows(page, LAST_MONTH)).length).toBe(3);
    await page.getByLabel("Statut").selectOption({ label: "Brouillons (1)" });
    await page.waitForURL(/statut=brouillon/);
    await expect.poll(async () => (await queueRows(page, LAST_MONTH)).length).toBe(1);
    const drafts = await queueRows(page, LAST_MONTH);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toContain("61 – Alençon");
    // A reload keeps it.
    await page.reload();
    expect(await queueRows(page, LAST_MONTH)).toHaveLength(1);
    await page.getByLabel("Statut").selectOption({ label: "Tous les statuts" });
    await expect.poll(async () => (await queueRows(page, LAST_MONTH)).length).toBe(5);
  });

  it("validates two selected reports after the confirmation", async () => {
    await page.getByRole("checkbox", { name: "Sélectionner Atelier Canopé 14 – Caen" }).check();
    await page.getByRole("checkbox", { name: "Sélectionner Atelier Canopé 27 – Évreux" }).check();
    await page.getByRole("button", { name: "Valider la sélection" }).click();
    const dialog = page.getByRole("dialog", { name: `Valider 2 rapports ${ofMonth(LAST_MONTH)} ?` });
    await dialog.waitFor();
    expect(await dialog.getByRole("listitem").filter({ hasText: "Atelier" }).allInnerTexts()).toEqual([
      "Atelier Canopé 14 – Caen",
      "Atelier Canopé 27 – Évreux",
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Valider 2 rapports" }).click();
    await page.getByText(`2 rapports validés ${ofMonth(LAST_MONTH)}`).waitFor();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(`${title(LAST_MONTH)} : 1 rapport à examiner`).waitFor();
    expect(await statusOf("14", LAST_MONTH)).toBe("validated");
    expect(await statusOf("27", LAST_MONTH)).toBe("validated");
    expect(await statusOf("50", LAST_MONTH)).toBe("submitted");
    const rows = await queueRows(page, LAST_MONTH);
    expect(rows.find((r) => r.includes("27 – Évreux"))).toMatch(/Validé.*Voir/i);
  });

  it("cancels with Escape, giving the focus back to the button", async () => {
    await page.getByRole("checkbox", { name: "Sélectionner Atelier Canopé 50 – Saint-Lô" }).check();
    const open = page.getByRole("button", { name: "Valider la sélection" });
    await open.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Valider la sélection");
    expect(await statusOf("50", LAST_MONTH)).toBe("submitted");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works with the keyboard only: choose, confirm in the modal, read the result", async () => {
    const keyboard = await browser.context.newPage();
    await keyboard.goto(`${baseUrl}/?mois=${formatPeriod(TWO_AGO)}`);
    await keyboard.getByText(`${title(TWO_AGO)} : 2 rapports à examiner`).waitFor();
    await keyboard.getByLabel("Statut").focus();
    await tabTo(keyboard, /^Sélectionner Atelier Canopé 14 – Caen$/);
    await keyboard.keyboard.press("Space");
    await tabTo(keyboard, /^Sélectionner Atelier Canopé 50 – Saint-Lô$/);
    await keyboard.keyboard.press("Space");
    await tabTo(keyboard, /^Valider la sélection$/);
    await keyboard.keyboard.press("Enter");
    const dialog = keyboard.getByRole("dialog", { name: `Valider 2 rapports ${ofMonth(TWO_AGO)} ?` });
    await dialog.waitFor();
    // DSFR moves the focus into the modal and keeps it there.
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await tabTo(keyboard, /^Valider 2 rapports$/, 6);
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await keyboard.keyboard.press("Enter");
    await keyboard.getByText(`2 rapports validés ${ofMonth(TWO_AGO)}`).waitFor();
    // The result takes the focus: the button that opened the modal is disabled now.
    await expect
      .poll(() => keyboard.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain(`2 rapports validés ${ofMonth(TWO_AGO)}`);
    expect(await statusOf("14", TWO_AGO)).toBe("validated");
    expect(await statusOf("50", TWO_AGO)).toBe("validated");
    await keyboard.close();
  });

  it("works on a phone 360 px wide: the tables scroll, not the page", async () => {
    const phone = await launchBrowser(chromiumPath as string, { width: 360, height: 740 });
    try {
      const small = await phone.context.newPage();
      await signIn(small);
      await queueTable(small, LAST_MONTH).waitFor();
      await small.getByRole("table", { name: /^Statut des rapports mensuels/ }).waitFor();
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await phone.close();
    }
  });
});
