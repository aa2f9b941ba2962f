/**
 * The atelier director's home page in a real browser: returned reports at the
 * top with the territory's comment, the months of this year and last year with
 * their status and lateness, and the button for this month's report.
 * Atelier 79 (Niort) only: other browser tests use 86 and 87.
 */
import AxeBuilder from "@axe-core/playwright";
import { addMonths, formatPeriod, MONTHS_FR, type Period, parisDate, periodOfDate } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const ATELIER = "79";
const DIRECTOR = "atelier.79@canope.test";
const TERRITORY = "dt.aquitaine-limousin-poitou-charentes@canope.test";
const COMMENT = "Les journées stagiaires hors les murs semblent élevées : merci de vérifier.";

const now = periodOfDate(parisDate());
const months = {
  current: now,
  returned: addMonths(now, -1),
  validated: addMonths(now, -2),
  draft: addMonths(now, -3),
  missing: addMonths(now, -4),
  // In December the next month belongs to a year the page does not show.
  future: now.month < 12 ? addMonths(now, 1) : null,
};

/** "Octobre 2026". */
const title = (p: Period) => `${MONTHS_FR[p.month - 1]?.replace(/^./, (c) => c.toUpperCase())} ${p.year}`;
/** "de novembre 2026", "d'octobre 2026". */
const ofMonth = (p: Period) => {
  const name = MONTHS_FR[p.month - 1] ?? "";
  return `${/^[aeiou]/.test(name) ? "d'" : "de "}${name} ${p.year}`;
};
const reportPath = (p: Period) => `/ateliers/${ATELIER}/rapports/${formatPeriod(p)}`;

/** A complete report that breaks no rule of the questionnaire. */
const VALUES = {
  trainingActions: 8,
  trainingActionsEspe: 1,
  trainees: 90,
  traineeDaysOnSite: 30,
  traineeDaysOffSite: 12.5,
  traineeDaysRemote: 4,
  traineeDaysEspe: 3,
  visitorsOnSite: 200,
  beneficiariesOffSite: 80,
  beneficiariesTeachers: 180,
  beneficiariesSupervisors: 40,
  beneficiariesParents: 30,
  beneficiariesLocalStaff: 20,
  beneficiariesOther: 10,
  mediationBeneficiaries: 9,
  adviceBeneficiaries: 5,
  codesignSessions: 1,
  codesignParticipants: 10,
  events: 2,
  eventsDpe: 1,
  eventParticipants: 60,
  agreementsEspe: 0,
  agreementsLocalAuthorities: 1,
  agreementsOther: 0,
  localAuthoritiesServed: 3,
  trainers: 5,
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

async function call(cookie: string, method: "PUT" | "POST", path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: body === undefined ? { cookie } : { cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} : ${res.status} ${await res.text()}`);
}

/** Last month returned with a comment, the month before validated, the one before a draft, the one before nothing. */
async function createReports() {
  const director = await apiSignIn(DIRECTOR);
  const territory = await apiSignIn(TERRITORY);
  const at = (p: Period) => `/reports/${ATELIER}/${formatPeriod(p)}`;
  for (const p of [months.returned, months.validated]) {
    await call(director, "PUT", at(p), { values: VALUES });
    await call(director, "POST", `${at(p)}/submit`, {});
  }
  await call(territory, "POST", `${at(months.returned)}/return`, { comment: COMMENT });
  await call(territory, "POST", `${at(months.validated)}/validate`);
  await call(director, "PUT", at(months.draft), { values: { trainingActions: 3 } });
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  await createReports();
});
afterAll(async () => await browser?.close());

async function signIn(page: Page) {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/connexion/);
  await page.getByLabel("Adresse électronique").fill(DIRECTOR);
  await page.getByLabel("Mot de passe", { exact: true }).fill("canope-demo");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("heading", { level: 3, name: "Rapports mensuels" }).waitFor();
}

/** The status, due date and lateness cells of a month's row, as read (not as CSS capitalises them). */
async function monthCells(page: Page, p: Period): Promise<string[]> {
  const table = page.getByRole("table", { name: `Année ${p.year}` });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: title(p), exact: true }) });
  return (await row.locator("td").allTextContents()).map((t) => t.trim());
}

describe.skipIf(!chromiumPath)("the atelier director's home page", () => {
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

  it("shows the returned report at the top with the territory's comment", async () => {
    const heading = page.getByRole("heading", { name: `Rapport ${ofMonth(months.returned)} renvoyé par la direction territoriale` });
    await heading.waitFor();
    await page.getByText(COMMENT).waitFor();
    // At the top: before the monthly reports' heading.
    const alertTop = (await heading.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    const reportsTop = (await page.getByRole("heading", { name: "Rapports mensuels" }).boundingBox())?.y ?? 0;
    expect(alertTop).toBeLessThan(reportsTop);
  });

  it("shows each month's status, due date and lateness", async () => {
    const validated = await monthCells(page, months.validated);
    expect(validated[0]).toBe("Validé");
    const dueMonth = addMonths(months.validated, 1);
    expect(validated[1]).toBe(`10 ${MONTHS_FR[dueMonth.month - 1]} ${dueMonth.year}`);

    expect((await monthCells(page, months.draft))[0]).toBe("Brouillon");
    expect((await monthCells(page, months.returned))[0]).toBe("Renvoyé");

    const missing = await monthCells(page, months.missing);
    expect(missing[0]).toBe("Non commencé");
    expect(missing[2]).toBe("En retard");

    if (months.future) {
      const future = await monthCells(page, months.future);
      expect(future[0]).toBe("À venir");
      expect(future[2]).not.toContain("En retard");
    }
    // Both years, twelve months each.
    for (const year of [now.year, now.year - 1]) {
      const rowHeaders = page.getByRole("table", { name: `Année ${year}` }).getByRole("rowheader");
      expect(await rowHeaders.count()).toBe(12);
    }
  });

  it("has no serious accessibility problem", async () => {
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
  });

  it("leads from the returned report's alert to its page", async () => {
    await page.getByRole("link", { name: `Corriger le rapport ${ofMonth(months.returned)}` }).click();
    await page.waitForURL(`${baseUrl}${reportPath(months.returned)}`);
    await page.goBack();
    await page.getByRole("heading", { level: 3, name: "Rapports mensuels" }).waitFor();
  });

  it("starts the current month's report from its button", async () => {
    const start = page.getByRole("link", { name: `Commencer le rapport ${ofMonth(months.current)}`, exact: true });
    expect(await start.getAttribute("href")).toBe(reportPath(months.current));
    await start.click();
    await page.waitForURL(`${baseUrl}${reportPath(months.current)}`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works on a phone 360 px wide: the tables scroll, not the page", async () => {
    const phone = await launchBrowser(chromiumPath as string, { width: 360, height: 740 });
    try {
      const small = await phone.context.newPage();
      await signIn(small);
      await small.getByRole("table", { name: `Année ${now.year}` }).waitFor();
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await phone.close();
    }
  });
});
