/**
 * The questionnaire's versions in a real browser, as issue 11 tells it: the
 * DIS prepares version 2 through the screen (its two training-day fields and
 * rules, a reused code refused on the way), previews it with its rules
 * working, publishes it from next month; atelier 86's director finds the old
 * form on this month's report and version 2 on next month's; the national
 * dashboard names both definitions of 1-5. On a platform of its own: a
 * publication changes next month's form for everyone.
 */

import { addMonths, CONTRACT_INDICATORS, FORM_V1, formatPeriod, type Period, periodLabel, VERSION_2_CHANGES } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo, ofMonth, thisMonth } from "./support/months.ts";
import { startPlatform } from "./support/platform.ts";
import { messageAt, typeCeilingRule, typeDecimalField } from "./support/questionnaire.ts";
import { apiCall, apiOk, type Platform, signInApi, signInPage } from "./support/referential.ts";
import { watchProblems } from "./support/session.ts";
import { COMPLETE_VALUES } from "./support/values.ts";

const chromiumPath = inject("chromiumPath");

const NATIONAL = "dis@canope.test";
const DIRECTOR = "atelier.86@canope.test";

const p = (x: Period) => formatPeriod(x);
const NOW = thisMonth();
const NEXT = addMonths(NOW, 1);
const LAST = monthsAgo(1);

/** Version 2 as the shared decision writes it: what the screen must produce, change for change. */
const [TRAINING_DAYS, TRAINING_DAYS_ESPE, WITHIN_TRAINEE_DAYS, ESPE_WITHIN] = VERSION_2_CHANGES;
type AddField = Extract<(typeof VERSION_2_CHANGES)[number], { kind: "addField" }>;
type AddRule = Extract<(typeof VERSION_2_CHANGES)[number], { kind: "addRule" }>;
const fieldOf = (c: unknown) => (c as AddField).field;
const ruleOf = (c: unknown) => {
  const rule = (c as AddRule).rule;
  if (rule.kind !== "lte") throw new Error(`Règle ${rule.code} : un plafond entre champs était attendu.`);
  return rule;
};

/** Autosave waits for typing to stop: the server is polled a while. */
const POLL = { timeout: 15_000, interval: 200 };

/**
 * A year holding last month, this month and next month, as the dashboard names them: the school year,
 * unless it changes between them (August to September), then the calendar year.
 */
const YEAR_TYPE = [8, 9].includes(NOW.month) ? "calendar" : "school";
const YEAR = YEAR_TYPE === "school" && NOW.month < 9 ? NOW.year - 1 : NOW.year;

type Detail = { version: number; status: string; validFrom: string | null; updatedAt: string; changeList: unknown[] };
type Indicators = { indicators: { code: string; definitions?: unknown[] }[] };
const INDICATOR_15 = CONTRACT_INDICATORS.find((i) => i.code === "1-5");
type Form = { version: number; sections: { code: string; fields: { code: string }[] }[] };

let platform: Platform;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let national: string;
/** The draft's number: the server gives max + 1, so 2 on a fresh platform. */
const DRAFT = 2;

beforeAll(async () => {
  if (!chromiumPath) return;
  platform = await startPlatform({ demo: "accounts", label: "Le serveur du test du questionnaire", env: { WORKERS: "1", JOBS: "0" } });
  browser = await launchBrowser(chromiumPath);
  national = await signInApi(platform.baseUrl, NATIONAL);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function freshPage(): Promise<{ page: Page; problems: string[] }> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  return { page, problems: watchProblems(page) };
}

/** An API call with headers of its own (If-Match), as another tab or person makes it. */
async function call(baseUrl: string, cookie: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}/api${route}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${route} : ${res.status} ${text}`);
  return text === "" ? undefined : JSON.parse(text);
}

const draft = async () => (await apiOk(platform.baseUrl, national, "GET", `/forms/${DRAFT}`)) as Detail;
/** The draft's changes saved from elsewhere, over its latest state. */
const saveElsewhere = async (changes: unknown[]) =>
  await call(platform.baseUrl, national, "PUT", `/forms/${DRAFT}`, { changes }, { "if-match": `"${(await draft()).updatedAt}"` });
const formOf = async (period: Period) => (await apiOk(platform.baseUrl, national, "GET", `/form?period=${p(period)}`)) as Form;
const codesOf = (form: Form) => form.sections.flatMap((s) => s.fields.map((f) => f.code));
const text = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();

const versionHeading = (page: Page) => page.getByRole("heading", { level: 1, name: `Version ${DRAFT} du questionnaire` });
const changeItems = (page: Page) => page.getByRole("region", { name: "Modifications par rapport à la version 1" }).getByRole("listitem");

/** The draft's page, signed in as the DIS. */
async function draftPage(): Promise<{ page: Page; problems: string[] }> {
  const opened = await freshPage();
  await signInPage(opened.page, platform.baseUrl, NATIONAL, `/parametres/questionnaire/${DRAFT}`);
  await versionHeading(opened.page).waitFor();
  await opened.page.getByRole("form", { name: `Aperçu du rapport mensuel, version ${DRAFT}` }).waitFor();
  return opened;
}

/** The versions table's rows as "Version N | its state". */
async function versionRows(page: Page): Promise<string[]> {
  const rows = page.getByRole("table", { name: /^Versions du questionnaire/ }).locator("tbody tr");
  return (await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("th, td")].slice(0, 2).map((c) => c.textContent)))).map(
    (cells) => cells.map(text).join(" | "),
  );
}

describe.skipIf(!chromiumPath)("questionnaire versions, from the national screen to the reports and the dashboard", () => {
  it("takes the DIS from the Paramètres menu to the versions, version 1 in force, and prepares a draft", async () => {
    const { page, problems } = await freshPage();
    // On the settings page rather than the national home, which lists every late report (slow on a busy machine).
    await signInPage(page, platform.baseUrl, NATIONAL, "/parametres");
    await page.getByRole("heading", { level: 1, name: "Paramètres de la campagne" }).waitFor();
    const menu = page.getByRole("navigation", { name: "Menu principal" });
    await menu.getByRole("button", { name: "Paramètres", exact: true }).click();
    await menu.getByRole("link", { name: "Questionnaire", exact: true }).click();
    await page.waitForURL(/\/parametres\/questionnaire$/);
    await page.getByRole("heading", { level: 1, name: "Versions du questionnaire" }).waitFor();
    await page.getByRole("table", { name: /^Versions du questionnaire/ }).waitFor();
    expect(await versionRows(page)).toEqual([`Version 1 | En vigueur depuis ${periodLabel(FORM_V1.validFrom)}`]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Préparer une nouvelle version" }).click();
    await page.waitForURL(new RegExp(`/parametres/questionnaire/${DRAFT}$`));
    await versionHeading(page).waitFor();
    await page.getByText("Aucune modification pour l'instant").waitFor();
    expect(await draft()).toMatchObject({ version: DRAFT, status: "draft", validFrom: null, changeList: [] });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("adds version 2's two fields with the keyboard; a code already used is refused at its input, nothing typed lost", async () => {
    const { page, problems } = await draftPage();
    const form = page.getByRole("form", { name: "Ajouter un champ" });
    const days = fieldOf(TRAINING_DAYS);
    const espe = fieldOf(TRAINING_DAYS_ESPE);

    // In Formation, after the last field of the section: traineeDaysEspe, as version 2 wants.
    expect(await form.getByLabel("Section", { exact: true }).inputValue()).toBe("formation");
    expect(await form.getByLabel("Position", { exact: true }).inputValue()).toBe("traineeDaysEspe");

    // First with a code version 1 already has: the server says so at the code, the rest stays as typed.
    await typeDecimalField(page, { code: "trainees", label: days.label, help: days.help });
    const code = form.getByLabel(/^Code/);
    await expect
      .poll(() => messageAt(code), POLL)
      .toBe("Le code trainees a déjà servi (version 1) : un code ne sert jamais à autre chose, choisissez-en un autre.");
    // The message is the code input's description: read with it.
    expect(await code.getAttribute("aria-describedby")).toContain(`${await code.getAttribute("id")}-desc-error`);
    expect(await code.getAttribute("aria-invalid")).toBe("true");
    await form.getByText("La modification n'est pas enregistrée :").waitFor();
    expect(await code.inputValue()).toBe("trainees");
    expect(await form.getByLabel(/^Libellé/).inputValue()).toBe(days.label);
    expect(await form.getByLabel(/^Aide/).inputValue()).toBe(days.help);
    expect(await form.getByRole("radio", { name: /^Nombre décimal/ }).isChecked()).toBe(true);
    expect(await form.getByLabel("Position", { exact: true }).inputValue()).toBe("traineeDaysEspe");
    expect((await draft()).changeList).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The code corrected, Enter in its input: the change is saved, and the keyboard starts again from the kind of change.
    await code.focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type(days.code);
    await page.keyboard.press("Enter");
    await expect.poll(() => changeItems(page).count(), POLL).toBe(1);
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.labels?.[0]?.textContent))
      .toBe("Type de modification");
    await page.getByRole("status").filter({ hasText: "Modification enregistrée" }).waitFor();

    // The second, after the first: the fresh form's position is the field just added.
    const fresh = page.getByRole("form", { name: "Ajouter un champ" });
    await expect.poll(() => fresh.getByLabel(/^Code/).inputValue()).toBe("");
    expect(await fresh.getByLabel("Position", { exact: true }).inputValue()).toBe(days.code);
    await typeDecimalField(page, { code: espe.code, label: espe.label });
    await expect.poll(() => changeItems(page).count(), POLL).toBe(2);
    expect((await draft()).changeList).toEqual([TRAINING_DAYS, TRAINING_DAYS_ESPE]);
    expect(problems.filter((x) => !/status of 422/.test(x))).toEqual([]);
    await page.close();
  });

  it("adds version 2's two rules, so that the draft is version 2 change for change", async () => {
    const { page, problems } = await draftPage();
    await page.getByLabel("Type de modification", { exact: true }).selectOption("addRule");
    for (const change of [WITHIN_TRAINEE_DAYS, ESPE_WITHIN]) {
      const before = await changeItems(page).count();
      const rule = ruleOf(change);
      await typeCeilingRule(page, { code: rule.code, fields: rule.fields, max: rule.max, when: rule.when, message: rule.message });
      await expect.poll(() => changeItems(page).count(), POLL).toBe(before + 1);
    }
    expect((await draft()).changeList).toEqual(VERSION_2_CHANGES);
    // Each change said in French, with the labels people read.
    const said = (await changeItems(page).allTextContents()).map(text);
    expect(said).toHaveLength(4);
    expect(said[0]).toContain(fieldOf(TRAINING_DAYS).label);
    expect(said[1]).toContain(fieldOf(TRAINING_DAYS_ESPE).label);
    // The outline lists the rules with their messages.
    for (const change of [WITHIN_TRAINEE_DAYS, ESPE_WITHIN])
      await page.getByText(`Message affiché : « ${ruleOf(change).message} »`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("previews version 2 as a director will fill it: the new fields in place, their rules working, nothing saved", async () => {
    const { page, problems } = await draftPage();
    const writes: string[] = [];
    page.on("request", (r) => {
      if (r.method() !== "GET" && new URL(r.url()).pathname.startsWith("/api/")) writes.push(`${r.method()} ${r.url()}`);
    });
    const saved = await draft();
    const preview = page.getByRole("form", { name: `Aperçu du rapport mensuel, version ${DRAFT}` });
    // The report's own form: its ids, its notes, its checks.
    const formation = preview.locator('fieldset[aria-labelledby="section-formation"]');
    const v1Formation = FORM_V1.sections.find((s) => s.code === "formation")?.fields.map((f) => f.code) ?? [];
    expect(await formation.locator("input").evaluateAll((inputs) => inputs.map((i) => i.id))).toEqual(
      [...v1Formation, "trainingDays", "trainingDaysEspe"].map((c) => `field-${c}`),
    );
    const days = preview.locator("#field-trainingDays");
    const espe = preview.locator("#field-trainingDaysEspe");
    expect(text(await preview.locator('label[for="field-trainingDays"]').textContent())).toBe(
      text(`${fieldOf(TRAINING_DAYS).label}${fieldOf(TRAINING_DAYS).help}`),
    );
    // A director can note a figure: the preview shows the button too.
    await formation.getByRole("button", { name: `Ajouter une note à « ${fieldOf(TRAINING_DAYS).label} »` }).waitFor();

    // Each figure typed, then left with Tab as a director does: the rules are checked as a field is left.
    const enter = async (code: string, value: string) => {
      await preview.locator(`#field-${code}`).fill(value);
      await page.keyboard.press("Tab");
    };
    // Training days above the trainee-days: refused only when there are trainees.
    await enter("trainees", "0");
    await enter("traineeDaysOnSite", "2");
    await enter("traineeDaysOffSite", "1");
    await enter("traineeDaysRemote", "0");
    await enter("trainingDays", "4");
    await preview.getByText("Aperçu : aucune règle n'est enfreinte pour l'instant.").waitFor();
    expect(await messageAt(days)).toBeNull();
    await enter("trainees", "12");
    await expect.poll(() => messageAt(days)).toBe(ruleOf(WITHIN_TRAINEE_DAYS).message);
    expect(await days.getAttribute("aria-invalid")).toBe("true");
    await enter("trainingDays", "3");
    await expect.poll(() => messageAt(days)).toBeNull();

    // The ESPE training days above the training days, in French at their field.
    await enter("trainingDaysEspe", "5");
    await expect.poll(() => messageAt(espe)).toBe(ruleOf(ESPE_WITHIN).message);
    await preview.getByText("Aperçu : 1 champ en erreur, 0 avertissement.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await enter("trainingDaysEspe", "1,5");
    await expect.poll(() => messageAt(espe)).toBeNull();

    // Checked as a submission: what is still empty is required, in the report's focused summary.
    await preview.getByRole("button", { name: "Vérifier comme à la soumission" }).click();
    const summary = page.locator("#resume-erreurs");
    await summary.getByRole("heading", { name: /^Le rapport ne peut pas encore être soumis : \d+ points à corriger/ }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("resume-erreurs");
    const required = "Ce champ est obligatoire : saisissez 0 s'il n'y a rien à déclarer.";
    expect(await messageAt(preview.locator("#field-trainingActions"))).toBe(required);
    expect(await messageAt(days)).toBeNull();
    // Cleared: nothing typed left, no finding.
    await preview.getByRole("button", { name: "Effacer les saisies de l'aperçu" }).click();
    await summary.waitFor({ state: "detached" });
    expect(await days.inputValue()).toBe("");
    expect(await messageAt(preview.locator("#field-trainingActions"))).toBeNull();
    await preview.getByText("Aperçu : aucune règle n'est enfreinte pour l'instant.").waitFor();

    // Nothing of it reached the server: no write sent, the draft as it was.
    expect(writes).toEqual([]);
    const after = await draft();
    expect(after.updatedAt).toBe(saved.updatedAt);
    expect(after.changeList).toEqual(saved.changeList);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("fits the versions list and the draft's page on a phone 360 px wide", async () => {
    for (const path of ["/parametres/questionnaire", `/parametres/questionnaire/${DRAFT}`]) {
      const overflow = await onPhone(chromiumPath as string, async (phone) => {
        await signInPage(phone, platform.baseUrl, NATIONAL, path);
        await phone.getByRole("heading", { level: 1 }).first().waitFor();
        if (path.endsWith(String(DRAFT))) await phone.getByRole("form", { name: "Ajouter un champ" }).waitFor();
        else await phone.getByRole("table", { name: /^Versions du questionnaire/ }).waitFor();
        return await horizontalOverflow(phone);
      });
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  });

  it("neither publishes nor deletes a draft saved elsewhere since the page read it: said in French, the page showing the new changes", async () => {
    const { page, problems } = await draftPage();
    await expect.poll(() => changeItems(page).count(), POLL).toBe(VERSION_2_CHANGES.length);
    const relabel = { kind: "relabel", field: "trainees", label: "Stagiaires accueillis dans le mois" };
    await saveElsewhere([...VERSION_2_CHANGES, relabel]);

    await page.getByRole("button", { name: `Publier la version ${DRAFT}` }).click();
    const dialog = page.getByRole("dialog", { name: `Publier la version ${DRAFT}` });
    await dialog.getByRole("button", { name: /^Publier à partir de / }).click();
    await page
      .getByRole("alert")
      .getByText("Le brouillon a été modifié entre-temps : relisez ses modifications avant de publier.", { exact: true })
      .waitFor();
    await dialog.waitFor({ state: "hidden" });
    // The page read the draft again: the change made elsewhere is listed, nothing published.
    await expect.poll(() => changeItems(page).count(), POLL).toBe(VERSION_2_CHANGES.length + 1);
    expect(text(await changeItems(page).last().textContent())).toContain("Stagiaires accueillis dans le mois");
    expect(await draft()).toMatchObject({ status: "draft", validFrom: null });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The same for its deletion: the change removed elsewhere, the draft is not discarded unseen.
    await saveElsewhere(VERSION_2_CHANGES);
    await page.getByRole("button", { name: "Supprimer le brouillon", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: `Supprimer le brouillon de la version ${DRAFT} ?` });
    await confirm.getByRole("button", { name: "Supprimer le brouillon" }).click();
    await page
      .getByRole("alert")
      .getByText("Le brouillon a été modifié entre-temps : relisez ses modifications avant de le supprimer.", { exact: true })
      .waitFor();
    await expect.poll(() => changeItems(page).count(), POLL).toBe(VERSION_2_CHANGES.length);
    expect(await draft()).toMatchObject({ status: "draft", changeList: VERSION_2_CHANGES });
    expect(problems.filter((x) => !/status of 409/.test(x))).toEqual([]);
    await page.close();
  });

  it("refuses a month gone by, then publishes from next month; the lists and GET /api/form say it on both sides", async () => {
    const { page, problems } = await draftPage();
    await page.getByRole("button", { name: `Publier la version ${DRAFT}` }).click();
    const dialog = page.getByRole("dialog", { name: `Publier la version ${DRAFT}` });
    await dialog.waitFor();
    // Next month is offered first.
    const publish = dialog.getByRole("button", { name: /^Publier à partir de / });
    await expect.poll(() => publish.textContent()).toBe(`Publier à partir de ${periodLabel(p(NEXT))}`);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A month gone by: refused in French at the month, still a draft.
    const month = dialog.getByLabel("Mois", { exact: true });
    const year = dialog.getByLabel("Année", { exact: true });
    await year.selectOption(String(LAST.year));
    await month.selectOption(String(LAST.month).padStart(2, "0"));
    await publish.click();
    await dialog.getByText(`On ne publie pas une version pour un mois passé : les rapports ${ofMonth(LAST)}`).waitFor();
    expect(await month.getAttribute("aria-invalid")).toBe("true");
    expect(await draft()).toMatchObject({ status: "draft", validFrom: null });

    await year.selectOption(String(NEXT.year));
    await month.selectOption(String(NEXT.month).padStart(2, "0"));
    await expect.poll(() => publish.textContent()).toBe(`Publier à partir de ${periodLabel(p(NEXT))}`);
    await publish.click();
    const notice = page.getByRole("heading", { name: `La version ${DRAFT} est publiée` });
    await notice.waitFor();
    await page.getByText(`Elle s'applique aux rapports à partir de ${periodLabel(p(NEXT))}.`).waitFor();
    await page.getByText(new RegExp(`^S'applique aux rapports à partir de ${periodLabel(p(NEXT))}\\.`)).waitFor();
    expect(await page.getByRole("button", { name: `Publier la version ${DRAFT}` }).count()).toBe(0);
    expect(await draft()).toMatchObject({ status: "published", validFrom: p(NEXT), changeList: VERSION_2_CHANGES });

    await page.getByRole("link", { name: "Versions du questionnaire" }).click();
    await page.getByRole("heading", { level: 1, name: "Versions du questionnaire" }).waitFor();
    await page.getByRole("table", { name: /^Versions du questionnaire/ }).waitFor();
    expect(await versionRows(page)).toEqual([
      `Version ${DRAFT} | Publiée, à partir de ${periodLabel(p(NEXT))}`,
      `Version 1 | En vigueur depuis ${periodLabel(FORM_V1.validFrom)}, jusqu'à ${periodLabel(p(NOW))}`,
    ]);
    // No draft left: a new one can be prepared from version 2.
    await page.getByText(`Un brouillon part de la version ${DRAFT}, la plus récente publiée`).waitFor();

    // The month's questionnaire, either side of the publication.
    const before = await formOf(NOW);
    const after = await formOf(NEXT);
    expect(before.version).toBe(1);
    expect(codesOf(before)).not.toContain("trainingDays");
    expect(after.version).toBe(DRAFT);
    expect(codesOf(after)).toEqual([...codesOf(before).slice(0, 7), "trainingDays", "trainingDaysEspe", ...codesOf(before).slice(7)]);
    expect(((await apiOk(platform.baseUrl, national, "GET", "/form")) as Form).version).toBe(1);
    expect(problems.filter((x) => !/status of 422/.test(x))).toEqual([]);
    await page.close();
  });

  it("gives atelier 86 the old form this month and version 2 next month", async () => {
    const { page, problems } = await freshPage();
    const route = `/ateliers/86/rapports/${p(NOW)}`;
    await signInPage(page, platform.baseUrl, DIRECTOR, route);
    await page.getByRole("heading", { level: 1, name: `Rapport d'activité ${ofMonth(NOW)}` }).waitFor();
    await page.getByRole("form", { name: "Rapport d'activité du mois" }).waitFor();
    expect(await page.locator("#field-traineeDaysEspe").count()).toBe(1);
    expect(await page.locator("#field-trainingDays, #field-trainingDaysEspe").count()).toBe(0);
    // Version 1 is still this month's: nothing to move to.
    expect(await page.getByRole("heading", { name: "Nouvelle version du questionnaire" }).count()).toBe(0);
    await page.getByRole("button", { name: "Ajouter une note à « Actions de formation réalisées »" }).waitFor();
    await page.locator("#field-trainingActions").fill("4");
    const director = await signInApi(platform.baseUrl, DIRECTOR);
    const report = async (period: Period) =>
      (await apiOk(platform.baseUrl, director, "GET", `/reports/86/${p(period)}`)) as {
        formVersion: number;
        editable: boolean;
        values: Record<string, unknown>;
        form: Form;
      };
    await expect.poll(async () => (await report(NOW)).values.trainingActions, POLL).toBe(4);
    expect((await report(NOW)).formVersion).toBe(1);
    await page
      .getByTestId("save-status")
      .getByText(/Enregistré à \d\d:\d\d/)
      .waitFor();

    // Next month has not begun: its report is read, on version 2's form, with the training days.
    await page.goto(`${platform.baseUrl}/ateliers/86/rapports/${p(NEXT)}`);
    await page.getByRole("heading", { level: 1, name: `Rapport d'activité ${ofMonth(NEXT)}` }).waitFor();
    await page.getByText("Ce rapport ne peut pas encore être saisi.").waitFor();
    const formation = page.getByRole("region", { name: "Formation" });
    const rows = (await formation.getByRole("rowheader").allTextContents()).map(text);
    const v1Labels = FORM_V1.sections.find((s) => s.code === "formation")?.fields.map((f) => f.label) ?? [];
    expect(rows).toEqual([...v1Labels, fieldOf(TRAINING_DAYS).label, fieldOf(TRAINING_DAYS_ESPE).label]);
    const next = await report(NEXT);
    expect(next).toMatchObject({ formVersion: DRAFT, editable: false });
    expect(codesOf(next.form)).toContain("trainingDaysEspe");
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("refuses the versions to anyone but the national team, on the page and in the API", async () => {
    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, DIRECTOR, "/parametres/questionnaire");
    await page.getByRole("heading", { level: 1, name: "Versions du questionnaire" }).waitFor();
    await page.getByRole("heading", { name: "Page réservée à l'équipe nationale" }).waitFor();
    expect(await page.getByRole("button", { name: "Préparer une nouvelle version" }).count()).toBe(0);
    expect(await page.getByRole("table").count()).toBe(0);

    const director = await signInApi(platform.baseUrl, DIRECTOR);
    const created = await apiCall(platform.baseUrl, director, "POST", "/forms", { basedOn: DRAFT, changes: [] });
    expect(created.status).toBe(403);
    expect(created.body).toMatchObject({ message: expect.any(String) });
    // Nothing was created: version 2 is still the latest, and no draft exists.
    const listed = (await apiOk(platform.baseUrl, national, "GET", "/forms")) as { versions: { version: number; status: string }[] };
    expect(listed.versions.map((v) => [v.version, v.status])).toEqual([
      [1, "published"],
      [DRAFT, "published"],
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("names both definitions of 1-5 on the national dashboard of a year on both sides of the publication", async () => {
    // A version 1 report of last month, submitted: the proxy then counts it, version 2 has none yet.
    const director = await signInApi(platform.baseUrl, DIRECTOR);
    await apiOk(platform.baseUrl, director, "PUT", `/reports/86/${p(LAST)}`, { values: COMPLETE_VALUES });
    await apiOk(platform.baseUrl, director, "POST", `/reports/86/${p(LAST)}/submit`, { justifications: {} });
    const [fiche, proxy] = INDICATOR_15?.definitions ?? [];
    if (!fiche || !proxy) throw new Error("1-5 doit avoir ses deux définitions.");
    // By hand from the report: ESPE trainee-days over on-site, off-site and remote trainee-days.
    const proxyNumerator = COMPLETE_VALUES.traineeDaysEspe;
    const proxyDenominator = COMPLETE_VALUES.traineeDaysOnSite + COMPLETE_VALUES.traineeDaysOffSite + COMPLETE_VALUES.traineeDaysRemote;
    const query = `scope=national&year=${YEAR}&yearType=${YEAR_TYPE}`;
    const api = async (basis: string) =>
      ((await apiOk(platform.baseUrl, national, "GET", `/indicators?${query}&basis=${basis}`)) as Indicators).indicators.find(
        (i) => i.code === "1-5",
      );
    expect((await api("provisional"))?.definitions).toEqual([
      { label: fiche.label, versions: [DRAFT], reports: 0, numerator: 0, denominator: 0, value: null },
      {
        label: proxy.label,
        versions: [1],
        reports: 1,
        numerator: proxyNumerator,
        denominator: proxyDenominator,
        // In %, rounded to two decimals by the API.
        value: expect.closeTo((100 * proxyNumerator) / proxyDenominator, 2),
      },
    ]);

    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, NATIONAL, "/tableau-de-bord");
    await page.getByRole("heading", { level: 1, name: "Indicateurs : Réseau national" }).waitFor();
    const card = page.getByRole("article", { name: /^1-5 – / });
    await card.waitFor();
    // The year chosen as a person does: its kind, then the year, then the basis.
    if (YEAR_TYPE === "school") {
      await page.getByText("Scolaire", { exact: true }).click();
      await page.waitForURL(/type=scolaire/);
    }
    await page.getByLabel(YEAR_TYPE === "school" ? "Année scolaire" : "Année", { exact: true }).selectOption(String(YEAR));
    await page.waitForURL(new RegExp(`annee=${YEAR}`));
    const definitions = card.locator("dd").nth(1);
    // Every month of the year is not on both versions: the reports are.
    const summary = "Rapports de plusieurs versions du questionnaire : chacun compte selon la sienne.";
    const lines = async () => (await definitions.getByRole("listitem").allTextContents()).map(text);

    // Official figures: nothing validated yet, both definitions named all the same, neither with a figure.
    await expect.poll(() => definitions.locator("p").first().textContent().then(text), POLL).toBe(summary);
    await expect
      .poll(lines, POLL)
      .toEqual([
        text(`${fiche.label} (questionnaire version ${DRAFT}) — aucun rapport compté`),
        text(`${proxy.label} (questionnaire version 1) — aucun rapport compté`),
      ]);

    // Provisional figures count the submitted report, by the proxy of its own version.
    await page.getByText("Provisoires (soumis)", { exact: true }).click();
    await page.waitForURL(/base=provisoire/);
    const share = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      (100 * proxyNumerator) / proxyDenominator,
    );
    await expect
      .poll(lines, POLL)
      .toEqual([
        text(`${fiche.label} (questionnaire version ${DRAFT}) — aucun rapport compté`),
        text(`${proxy.label} (questionnaire version 1) — 1 rapport, ${share} % (soit ${proxyNumerator} sur ${proxyDenominator})`),
      ]);
    expect(text(await card.locator("dd").first().textContent())).toBe(text(`${share} %`));
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/**
 * A version published for the current month while its reports are open: a
 * director's first save, typed on the old form, is refused rather than
 * written on the new one; a draft's move to it says what it does not keep.
 * On a platform of its own: this month's form changes for everyone.
 */
describe.skipIf(!chromiumPath)("a version published for this month while its reports are open", () => {
  let site: Platform;
  const MOVING = "atelier.86@canope.test";
  const FIRST = "atelier.87@canope.test";
  /** Retired by version 2 here: a field no rule uses. */
  const RETIRED = "localAuthoritiesServed";
  const retiredLabel = FORM_V1.sections.flatMap((s) => s.fields).find((f) => f.code === RETIRED)?.label ?? RETIRED;
  const RETIRED_NOTE = "dont la communauté de communes du Haut-Poitou";
  const KEPT_NOTE = "dont 2 au collège Jean-Moulin";

  beforeAll(async () => {
    if (!chromiumPath) return;
    site = await startPlatform({
      demo: "accounts",
      label: "Le serveur du test d'une version de ce mois",
      env: { WORKERS: "1", JOBS: "0" },
    });
  }, 180_000);
  afterAll(async () => {
    await site?.stop();
  });

  const report = async (cookie: string, atelier: string) =>
    (await apiOk(site.baseUrl, cookie, "GET", `/reports/${atelier}/${p(NOW)}`)) as {
      status: string;
      formVersion: number;
      values: Record<string, unknown>;
      notes: Record<string, string>;
    };

  it("stops a first save typed on the old form, keeps it on this device, and puts it back in the new form once reloaded", async () => {
    // Atelier 86's draft on version 1, a note on the field version 2 retires and one on a field it keeps.
    const moving = await signInApi(site.baseUrl, MOVING);
    await apiOk(site.baseUrl, moving, "PUT", `/reports/86/${p(NOW)}`, {
      values: COMPLETE_VALUES,
      notes: { [RETIRED]: RETIRED_NOTE, trainingActions: KEPT_NOTE },
    });

    // Atelier 87's director opens this month's report, not saved yet, on version 1.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await signInPage(page, site.baseUrl, FIRST, `/ateliers/87/rapports/${p(NOW)}`);
    await page.getByRole("form", { name: "Rapport d'activité du mois" }).waitFor();
    expect(await page.locator(`#field-${RETIRED}`).count()).toBe(1);

    // Meanwhile the DIS publishes version 2 from this month (no report of it is submitted).
    const dis = await signInApi(site.baseUrl, NATIONAL);
    const created = (await call(site.baseUrl, dis, "POST", "/forms", {
      basedOn: 1,
      changes: [{ kind: "retireField", field: RETIRED }],
    })) as Detail;
    await call(site.baseUrl, dis, "POST", `/forms/${created.version}/publish`, { from: p(NOW) }, { "if-match": `"${created.updatedAt}"` });

    // The first save, typed on version 1: refused, said, nothing written on version 2.
    await page.locator("#field-trainingActions").fill("7");
    await page.keyboard.press("Tab");
    await page
      .getByRole("heading", { name: `Ce rapport est passé à la version ${created.version} du questionnaire entre-temps` })
      .waitFor();
    await page.getByText(`La version ${created.version} a été publiée pour ce mois pendant que cette page était ouverte`).waitFor();
    const first = await signInApi(site.baseUrl, FIRST);
    expect(await report(first, "87")).toMatchObject({ status: "not_started", formVersion: created.version });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Reloaded: version 2's form, what was typed put back from this device, nothing sent before the person chooses.
    await page.getByRole("button", { name: "Recharger la page" }).click();
    await page.getByRole("form", { name: "Rapport d'activité du mois" }).waitFor();
    await expect.poll(() => page.locator("#field-trainingActions").inputValue(), POLL).toBe("7");
    expect(await page.locator(`#field-${RETIRED}`).count()).toBe(0);
    expect((await report(first, "87")).status).toBe("not_started");
    expect(problems.filter((x) => !/status of 409/.test(x))).toEqual([]);
    await page.close();
  });

  it("moves atelier 86's draft to version 2, saying before and after which value and which note are not kept", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await signInPage(page, site.baseUrl, MOVING, `/ateliers/86/rapports/${p(NOW)}`);
    await page.getByRole("heading", { name: "Nouvelle version du questionnaire" }).waitFor();
    await page.getByRole("button", { name: "Passer à la version 2" }).click();
    const dialog = page.getByRole("dialog", { name: "Passer à la version 2 du questionnaire ?" });
    await dialog.waitFor();
    const retired = dialog.getByRole("listitem").filter({ hasText: retiredLabel });
    expect(text(await retired.textContent())).toBe(
      `${retiredLabel} : ${COMPLETE_VALUES[RETIRED]} ; note non reprise : « ${RETIRED_NOTE} »`,
    );
    await dialog.getByText("celles des champs retirés ne sont pas reprises").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await dialog.getByRole("button", { name: "Confirmer le passage à la version 2" }).click();
    await page.getByRole("heading", { name: "Le rapport suit maintenant la version 2 du questionnaire" }).waitFor();
    expect(text(await page.getByText(/^Vos valeurs et vos notes ont été conservées/).textContent())).toBe(
      `Vos valeurs et vos notes ont été conservées, sauf celles des champs retirés. ` +
        `Valeur non reprise : ${retiredLabel} (${COMPLETE_VALUES[RETIRED]}). Note non reprise : ${retiredLabel} (« ${RETIRED_NOTE} »).`,
    );
    // Said as the server did it.
    const moved = await report(await signInApi(site.baseUrl, MOVING), "86");
    expect(moved.formVersion).toBe(2);
    expect(moved.values).not.toHaveProperty(RETIRED);
    expect(moved.notes).toEqual({ trainingActions: KEPT_NOTE });
    expect(problems).toEqual([]);
    await page.close();
  });
});
