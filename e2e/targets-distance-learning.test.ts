/**
 * The national team's targets and distance-learning pages in a real browser:
 * the dashboard of a year with nothing entered says so and leads to both
 * pages; a target set inline is read back on the dashboard; a month of FOAD
 * entered by keyboard changes 1-1; a CSV with a refused line cannot be
 * applied until the file is fixed. Data: two years ago, which no other
 * browser test touches (no report of that year exists), and a far year.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { thisMonth } from "./support/months.ts";
import { submitReport, validateReport } from "./support/reports.ts";
import { newPage as freshPage, signIn } from "./support/session.ts";
import { COMPLETE_VALUES } from "./support/values.ts";

const chromiumPath = inject("chromiumPath");

const NATIONAL = "dis@canope.test";
const VIEWER = "tutelle@canope.test";
const YEAR = thisMonth().year - 2;
/** A year no contract has yet: added on the page. */
const NEW_YEAR = thisMonth().year + 5;

/** One validated report of that year (in March), so that 1-1 has a value the FOAD days add to: 18 + 8 trainee-days. */
const ATELIER = "48";
const REPORT = COMPLETE_VALUES;

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
});
afterAll(async () => {
  await browser?.close();
});

const newPage = (expected?: RegExp) => freshPage(browser.context, expected);
const text = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();
const card = (page: Page, code: string) => page.getByRole("article", { name: new RegExp(`^${code} – `) });
const cardValue = async (page: Page, code: string) => text(await card(page, code).locator("dd").first().textContent());
const dashboard = async (page: Page, year: number) => {
  await page.goto(`${inject("baseUrl")}/tableau-de-bord?annee=${year}`);
  await card(page, "4-1-1").waitFor();
};
// The field's name ends with its hint (the unit).
const targetField = (page: Page, code: string, year: number) =>
  page.getByRole("textbox", { name: new RegExp(`^Cible ${year} de l'indicateur ${code} `) });
const saveTargetButton = (page: Page, code: string, year: number) =>
  page.getByRole("button", { name: `Enregistrer cible ${year} de l'indicateur ${code}`, exact: true });
const targetsReady = (page: Page) => page.getByRole("heading", { level: 2, name: /^4-1-1 – / }).waitFor();
const monthField = (page: Page, kind: "MOOC" | "M@gistère", month: string) =>
  page.getByRole("textbox", { name: `Journées stagiaires ${kind} – ${month} ${YEAR}`, exact: true });
/** A table's rows, each as its cells' texts joined by a space. */
const rowsOf = async (table: ReturnType<Page["getByRole"]>) => {
  const out: string[] = [];
  for (const row of await table.getByRole("row").all()) out.push((await row.locator("th, td").allTextContents()).map(text).join(" "));
  return out;
};
const csvFile = (lines: string[]) => ({
  name: "journees-foad.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(`${lines.join("\n")}\n`, "utf8"),
});

describe.skipIf(!chromiumPath)("targets and distance learning", () => {
  it("shows a year with nothing entered as missing data, with the way to the missing targets and FOAD months", async () => {
    const { page, problems } = await newPage();
    await signIn(page, NATIONAL, `/tableau-de-bord?annee=${YEAR}`);
    await card(page, "4-1-1").waitFor();

    // No report that year: no value reads 0.
    expect(await cardValue(page, "3-4")).toBe("aucune donnée (aucun rapport n'est compté pour cette période : ce n'est pas zéro)");
    const normandie = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Normandie", exact: true }) });
    expect(text(await normandie.getByRole("cell").first().textContent())).toBe("aucune donnée (aucun rapport compté : ce n'est pas zéro)");

    // 1-1: none of its parts reads 0 either; none of the finished months has its FOAD figures; the link leads to that year's page.
    expect((await card(page, "1-1").getByRole("listitem").allTextContents()).map(text)).toEqual(
      expect.arrayContaining([
        "Ateliers (dans et hors les murs) : aucune donnée (aucun rapport compté : ce n'est pas zéro)",
        "MOOC : aucune donnée (aucun mois saisi : ce n'est pas zéro)",
      ]),
    );
    const foad = card(page, "1-1").getByText(/^Formation à distance saisie pour 0 mois sur 12\./);
    expect(text(await foad.textContent())).toContain("12 mois terminés n'ont pas leurs chiffres");
    await card(page, "1-1")
      .getByRole("link", { name: `Saisir les journées FOAD de ${YEAR}` })
      .click();
    await page.waitForURL(new RegExp(`/journees-foad\\?annee=${YEAR}$`));
    await page.getByRole("heading", { level: 2, name: `Mois par mois, ${YEAR}` }).waitFor();

    // 3-4 has no target that year: the link leads to the targets page.
    await dashboard(page, YEAR);
    expect(text(await card(page, "3-4").getByText(`Aucune cible n'est fixée pour ${YEAR}.`).textContent())).toContain("Fixer les cibles");
    await card(page, "3-4")
      .getByRole("link", { name: `Fixer les cibles de ${YEAR}` })
      .click();
    await page.waitForURL(/\/cibles$/);
    await targetsReady(page);
    expect(problems).toEqual([]);
    await page.close();

    // The tutelle reads the same dashboard without links to pages it cannot change.
    const viewer = await newPage();
    await signIn(viewer.page, VIEWER, `/tableau-de-bord?annee=${YEAR}`);
    await card(viewer.page, "4-1-1").waitFor();
    expect(await viewer.page.getByRole("link", { name: /^Saisir les journées FOAD|^Fixer les cibles/ }).count()).toBe(0);
    await viewer.page.close();
  });

  it("lets the national team set a target inline, keeps what was typed on a failure, and shows it on the dashboard", async () => {
    const { page, problems } = await newPage(/status of 401|net::ERR_FAILED/);
    await signIn(page, NATIONAL, "/cibles");
    await targetsReady(page);

    // The contract's years beside their reference value, with the reference shown for 2016.
    const table34 = page.getByRole("table", { name: "3-4 : cibles et valeurs nationales par année" });
    expect(await table34.getByRole("rowheader").allTextContents()).toEqual(
      expect.arrayContaining(["2016référence", "2017", "2018", "2019", String(YEAR)]),
    );
    expect(await page.getByRole("textbox", { name: /^Valeur de référence 2016 de l'indicateur 3-4 / }).inputValue()).toBe("838");
    expect(await targetField(page, "3-4", 2019).inputValue()).toBe(`1${"\u202f"}100`);

    // A share above 100 % is refused at the field, in French, and what was typed stays.
    await targetField(page, "4-1-1", YEAR).fill("150");
    await saveTargetButton(page, "4-1-1", YEAR).click();
    await page.getByText("Cet indicateur est une part : saisissez un pourcentage entre 0 et 100 (15 pour 15 %).").waitFor();
    expect(await targetField(page, "4-1-1", YEAR).inputValue()).toBe("150");

    // The server out of reach: the figure typed stays in its field, the failure is said.
    await page.route(`**/api/targets/3-4/${YEAR}`, (route) => route.abort());
    await targetField(page, "3-4", YEAR).fill("1 234");
    await targetField(page, "3-4", YEAR).press("Enter");
    await page.getByText("Le serveur ne répond pas. Vérifiez votre connexion à internet, puis réessayez.").first().waitFor();
    expect(await targetField(page, "3-4", YEAR).inputValue()).toBe("1 234");
    await page.unroute(`**/api/targets/3-4/${YEAR}`);
    await saveTargetButton(page, "3-4", YEAR).click();
    await page.getByText(`Cible ${YEAR} de l'indicateur 3-4 enregistrée.`).waitFor();

    // A year added: a row in every table; its target saved like the others.
    await page.getByRole("textbox", { name: /^Année/ }).fill("20");
    await page.getByRole("button", { name: "Ajouter l'année" }).click();
    await page.getByText("Année invalide : attendu AAAA, par exemple 2027.").waitFor();
    await page.getByRole("textbox", { name: /^Année/ }).fill(String(NEW_YEAR));
    await page.getByRole("button", { name: "Ajouter l'année" }).click();
    await page.getByText(`Année ${NEW_YEAR} ajoutée`).waitFor();
    await targetField(page, "1-1", NEW_YEAR).fill("120 000");
    await saveTargetButton(page, "1-1", NEW_YEAR).click();
    await page.getByText(`Cible ${NEW_YEAR} de l'indicateur 1-1 enregistrée.`).waitFor();
    await page.reload();
    await targetsReady(page);
    expect(await targetField(page, "1-1", NEW_YEAR).inputValue()).toBe(`120${"\u202f"}000`);
    expect(await targetField(page, "3-4", YEAR).inputValue()).toBe(`1${"\u202f"}234`);

    // Read back on the dashboard of that year.
    await dashboard(page, YEAR);
    expect(text(await card(page, "3-4").locator("dl").first().textContent())).toContain(`Cible ${YEAR} : 1 234`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("enters a month of FOAD by keyboard, which 1-1 then counts nationally", async () => {
    await submitReport(ATELIER, `${YEAR}-03`, REPORT);
    await validateReport(NATIONAL, ATELIER, `${YEAR}-03`);
    const { page, problems } = await newPage();
    await signIn(page, NATIONAL, `/tableau-de-bord?annee=${YEAR}`);
    await card(page, "4-1-1").waitFor();
    expect(await cardValue(page, "1-1")).toBe("26");

    await page.goto(`${inject("baseUrl")}/journees-foad?annee=${YEAR}`);
    await monthField(page, "MOOC", "mars").waitFor();
    expect(await page.getByText(`Total ${YEAR} : aucun mois saisi (aucune donnée, ce n'est pas zéro).`).count()).toBe(1);

    // A refused figure: said at its field, nothing saved, what was typed kept.
    await monthField(page, "MOOC", "mars").focus();
    await page.keyboard.type("-3");
    await page.keyboard.press("Tab");
    await page.keyboard.type("749,5");
    await page.keyboard.press("Enter");
    await page.getByText("Le nombre de journées stagiaires ne peut pas être négatif.").waitFor();
    expect(await monthField(page, "MOOC", "mars").inputValue()).toBe("-3");
    expect(await monthField(page, "M@gistère", "mars").inputValue()).toBe("749,5");

    // Corrected by keyboard: focus is back on the refused field; Enter saves the month.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe(`moocTraineeDays-${YEAR}-03`);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("1 250,5");
    await page.keyboard.press("Enter");
    await page.getByText(`Total ${YEAR} : MOOC 1 250,5 · M@gistère 749,5 · saisie pour 1 mois sur 12.`).waitFor();
    const status = page
      .getByRole("group", { name: `Mars ${YEAR}` })
      .locator("xpath=..")
      .getByRole("status");
    expect(text(await status.textContent())).toBe("Enregistré par Direction de l'ingénierie des services.");
    // The focus stays in the month just saved, for the next change.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe(`moocTraineeDays-${YEAR}-03`);

    // 1-1 of that year: the national FOAD days, and still 11 finished months without their figures.
    await dashboard(page, YEAR);
    expect(await cardValue(page, "1-1")).toBe("2 026");
    expect((await card(page, "1-1").getByRole("listitem").allTextContents()).map(text)).toEqual(
      expect.arrayContaining(["Ateliers (dans et hors les murs) : 26", "MOOC : 1 250,5", "Parcours M@gistère : 749,5"]),
    );
    const foad = text(
      await card(page, "1-1")
        .getByText(/^Formation à distance saisie pour/)
        .textContent(),
    );
    expect(foad).toContain("saisie pour 1 mois sur 12");
    expect(foad).toContain("11 mois terminés n'ont pas leurs chiffres");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("previews a CSV import with its refused line, refuses to apply it, then applies the fixed file", async () => {
    const { page, problems } = await newPage();
    await signIn(page, NATIONAL, `/journees-foad?annee=${YEAR}`);
    await monthField(page, "MOOC", "avril").waitFor();
    await page.getByText("period;moocTraineeDays;magistereTraineeDays").first().waitFor();

    const upload = page.getByLabel("Fichier CSV des journées MOOC et M@gistère");
    await upload.setInputFiles(
      csvFile(["period;moocTraineeDays;magistereTraineeDays", `${YEAR}-04;100;50`, `${YEAR}-05;beaucoup;60`, `${YEAR}-03;1250,5;749,5`]),
    );
    await page.getByText("Fichier choisi : journees-foad.csv.").waitFor();
    await page.getByRole("button", { name: "Prévisualiser l'import" }).click();
    const refused = page.getByRole("table", { name: "Lignes refusées, avec leur motif" });
    await refused.waitFor();
    expect(await rowsOf(refused)).toEqual([
      "Ligne du fichier Motif du refus",
      "3 Journées MOOC (moocTraineeDays) : « beaucoup » n'est pas un nombre.",
    ]);
    await page.getByText("1 ligne refusée : corrigez le fichier.").waitFor();
    expect(await page.getByRole("button", { name: /^Importer/ }).count()).toBe(0);
    const readable = page.getByRole("table", { name: "Lignes lisibles : ce qu'elles écriraient" });
    expect((await rowsOf(readable)).slice(1)).toEqual([`2 avril ${YEAR} 100 50 nouveau mois`, `4 mars ${YEAR} 1 250,5 749,5 inchangé`]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Nothing was written: April is still empty.
    expect(await monthField(page, "MOOC", "avril").inputValue()).toBe("");

    // The fixed file, chosen again: previewed, then applied.
    await upload.setInputFiles(
      csvFile(["period;moocTraineeDays;magistereTraineeDays", `${YEAR}-04;100;50`, `${YEAR}-05;"12,25";60`, `${YEAR}-03;1250,5;749,5`]),
    );
    await page.getByRole("button", { name: "Prévisualiser l'import" }).click();
    await page.getByText("Aperçu : 2 mois créés, 0 modifié, 1 inchangé. Rien n'a encore été enregistré.").waitFor();
    expect(await refused.count()).toBe(0);
    await page.getByRole("button", { name: "Importer 2 mois" }).click();
    await page.getByText("Import enregistré : 2 mois créés, 0 modifié, 1 inchangé.").waitFor();
    await page.getByText(`Total ${YEAR} : MOOC 1 362,75 · M@gistère 859,5 · saisie pour 3 mois sur 12.`).waitFor();
    expect(await monthField(page, "MOOC", "mai").inputValue()).toBe("12,25");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("leads the national team from its home to both pages", async () => {
    const { page, problems } = await newPage();
    await signIn(page, NATIONAL, "/");
    await page.getByRole("link", { name: "Cibles des indicateurs du contrat : les fixer par année" }).click();
    await page.waitForURL(/\/cibles$/);
    await targetsReady(page);
    await page.goBack();
    await page.getByRole("link", { name: "Journées stagiaires de formation à distance (MOOC et M@gistère) : saisie et import" }).click();
    await page.waitForURL(/\/journees-foad$/);
    await page.getByRole("heading", { level: 2, name: `Mois par mois, ${thisMonth().year}` }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("lets the tutelle read both pages without changing them", async () => {
    const { page, problems } = await newPage();
    await signIn(page, VIEWER, "/");
    await page.getByRole("link", { name: "Journées stagiaires de formation à distance (MOOC et M@gistère), mois par mois" }).click();
    await page.waitForURL(/\/journees-foad$/);
    // The router keeps the home on screen while the page's code loads, and the home has its own "Année" (the campaign's).
    await page.getByRole("heading", { level: 1, name: "Journées stagiaires de formation à distance (FOAD)" }).waitFor();
    await page.getByRole("combobox", { name: "Année" }).selectOption(String(YEAR));
    // The year is read from the address: its months show once the address says it (a history replace, not a load).
    await page.getByRole("heading", { level: 2, name: `Mois par mois, ${YEAR}` }).waitFor();
    expect(new URL(page.url()).search).toBe(`?annee=${YEAR}`);
    await monthField(page, "MOOC", "avril").waitFor();
    expect(await monthField(page, "MOOC", "avril").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: /^Enregistrer/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Prévisualiser l'import" }).count()).toBe(0);
    await page.goto(`${inject("baseUrl")}/cibles`);
    await targetsReady(page);
    expect(await page.getByRole("textbox").count()).toBe(0);
    const table34 = page.getByRole("table", { name: "3-4 : cibles et valeurs nationales par année" });
    expect(text(await table34.getByRole("row", { name: new RegExp(`^${YEAR}`) }).textContent())).toContain("1 234");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("passes axe and fits a 360 px phone on both pages", async () => {
    const { page } = await newPage();
    await signIn(page, NATIONAL, "/cibles");
    await targetsReady(page);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${inject("baseUrl")}/journees-foad?annee=${YEAR}`);
    await monthField(page, "MOOC", "mars").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();

    for (const path of ["/cibles", `/journees-foad?annee=${YEAR}`]) {
      const overflow = await onPhone(chromiumPath as string, async (small) => {
        await signIn(small, NATIONAL, path);
        await small.getByRole("heading", { level: 2 }).first().waitFor();
        await small.getByText(/^Chargement/).waitFor({ state: "detached" });
        return await horizontalOverflow(small);
      });
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
  });
});
