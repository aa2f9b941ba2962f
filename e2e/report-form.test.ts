/**
 * The monthly report form in a real browser: the whole journey of a director
 * (errors, warnings, a dropped network, a reload, the submission), a month
 * not over kept as a draft, two tabs editing the same draft, and a completion
 * with the keyboard only. Atelier 86 (this month and the previous one) and 87
 * (this month and the previous one) only: other browser tests use other ateliers.
 */
import { dayInFrench, formatPeriod, isMonthOver, lastDayOf, parisDate, type ReportValues } from "@enquete/domain";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo, ofMonth, thisMonth } from "./support/months.ts";
import { signIn, watchProblems as watch } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const now = thisMonth();
const THIS_MONTH = formatPeriod(now);
const previous = monthsAgo(1);
const PREVIOUS_MONTH = formatPeriod(previous);

/** Autosave waits for typing to stop (1.5 s): the server is polled a while. */
const POLL = { timeout: 10_000, interval: 200 };

const reportPath = (atelier: string, period: string) => `/ateliers/${atelier}/rapports/${period}`;

/** What a director types: every field, French decimals included; the DPE events break a hard rule, the publics do not add up. */
const TYPED: Record<string, string> = {
  trainingActions: "10",
  trainingActionsEspe: "2",
  trainees: "120",
  traineeDaysOnSite: "12,5",
  traineeDaysOffSite: "20,5",
  traineeDaysRemote: "5",
  traineeDaysEspe: "6",
  visitorsOnSite: "300",
  beneficiariesOffSite: "100",
  beneficiariesTeachers: "250",
  beneficiariesSupervisors: "50",
  beneficiariesParents: "40",
  beneficiariesLocalStaff: "30",
  beneficiariesOther: "20",
  mediationBeneficiaries: "12",
  adviceBeneficiaries: "7",
  codesignSessions: "1",
  codesignParticipants: "12",
  events: "3",
  eventsDpe: "5",
  eventParticipants: "80",
  agreementsEspe: "0",
  agreementsLocalAuthorities: "1",
  agreementsOther: "0",
  localAuthoritiesServed: "4",
  trainers: "6",
  trainersCertified: "1",
};

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (chromiumPath) browser = await launchBrowser(chromiumPath);
});
afterAll(async () => await browser?.close());

// A 401 from GET /api/me is how the app learns nobody is signed in; the aborted saves of the "offline" part are expected.
const watchProblems = (page: Page) => watch(page, /status of 401|net::ERR_INTERNET_DISCONNECTED|Failed to fetch/);

/** Opens a report's page signed out, signs in on the way, and lands back on the report's form. */
async function signInTo(page: Page, email: string, path: string) {
  await signIn(page, email, path);
  await page.waitForURL(`${baseUrl}${path}`);
  await page.getByRole("form", { name: "Rapport d'activité du mois" }).waitFor();
}

/** The API with the browser's own session cookie. */
async function api(context: BrowserContext, method: "GET" | "PUT", path: string, body?: unknown, headers: Record<string, string> = {}) {
  const cookie = (await context.cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
  const res = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { status: string; version: number; values: ReportValues; notes: Record<string, string> },
  };
}

const serverReport = async (context: BrowserContext, atelier: string, period: string) =>
  (await api(context, "GET", `/reports/${atelier}/${period}`)).body;

const saveStatus = (page: Page) => page.getByTestId("save-status");

describe.skipIf(!chromiumPath)("the monthly report form", () => {
  it("atelier 86, previous month: fill, errors and warnings, offline, reload, restore, save, submit", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    const path = reportPath("86", PREVIOUS_MONTH);
    await signInTo(page, "atelier.86@canope.test", path);

    await page.getByRole("heading", { level: 1, name: `Rapport d'activité ${ofMonth(previous)}` }).waitFor();
    await page.getByText("Atelier Canopé 86 – Poitiers").waitFor();
    expect(await page.title()).toBe(`Rapport ${ofMonth(previous)} – Atelier Canopé 86 – Poitiers – Enquête atelier`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    for (const [code, text] of Object.entries(TYPED)) await page.locator(`#field-${code}`).fill(text);
    await page.getByText("Total des journées stagiaires : 38").waitFor();
    await page.getByText("Répartition par public : 390 sur 400").waitFor();
    // The soft warning shows as soon as the figures disagree.
    const justification = page.locator('textarea[name="justifications.beneficiariesByPublic"]');
    await justification.waitFor();
    await expect.poll(async () => (await serverReport(browser.context, "86", PREVIOUS_MONTH)).values.traineeDaysOnSite, POLL).toBe(12.5);
    await saveStatus(page)
      .getByText(/Enregistré à \d\d:\d\d/)
      .waitFor();

    // Submitting: the hard error at its field and in the focused summary, with the unjustified warning.
    await page.getByRole("button", { name: "Soumettre le rapport" }).click();
    const summary = page.locator("#resume-erreurs");
    await summary.getByRole("heading", { name: /Le rapport ne peut pas encore être soumis : 2 points à corriger/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("resume-erreurs");
    const dpeMessage = "Les événements liés au développement professionnel ne peuvent pas dépasser les événements organisés.";
    expect(await page.locator("#field-eventsDpe-desc-error").textContent()).toBe(dpeMessage);
    expect(await page.locator("#field-eventsDpe").getAttribute("aria-invalid")).toBe("true");
    await summary.getByRole("link", { name: /Justification demandée/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await summary.getByRole("link", { name: new RegExp(`dont en lien avec le développement professionnel.*${dpeMessage}`) }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-eventsDpe");

    // Fixed and justified: the summary empties itself.
    await page.locator("#field-eventsDpe").fill("2");
    await justification.fill("Des personnes ont suivi deux actions : elles sont comptées dans deux publics.");
    await summary.waitFor({ state: "detached" });

    // The network drops while typing: the values stay on this device, and no save reaches the server.
    await page.route("**/api/reports/**", (route) =>
      route.request().method() === "PUT" ? route.abort("internetdisconnected") : route.continue(),
    );
    await browser.context.setOffline(true);
    await page.locator("#field-mediationBeneficiaries").fill("15");
    await page.locator("#field-highlights").fill("Semaine de la presse : trois classes accueillies.");
    await saveStatus(page).getByText("Hors ligne – vos saisies sont conservées sur cet appareil").waitFor();
    await page.getByText(/^49 caractères sur 2.000$/).waitFor();

    // Back online but the saves still fail; the page is reloaded before any reached the server.
    await browser.context.setOffline(false);
    await page.reload();
    await page.getByText("Des saisies faites sur cet appareil et non encore enregistrées ont été restaurées.").waitFor();
    expect(await page.locator("#field-mediationBeneficiaries").inputValue()).toBe("15");
    expect(await page.locator("#field-highlights").inputValue()).toBe("Semaine de la presse : trois classes accueillies.");
    expect(await page.locator("#field-traineeDaysOnSite").inputValue()).toBe("12,5");
    expect(await justification.inputValue()).toContain("comptées dans deux publics");
    const meanwhile = await serverReport(browser.context, "86", PREVIOUS_MONTH);
    expect(meanwhile.values.mediationBeneficiaries).toBe(12);
    expect(meanwhile.values.highlights).toBeUndefined();

    // The network is really back: the restored values are sent by themselves.
    await page.unroute("**/api/reports/**");
    await saveStatus(page)
      .getByText(/Enregistré à \d\d:\d\d/)
      .waitFor({ timeout: 15_000 });
    const saved = await serverReport(browser.context, "86", PREVIOUS_MONTH);
    expect(saved.values).toMatchObject({
      mediationBeneficiaries: 15,
      highlights: "Semaine de la presse : trois classes accueillies.",
      eventsDpe: 2,
    });

    await page.getByRole("button", { name: "Soumettre le rapport" }).click();
    await page
      .getByRole("dialog", { name: "Vérifier et soumettre le rapport" })
      .getByRole("button", { name: "Confirmer et soumettre" })
      .click();
    await page.getByRole("heading", { name: "Rapport soumis" }).waitFor();
    await page.getByText("Soumis", { exact: true }).waitFor();
    expect(await page.locator("main").locator("input, textarea").count()).toBe(0);
    await page.getByText("Ce rapport est soumis : il n'est plus modifiable.").waitFor();

    const submitted = await serverReport(browser.context, "86", PREVIOUS_MONTH);
    expect(submitted.status).toBe("submitted");
    expect(submitted.values).toMatchObject({
      trainingActions: 10,
      traineeDaysOnSite: 12.5,
      traineeDaysOffSite: 20.5,
      beneficiariesOther: 20,
      eventsDpe: 2,
      mediationBeneficiaries: 15,
      trainersCertified: 1,
      highlights: "Semaine de la presse : trois classes accueillies.",
    });
    // Nothing is left on the device once the server has it all.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("enquete-atelier:brouillon")))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 150_000);

  it("atelier 86, this month: noted as a draft while the month goes, submitted only from its last day", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await signInTo(page, "atelier.86@canope.test", reportPath("86", THIS_MONTH));
    const from = dayInFrench(lastDayOf(THIS_MONTH), true);
    if (isMonthOver(THIS_MONTH, parisDate())) {
      // The last day of the month: the month is over, its report can be sent.
      await page.getByRole("button", { name: "Soumettre le rapport" }).waitFor();
      expect(await page.getByText(`pourra être soumis à partir du ${from}`).count()).toBe(0);
    } else {
      await page.getByText(`Le mois n'est pas terminé : ce rapport pourra être soumis à partir du ${from}.`).waitFor();
      expect(await page.getByRole("button", { name: "Soumettre le rapport" }).count()).toBe(0);
      await page.locator("#field-trainingActions").fill("4");
      const save = page.getByRole("button", { name: "Enregistrer le brouillon" });
      expect(await save.getAttribute("aria-describedby")).toBe("report-draft-only");
      await save.click();
      await expect.poll(async () => (await serverReport(browser.context, "86", THIS_MONTH)).values.trainingActions, POLL).toBe(4);
      await saveStatus(page)
        .getByText(/Enregistré à \d\d:\d\d/)
        .waitFor();
      const report = await serverReport(browser.context, "86", THIS_MONTH);
      expect(report).toMatchObject({ status: "draft", submittableFrom: lastDayOf(THIS_MONTH), expected: false });
      // The server refuses it too, with the day it can be submitted.
      const refused = await fetch(`${baseUrl}/api/reports/86/${THIS_MONTH}/submit`, {
        method: "POST",
        headers: {
          cookie: (await browser.context.cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join("; "),
          "content-type": "application/json",
          origin: baseUrl,
        },
        body: "{}",
      });
      expect(refused.status).toBe(422);
      expect(await refused.json()).toMatchObject({ code: "MONTH_NOT_OVER", message: expect.stringContaining(from) });
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("atelier 87: two tabs edit the same draft; the stale one compares and chooses, nothing is overwritten before", async () => {
    await browser.context.clearCookies();
    const tabA = await browser.context.newPage();
    const problems = watchProblems(tabA);
    const path = reportPath("87", THIS_MONTH);
    await signInTo(tabA, "atelier.87@canope.test", path);

    // A draft both tabs start from.
    const start = await serverReport(browser.context, "87", THIS_MONTH);
    const version = start.version;
    const created = await api(
      browser.context,
      "PUT",
      `/reports/87/${THIS_MONTH}`,
      { values: { trainingActions: 1, trainees: 10 } },
      version > 0 ? { "if-match": `"${version}"` } : {},
    );
    expect(created.status).toBe(200);
    await tabA.reload();
    await tabA.locator("#field-trainingActions").waitFor();
    const tabB = await browser.context.newPage();
    problems.push(...watchProblems(tabB));
    await tabB.setViewportSize({ width: 360, height: 740 });
    await tabB.goto(`${baseUrl}${path}`);
    expect(await tabB.locator("#field-trainees").inputValue()).toBe("10");

    // Tab A saves first.
    await tabA.locator("#field-trainingActions").fill("5");
    await expect.poll(async () => (await serverReport(browser.context, "87", THIS_MONTH)).values.trainingActions, POLL).toBe(5);

    // Tab B, still on the old version, changes another field: the comparison opens.
    await tabB.locator("#field-trainees").fill("20");
    await tabB.locator("#field-trainees").blur();
    const panel = tabB.getByRole("region", { name: "Comparaison des deux versions du rapport" });
    await panel.getByRole("heading", { name: "Ce rapport a été modifié entre-temps" }).waitFor();
    const table = panel.getByRole("table");
    expect(await table.locator("thead th").allTextContents()).toEqual([
      "Champ",
      "Votre saisie",
      expect.stringMatching(/^Version enregistrée \(par .+ à \d\d:\d\d\)$/),
      "Valeur à garder",
    ]);
    const rows = await table
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 3).map((td) => td.textContent?.trim())));
    expect(rows).toEqual([
      ["Actions de formation réalisées", "1", "5"],
      ["Stagiaires formés (personnes)", "20", "10"],
    ]);
    await tabB.getByText("Enregistrement suspendu : choisissez entre les deux versions").waitFor();
    // Nothing overwritten while the choice is pending.
    const pending = await serverReport(browser.context, "87", THIS_MONTH);
    expect(pending.values).toMatchObject({ trainingActions: 5, trainees: 10 });
    // A phone shows the comparison without scrolling the page sideways.
    expect(await tabB.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    // Field by field: theirs for the actions, mine for the trainees.
    await table.getByRole("group", { name: "Valeur à garder pour « Actions de formation réalisées »" }).getByLabel("L'autre").check();
    await table.getByRole("group", { name: "Valeur à garder pour « Stagiaires formés (personnes) »" }).getByLabel("La mienne").check();
    await panel.getByRole("button", { name: "Enregistrer mes choix champ par champ" }).click();
    await panel.waitFor({ state: "detached" });
    await expect
      .poll(async () => (await serverReport(browser.context, "87", THIS_MONTH)).values, POLL)
      .toMatchObject({ trainingActions: 5, trainees: 20 });
    await saveStatus(tabB)
      .getByText(/Enregistré à \d\d:\d\d/)
      .waitFor();
    expect(await tabB.locator("#field-trainingActions").inputValue()).toBe("5");
    expect(await tabB.locator("#field-trainees").inputValue()).toBe("20");
    expect(problems.filter((p) => !/status of 409/.test(p))).toEqual([]);
    await tabA.close();
    await tabB.close();
  });

  it("atelier 87: the session expires while typing; signing in again brings back and saves what was typed", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const path = reportPath("87", THIS_MONTH);
    await signInTo(page, "atelier.87@canope.test", path);

    // The session ends on the server while the page is open.
    const cookie = (await browser.context.cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
    expect((await fetch(`${baseUrl}/api/auth/logout`, { method: "POST", headers: { cookie } })).status).toBe(204);
    await page.locator("#field-eventParticipants").fill("33");
    await page.getByRole("heading", { name: "Votre session a expiré : reconnectez-vous, vos saisies sont conservées" }).waitFor();
    await saveStatus(page).getByText("Session expirée – vos saisies sont conservées sur cet appareil").waitFor();

    await page.getByRole("button", { name: "Se reconnecter" }).click();
    await page.waitForURL(/\/connexion\?retour=/);
    await page.getByLabel("Adresse électronique").fill("atelier.87@canope.test");
    await page.getByLabel("Mot de passe", { exact: true }).fill("canope-demo");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${baseUrl}${path}`);
    await page.getByText("Des saisies faites sur cet appareil et non encore enregistrées ont été restaurées.").waitFor();
    expect(await page.locator("#field-eventParticipants").inputValue()).toBe("33");
    await expect.poll(async () => (await serverReport(browser.context, "87", THIS_MONTH)).values.eventParticipants, POLL).toBe(33);
    await page.close();
  });

  it("atelier 87, previous month: the keyboard alone, from the first field to the submission", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await signInTo(page, "atelier.87@canope.test", reportPath("87", PREVIOUS_MONTH));
    await page.locator("#field-trainingActions").focus();

    const typed = { ...TYPED, beneficiariesOther: "30", eventsDpe: "4" }; // the publics add up; the DPE events still exceed
    for (const [code, text] of Object.entries(typed)) {
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`field-${code}`);
      await page.keyboard.press("Control+A");
      await page.keyboard.type(text);
      // Enter in a field saves nothing and submits nothing.
      if (code === "trainingActions") await page.keyboard.press("Enter");
      // Each figure is followed by its note's button, named after it.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Ajouter une note à « .+ »$/);
      if (code === "traineeDaysEspe") {
        // A note, with the keyboard: Enter opens it with the cursor in it; Tab goes on to the next figure past "Supprimer la note".
        await page.keyboard.press("Enter");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("note-traineeDaysEspe");
        await page.keyboard.type("dont 4 journées pour le plan académique numérique");
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Supprimer la note sur « .+ »$/);
      }
      await page.keyboard.press("Tab");
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-highlights");
    await page.keyboard.type("Un mois calme.");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Soumettre le rapport");
    expect(await page.locator("#resume-erreurs").count()).toBe(0);

    // The error summary takes the focus; its link leads to the field.
    await page.keyboard.press("Enter");
    await page.locator("#resume-erreurs").waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("resume-erreurs");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-eventsDpe");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("1");
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.textContent)) === "Soumettre le rapport") break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Soumettre le rapport");
    await page.keyboard.press("Enter");
    // The confirmation step takes the focus; Tab reaches « Confirmer et soumettre ».
    await page.getByRole("dialog", { name: "Vérifier et soumettre le rapport" }).waitFor();
    for (let i = 0; i < 10; i++) {
      if ((await page.evaluate(() => document.activeElement?.textContent)) === "Confirmer et soumettre") break;
      await page.keyboard.press("Tab");
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Confirmer et soumettre");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Rapport soumis" }).waitFor();

    const report = await serverReport(browser.context, "87", PREVIOUS_MONTH);
    expect(report.status).toBe("submitted");
    expect(report.values).toMatchObject({ trainingActions: 10, traineeDaysOnSite: 12.5, eventsDpe: 1, highlights: "Un mois calme." });
    expect(report.notes).toEqual({
      traineeDaysEspe: "dont 4 journées pour le plan académique numérique",
    });
    expect(problems).toEqual([]);
    await page.close();
  });
});
