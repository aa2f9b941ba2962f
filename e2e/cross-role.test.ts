/**
 * A month's full cycle across roles in a real browser: atelier 86 submits;
 * its territorial director reads it beside the previous month and returns it
 * with a comment; the atelier corrects and submits again; the territory
 * validates; the national team sees it validated in the campaign grid and
 * reopens it; the atelier finds it returned with the reason. Then a review
 * with the keyboard only, and a decision refused because someone else decided
 * first. Atelier 86 three and four months ago, atelier 87 four and five months
 * ago: other browser tests use other months of these ateliers.
 */
import { formatPeriod, type Period } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { apiSignIn, call } from "./support/api.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo, ofMonth } from "./support/months.ts";
import { reportAt, saveReport, submitReport, validateReport } from "./support/reports.ts";
import { newPage as freshPage, signIn } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const DIRECTOR = "atelier.86@canope.test";
const TERRITORY = "dt.aquitaine-limousin-poitou-charentes@canope.test";
const NATIONAL = "dis@canope.test";

/** The month of the cycle, and the one before it (validated: what the territory compares with). */
const MONTH = monthsAgo(3);
const PREVIOUS = monthsAgo(4);
/** Atelier 87: validated with the keyboard only, and refused with a 409. */
const KEYBOARD_MONTH = monthsAgo(4);
const CONFLICT_MONTH = monthsAgo(5);

const COMMENT = "Les participants aux événements ont plus que doublé : merci de vérifier ce chiffre.";
const REASON = "Erreur de saisie signalée par l'atelier après la validation.";

const reportPath = (atelier: string, p: Period) => `/ateliers/${atelier}/rapports/${formatPeriod(p)}`;

/** A complete report that breaks no rule of the questionnaire. */
const PREVIOUS_VALUES = {
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

/**
 * The month of the cycle, typed through the API but for the trainers (typed
 * in the browser): the publics add up to 250 for 240 people, a soft warning
 * the director justifies; the participants to events more than doubled.
 */
const VALUES = {
  ...PREVIOUS_VALUES,
  visitorsOnSite: 180,
  beneficiariesOffSite: 60,
  beneficiariesTeachers: 140,
  beneficiariesSupervisors: 40,
  beneficiariesParents: 30,
  beneficiariesLocalStaff: 20,
  beneficiariesOther: 20,
  eventParticipants: 90,
  trainers: null,
};
const JUSTIFICATION = "Dix visiteurs de la fête de la science comptés dans deux publics.";

type ServerReport = { status: string; values: Record<string, unknown>; justifications: Record<string, string> };

async function serverReport(atelier: string, p: Period): Promise<ServerReport> {
  return (await call(await apiSignIn(NATIONAL), "GET", reportAt(atelier, p))) as ServerReport;
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  await submitReport("86", PREVIOUS, PREVIOUS_VALUES);
  await validateReport(TERRITORY, "86", PREVIOUS);
  await saveReport("86", MONTH, VALUES);
  await submitReport("87", KEYBOARD_MONTH, PREVIOUS_VALUES);
  await submitReport("87", CONFLICT_MONTH, PREVIOUS_VALUES);
});
afterAll(async () => await browser?.close());

/** A fresh page, signed out; console errors are collected (a 401 is how the app learns nobody is signed in). */
const newPage = (expected?: RegExp) => freshPage(browser.context, expected);

/** Opens a page signed out, signs in on the way, and lands back on it. */
async function signInTo(page: Page, email: string, path: string) {
  await signIn(page, email, path);
  await page.waitForURL(`${baseUrl}${path}`);
}

/** A field's row in a block's comparison table: this month, the previous month, the same month last year. */
async function comparedRow(page: Page, block: string, field: string): Promise<string[]> {
  const table = page.getByRole("table", { name: new RegExp(`^${block} :`) });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: field, exact: true }) });
  await row.waitFor();
  return (await row.getByRole("cell").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim());
}

/** A DSFR modal once open, its fade-in over (axe would measure the contrast of half-transparent text). */
async function openDialog(page: Page, name: string) {
  const dialog = page.getByRole("dialog", { name });
  await dialog.waitFor();
  await expect.poll(() => dialog.evaluate((d) => getComputedStyle(d).opacity)).toBe("1");
  return dialog;
}

/** "Soumettre le rapport", then the confirmation step's "Confirmer et soumettre". */
async function submitThroughConfirmation(page: Page) {
  await page.getByRole("button", { name: "Soumettre le rapport" }).click();
  const dialog = await openDialog(page, "Vérifier et soumettre le rapport");
  await dialog.getByRole("button", { name: "Confirmer et soumettre" }).click();
}

const focusedText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? "").replace(/\s+/g, " ").trim());

/** The focused element's label (a field) or text (a button, a link). */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLTextAreaElement | null;
    const text = el?.labels?.[0]?.textContent ?? el?.textContent ?? "";
    return text.replace(/\s+/g, " ").trim();
  });

/** Presses Tab until the focused element's name matches, as a keyboard user would. */
async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`Aucun élément « ${name} » atteint au clavier.`);
}

describe.skipIf(!chromiumPath)("a month's report across roles", () => {
  it("atelier 86 types the last figure, justifies the warning and submits", async () => {
    const { page, problems } = await newPage();
    await signInTo(page, DIRECTOR, reportPath("86", MONTH));
    await page.locator("#field-trainers").fill("5");
    await page.locator('textarea[name="justifications.beneficiariesByPublic"]').fill(JUSTIFICATION);
    await submitThroughConfirmation(page);
    await page.getByRole("heading", { name: "Rapport soumis" }).waitFor();
    const report = await serverReport("86", MONTH);
    expect(report.status).toBe("submitted");
    expect(report.values.trainers).toBe(5);
    expect(report.justifications).toEqual({ beneficiariesByPublic: JUSTIFICATION });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the territory opens it from its queue, reads it beside the previous month, and returns it with a comment", async () => {
    const { page, problems } = await newPage(/status of (401|422)/);
    await signInTo(page, TERRITORY, `/?mois=${formatPeriod(MONTH)}`);
    await page.getByRole("link", { name: "Examiner le rapport – Atelier Canopé 86 – Poitiers" }).click();
    await page.waitForURL(`${baseUrl}${reportPath("86", MONTH)}`);
    await page.getByRole("heading", { level: 1, name: `Rapport d'activité ${ofMonth(MONTH)}` }).waitFor();

    // Each figure beside the previous month and the same month last year (no report then), a big change in words.
    expect(await comparedRow(page, "Accueil et bénéficiaires", "Personnes accueillies dans l'atelier")).toEqual([
      "180",
      "150",
      "Pas de rapport",
    ]);
    expect(await comparedRow(page, "Conférences et événements", "Participants aux conférences et événements")).toEqual([
      "90 Hausse de 125 % sur un mois",
      "40",
      "Pas de rapport",
    ]);
    // The soft warning, with the director's justification under it.
    await page.getByText("La répartition par public ne correspond pas au total").first().waitFor();
    // And in the exchange above the decision, under the warning it answers.
    const exchange = page.getByRole("region", { name: "Échanges sur ce rapport" });
    await exchange.getByText(/^Justification : La répartition par public ne correspond pas au total/).waitFor();
    await exchange.getByText(JUSTIFICATION).waitFor();
    await page.getByText(`Justification de l'atelier : ${JUSTIFICATION}`).waitFor();
    await page.getByRole("button", { name: "Historique" }).waitFor();
    expect(await page.getByRole("link", { name: "Retour aux rapports à examiner" }).first().getAttribute("href")).toBe(
      `/?vue=territory%3Aaquitaine-limousin-poitou-charentes&mois=${formatPeriod(MONTH)}`,
    );
    expect(await page.getByRole("button", { name: "Rouvrir le rapport" }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Renvoyer à l'atelier" }).click();
    const dialog = await openDialog(page, "Renvoyer le rapport à l'atelier");
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Without a comment: the API's French message at the field, which takes the focus.
    await dialog.getByRole("button", { name: "Confirmer le renvoi" }).click();
    const field = dialog.getByLabel("Commentaire pour l'atelier");
    const error = dialog.getByText("Un commentaire est obligatoire.");
    await error.waitFor();
    expect((await field.getAttribute("aria-describedby"))?.split(" ")).toContain(await error.getAttribute("id"));
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await serverReport("86", MONTH).then((r) => r.status)).toBe("submitted");

    await field.fill(COMMENT);
    await dialog.getByRole("button", { name: "Confirmer le renvoi" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Rapport renvoyé à l'atelier avec votre commentaire.").waitFor();
    await expect.poll(() => focusedText(page)).toContain("Rapport renvoyé à l'atelier avec votre commentaire.");
    await page.getByRole("heading", { name: "Rapport renvoyé par la direction territoriale" }).waitFor();
    expect(await page.getByRole("button", { name: "Valider le rapport" }).count()).toBe(0);
    expect(await serverReport("86", MONTH).then((r) => r.status)).toBe("returned");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("atelier 86 reads the comment on its home page and on the report, corrects and submits again", async () => {
    const { page, problems } = await newPage();
    await signInTo(page, DIRECTOR, "/");
    await page.getByRole("heading", { name: `Rapport ${ofMonth(MONTH)} renvoyé par la direction territoriale` }).waitFor();
    await page.getByText(COMMENT).first().waitFor();
    await page.getByRole("link", { name: `Corriger le rapport ${ofMonth(MONTH)}` }).click();
    await page.waitForURL(`${baseUrl}${reportPath("86", MONTH)}`);
    await page.getByRole("heading", { name: "Rapport renvoyé par la direction territoriale" }).waitFor();
    await page.getByText(`Commentaire : ${COMMENT}`).first().waitFor();

    await page.locator("#field-eventParticipants").fill("45");
    await submitThroughConfirmation(page);
    await page.getByRole("heading", { name: "Rapport soumis" }).waitFor();
    const report = await serverReport("86", MONTH);
    expect(report.status).toBe("submitted");
    expect(report.values.eventParticipants).toBe(45);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the territory validates it after the confirmation", async () => {
    const { page, problems } = await newPage();
    await signInTo(page, TERRITORY, reportPath("86", MONTH));
    expect(await comparedRow(page, "Conférences et événements", "Participants aux conférences et événements")).toEqual([
      "45",
      "40",
      "Pas de rapport",
    ]);
    await page.getByRole("button", { name: "Valider le rapport" }).click();
    const dialog = await openDialog(page, "Valider ce rapport ?");
    await dialog.getByRole("button", { name: "Confirmer la validation" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => focusedText(page)).toContain("Rapport validé.");
    await page.getByText("Validé", { exact: true }).first().waitFor();
    await page.getByText("Ce rapport est validé : il compte dans les chiffres officiels.").waitFor();
    expect(await serverReport("86", MONTH).then((r) => r.status)).toBe("validated");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the national team sees it validated in the campaign grid, and reopens it with a reason", async () => {
    const { page, problems } = await newPage(/status of (401|422)/);
    await signInTo(page, NATIONAL, `/?annee=${MONTH.year}`);
    const grid = page.getByRole("table", { name: `Statut des rapports mensuels ${MONTH.year}, par atelier et par mois` });
    const row = grid.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Atelier Canopé 86 – Poitiers", exact: true }) });
    const cell = row.getByRole("cell").nth(MONTH.month - 1);
    expect((await cell.locator("[aria-hidden=true]").first().textContent())?.trim()).toBe("V");
    expect((await cell.locator(".fr-sr-only").textContent())?.trim()).toMatch(/^Validé/);

    await page.goto(`${baseUrl}${reportPath("86", MONTH)}`);
    await page.getByRole("button", { name: "Rouvrir le rapport" }).click();
    const dialog = await openDialog(page, "Rouvrir le rapport validé");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Confirmer la réouverture" }).click();
    await dialog.getByText("Un motif est obligatoire.").waitFor();
    await dialog.getByLabel("Motif de la réouverture").fill(REASON);
    await dialog.getByRole("button", { name: "Confirmer la réouverture" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => focusedText(page)).toContain("Rapport rouvert : il est renvoyé à l'atelier.");
    await page.getByRole("heading", { name: "Rapport rouvert par la direction nationale" }).waitFor();
    expect(await page.getByRole("link", { name: "Retour aux rapports à examiner" }).count()).toBe(0);
    expect(await serverReport("86", MONTH).then((r) => r.status)).toBe("returned");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("atelier 86 finds it returned again, with the reason", async () => {
    const { page, problems } = await newPage();
    await signInTo(page, DIRECTOR, "/");
    await page.getByRole("heading", { name: `Rapport ${ofMonth(MONTH)} rouvert par la direction nationale` }).waitFor();
    await page.getByText(REASON).first().waitFor();
    await page.goto(`${baseUrl}${reportPath("86", MONTH)}`);
    await page.getByRole("heading", { name: "Rapport rouvert par la direction nationale" }).waitFor();
    await page.getByText(`Motif : ${REASON}`).waitFor();
    await page.getByRole("button", { name: "Soumettre le rapport" }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!chromiumPath)("reviewing with the keyboard, and a decision taken elsewhere first", () => {
  it("validates atelier 87's report with the keyboard only; Escape closes a modal, even from its text field", async () => {
    const { page, problems } = await newPage();
    await signInTo(page, TERRITORY, reportPath("87", KEYBOARD_MONTH));
    await page.getByRole("heading", { level: 1, name: `Rapport d'activité ${ofMonth(KEYBOARD_MONTH)}` }).waitFor();

    // Return: the modal takes the focus and keeps it; Escape from the textarea gives it back to the button.
    await tabTo(page, /^Renvoyer à l'atelier$/);
    await page.keyboard.press("Enter");
    const returnDialog = await openDialog(page, "Renvoyer le rapport à l'atelier");
    await expect.poll(() => returnDialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await returnDialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await tabTo(page, /^Commentaire pour l'atelier/, 6);
    await page.keyboard.type("Finalement rien à redire.");
    await page.keyboard.press("Escape");
    await returnDialog.waitFor({ state: "hidden" });
    await expect.poll(() => focusedText(page)).toBe("Renvoyer à l'atelier");

    // Validate: Enter on the button, Tab to the confirmation in the modal, Enter.
    await page.keyboard.press("Shift+Tab");
    expect(await focusedText(page)).toBe("Valider le rapport");
    await page.keyboard.press("Enter");
    const dialog = await openDialog(page, "Valider ce rapport ?");
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    // Escape from a button: DSFR closes and gives the focus back; Enter opens it again.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => focusedText(page)).toBe("Valider le rapport");
    await page.keyboard.press("Enter");
    await openDialog(page, "Valider ce rapport ?");
    await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await tabTo(page, /^Confirmer la validation$/, 6);
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "hidden" });
    // The message takes the focus: the button that opened the modal is gone with the submitted status.
    await expect.poll(() => focusedText(page)).toContain("Rapport validé.");
    expect(await serverReport("87", KEYBOARD_MONTH).then((r) => r.status)).toBe("validated");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("says in French why a return was refused when the report was validated meanwhile, and shows it as it is now", async () => {
    const { page, problems } = await newPage(/status of (401|409)/);
    await signInTo(page, TERRITORY, reportPath("87", CONFLICT_MONTH));
    await page.getByRole("button", { name: "Renvoyer à l'atelier" }).click();
    const dialog = page.getByRole("dialog", { name: "Renvoyer le rapport à l'atelier" });
    await dialog.getByLabel("Commentaire pour l'atelier").fill("À revoir.");
    // Meanwhile, from another tab: validated.
    await call(await apiSignIn(NATIONAL), "POST", `/reports/87/${formatPeriod(CONFLICT_MONTH)}/validate`);
    await dialog.getByRole("button", { name: "Confirmer le renvoi" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("heading", { name: "Votre décision n'a pas été enregistrée" }).waitFor();
    await page.getByText("Ce rapport est validé : seul un rapport soumis peut être renvoyé.").waitFor();
    await expect.poll(() => focusedText(page)).toContain("Votre décision n'a pas été enregistrée");
    // Reloaded: validated, nothing left to decide for the territory.
    await page.getByText("Ce rapport est validé : il compte dans les chiffres officiels.").waitFor();
    expect(await page.getByRole("button", { name: "Renvoyer à l'atelier" }).count()).toBe(0);
    expect(await serverReport("87", CONFLICT_MONTH).then((r) => r.status)).toBe("validated");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works on a phone 360 px wide: the tables scroll, not the page", async () => {
    await onPhone(chromiumPath as string, async (small) => {
      await signInTo(small, TERRITORY, reportPath("86", MONTH));
      await small.getByRole("table", { name: /^Formation :/ }).waitFor();
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    });
  });
});
