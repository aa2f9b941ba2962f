/**
 * Submitting a report in a real browser: the confirmation step (what will be
 * sent, its warnings and notes; "Revenir au rapport" and Escape keep
 * everything; "Confirmer et soumettre" submits), a rule between fields judged
 * as soon as a field is left, text that is not a number kept as typed over a
 * reload, and the save line on one line of a 360 px phone. Ateliers 29 and 35
 * (previous month) only: other browser tests use other ateliers.
 */
import { formatPeriod, type ReportValues } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo } from "./support/months.ts";
import { signIn, watchProblems } from "./support/session.ts";
import { COMPLETE_VALUES } from "./support/values.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");
const PREVIOUS_MONTH = formatPeriod(monthsAgo(1));
const reportPath = (atelier: string) => `/ateliers/${atelier}/rapports/${PREVIOUS_MONTH}`;

/** Autosave waits for typing to stop (1.5 s): the server is polled a while. */
const POLL = { timeout: 10_000, interval: 200 };

const ESPE_RULE = "Les actions en partenariat avec une ESPE/INSPÉ ne peuvent pas dépasser les actions de formation réalisées.";

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (chromiumPath) browser = await launchBrowser(chromiumPath);
});
afterAll(async () => await browser?.close());

async function openReport(page: Page, atelier: string) {
  await signIn(page, `atelier.${atelier}@canope.test`, reportPath(atelier));
  await page.waitForURL(`${baseUrl}${reportPath(atelier)}`);
  await page.getByRole("form", { name: "Rapport d'activité du mois" }).waitFor();
}

async function serverReport(page: Page, atelier: string) {
  const cookie = (await page.context().cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
  const res = await fetch(`${baseUrl}/api/reports/${atelier}/${PREVIOUS_MONTH}`, { headers: { cookie } });
  return (await res.json()) as {
    status: string;
    values: ReportValues;
    justifications: Record<string, string>;
    notes: Record<string, string>;
  };
}

/** The French message DSFR shows under a field, or null. */
async function errorUnder(page: Page, code: string): Promise<string | null> {
  const message = page.locator(`#field-${code}-desc-error`);
  return (await message.count()) === 0 ? null : ((await message.textContent())?.trim() ?? null);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const focusInDialog = (page: Page) => page.evaluate(() => document.activeElement?.closest("dialog")?.id ?? null);

describe.skipIf(!chromiumPath)("submitting a report", () => {
  it("atelier 29: the confirmation step shows what will be sent; Escape and « Revenir » keep everything; « Confirmer » submits", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await openReport(page, "29");

    // Every figure, the publics short of the total (a warning), a large count in French format, a note.
    const typed: Record<string, string> = Object.fromEntries(
      Object.entries({ ...COMPLETE_VALUES, visitorsOnSite: 1234, beneficiariesTeachers: 1174, beneficiariesOther: 0 })
        .filter(([, v]) => v !== null)
        .map(([code, v]) => [code, String(v)]),
    );
    for (const [code, text] of Object.entries(typed)) await page.locator(`#field-${code}`).fill(text);
    const justification = page.locator('textarea[name="justifications.beneficiariesByPublic"]');
    await justification.fill("Dix personnes accueillies sont venues deux fois.");
    await page.getByRole("button", { name: "Ajouter une note à « Stagiaires formés (personnes) »" }).click();
    await page.locator("#note-trainees").fill("dont 12 professeurs stagiaires");
    await expect.poll(async () => (await serverReport(page, "29")).notes.trainees, POLL).toBe("dont 12 professeurs stagiaires");
    expect(await seriousA11yViolations(page)).toEqual([]);

    const submit = page.getByRole("button", { name: "Soumettre le rapport" });
    const dialog = page.getByRole("dialog", { name: "Vérifier et soumettre le rapport" });
    await submit.click();
    await dialog.waitFor();
    // The focus is in the step, which reads out what will be sent.
    await expect.poll(() => focusInDialog(page)).toBe("confirmer-soumission");
    const text = (await dialog.textContent())?.replace(/\s+/g, " ") ?? "";
    expect(text).toContain("Total des journées stagiaires : 28");
    expect(text).toMatch(/Répartition par public : 1\s224 sur 1\s274/);
    expect(text).toMatch(/Personnes accueillies dans l'atelier : 1\s234/);
    expect(text).toContain("Actions de formation réalisées : 5");
    // A 0 is not listed as a figure.
    expect(text).not.toContain("dont autres publics :");
    expect(text).toContain("Votre justification : Dix personnes accueillies sont venues deux fois.");
    expect(text).toContain("Note sur « Stagiaires formés (personnes) » : dont 12 professeurs stagiaires");
    // Not returned: nothing to answer.
    expect(await dialog.getByLabel(/Votre réponse/).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Escape closes it, the focus is back on the button, nothing is lost and nothing submitted.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => focusedId(page)).toBe("soumettre-rapport");
    expect(await page.locator("#field-visitorsOnSite").inputValue()).toBe("1234");
    expect(await justification.inputValue()).toBe("Dix personnes accueillies sont venues deux fois.");
    expect((await serverReport(page, "29")).status).toBe("draft");

    // On a phone: the step fits, and « Revenir au rapport » closes it the same way.
    await page.setViewportSize({ width: 360, height: 740 });
    await submit.click();
    await dialog.waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Revenir au rapport" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => focusedId(page)).toBe("soumettre-rapport");
    expect(await page.locator("#note-trainees").inputValue()).toBe("dont 12 professeurs stagiaires");
    // Read again long after Escape and « Revenir »: neither sent the report on its way.
    expect((await serverReport(page, "29")).status).toBe("draft");
    await page.setViewportSize({ width: 1280, height: 800 });

    await submit.click();
    await dialog.getByRole("button", { name: "Confirmer et soumettre" }).click();
    await page.getByRole("heading", { name: "Rapport soumis" }).waitFor();
    await page.getByText(/^Votre rapport a été soumis à la direction territoriale le \d/).waitFor();
    // The step is gone with the form, and leaves the page scrolling as before.
    expect(await page.locator("dialog[open]").count()).toBe(0);
    expect(await page.evaluate(() => [document.documentElement, document.body].map((e) => getComputedStyle(e).overflowY))).not.toContain(
      "hidden",
    );
    const submitted = await serverReport(page, "29");
    expect(submitted.status).toBe("submitted");
    expect(submitted.values).toMatchObject({ visitorsOnSite: 1234, trainees: 60 });
    expect(submitted.justifications).toEqual({ beneficiariesByPublic: "Dix personnes accueillies sont venues deux fois." });
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("enquete-atelier:brouillon")))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 150_000);

  it("atelier 35: a rule between fields shows at the field once it is left, and goes as soon as it is corrected", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await openReport(page, "35");

    await page.locator("#field-trainingActions").fill("12");
    await page.locator("#field-trainingActionsEspe").fill("14");
    // Nothing while typing, not even once the page has had time to react to the keystrokes…
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(200);
      expect(await errorUnder(page, "trainingActionsEspe")).toBeNull();
    }
    // …and on leaving the field, the error under it, tied to it.
    await page.keyboard.press("Tab");
    await expect.poll(() => errorUnder(page, "trainingActionsEspe")).toBe(ESPE_RULE);
    const espe = page.locator("#field-trainingActionsEspe");
    expect(await espe.getAttribute("aria-invalid")).toBe("true");
    expect((await espe.getAttribute("aria-describedby"))?.split(" ")).toContain("field-trainingActionsEspe-desc-error");
    // Fields never typed in say nothing yet (no "required" before « Soumettre »).
    expect(await page.locator('[id$="-desc-error"]').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Corrected: gone at once, before leaving the field.
    await espe.fill("2");
    await expect.poll(() => errorUnder(page, "trainingActionsEspe")).toBeNull();
    expect(await espe.getAttribute("aria-invalid")).toBeNull();

    // The other field of the rule, left too low: the error comes back under the ESPE actions; raised, it goes.
    await page.locator("#field-trainingActions").fill("1");
    await page.locator("#field-trainingActions").blur();
    await expect.poll(() => errorUnder(page, "trainingActionsEspe")).toBe(ESPE_RULE);
    await page.locator("#field-trainingActions").fill("20");
    await expect.poll(() => errorUnder(page, "trainingActionsEspe")).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("atelier 35: « abc » and « 12,,5 » are kept as typed over a reload, with their errors, and never sent", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await openReport(page, "35");

    await page.locator("#field-trainees").fill("abc");
    await page.locator("#field-traineeDaysOnSite").fill("12,,5");
    await page.locator("#field-traineeDaysOnSite").blur();
    await expect.poll(() => errorUnder(page, "trainees")).not.toBeNull();
    const traineesError = await errorUnder(page, "trainees");
    const daysError = await errorUnder(page, "traineeDaysOnSite");
    expect(daysError).not.toBeNull();
    await page
      .getByTestId("save-status")
      .getByText("Modifications non enregistrées : corrigez les champs signalés (vos saisies sont conservées sur cet appareil)")
      .waitFor();

    await page.reload();
    await page.getByRole("form", { name: "Rapport d'activité du mois" }).waitFor();
    await page.getByText("Des saisies faites sur cet appareil et non encore enregistrées ont été restaurées.").waitFor();
    expect(await page.locator("#field-trainees").inputValue()).toBe("abc");
    expect(await page.locator("#field-traineeDaysOnSite").inputValue()).toBe("12,,5");
    await expect.poll(() => errorUnder(page, "trainees")).toBe(traineesError);
    expect(await errorUnder(page, "traineeDaysOnSite")).toBe(daysError);
    expect(await page.locator("#field-trainees").getAttribute("aria-invalid")).toBe("true");
    // The other figures reached the server; these two never did.
    await expect.poll(async () => (await serverReport(page, "35")).values.trainingActions, POLL).toBe(20);
    const server = await serverReport(page, "35");
    expect(server.values.trainees ?? null).toBeNull();
    expect(server.values.traineeDaysOnSite ?? null).toBeNull();
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Corrected: the error goes at once, and the figure is saved.
    await page.locator("#field-trainees").fill("40");
    await expect.poll(() => errorUnder(page, "trainees")).toBeNull();
    await expect.poll(async () => (await serverReport(page, "35")).values.trainees, POLL).toBe(40);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("atelier 35 on a 360 px phone: the save line stays on one line, its details on request, and the page does not scroll sideways", async () => {
    await onPhone(chromiumPath as string, async (page) => {
      const problems = watchProblems(page);
      await openReport(page, "35");
      // The longest state: a field to correct.
      await page.locator("#field-traineeDaysOnSite").fill("12,,5");
      await page.locator("#field-traineeDaysOnSite").blur();
      const status = page.getByTestId("save-status");
      await status.getByText(/^Modifications non enregistrées/).waitFor();
      const box = await status.evaluate((el) => ({
        height: el.getBoundingClientRect().height,
        lineHeight: Number.parseFloat(getComputedStyle(el).lineHeight),
      }));
      expect(box.height).toBeLessThanOrEqual(2 * box.lineHeight);
      // A screen reader still hears the whole sentence.
      expect((await status.textContent())?.trim()).toBe(
        "Modifications non enregistrées : corrigez les champs signalés (vos saisies sont conservées sur cet appareil)",
      );
      expect(await status.getAttribute("aria-live")).toBe("polite");
      const details = page.getByRole("button", { name: "Détails de l'enregistrement" });
      expect(await details.getAttribute("aria-expanded")).toBe("false");
      await details.click();
      await page.locator("#save-status-details").getByText("Corrigez les champs signalés").waitFor();
      expect(await details.getAttribute("aria-expanded")).toBe("true");
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.locator("#field-traineeDaysOnSite").fill("12,5");
      await status.getByText(/^Enregistré à \d\d:\d\d$/).waitFor({ timeout: 15_000 });
      const saved = await status.evaluate((el) => el.getBoundingClientRect().height);
      expect(saved).toBeLessThanOrEqual(2 * box.lineHeight);
      expect(await page.getByRole("button", { name: "Détails de l'enregistrement" }).count()).toBe(0);
      expect(problems).toEqual([]);
    });
  });
});
