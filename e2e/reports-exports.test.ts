/**
 * The reports exports from the dashboard, in a real browser: the national
 * team chooses the statuses by keyboard, downloads the workbook for a
 * spreadsheet (codes stay text, opened with exceljs) and the CSV for a
 * script (stable codes as headers); the section passes axe and
 * HTML_CodeSniffer and fits a 360 px phone. Data: atelier 973's May of last
 * year, which no other browser test touches.
 */
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { tabTo } from "./support/keyboard.ts";
import { thisMonth } from "./support/months.ts";
import { submitReport, validateReport } from "./support/reports.ts";
import { newPage as freshPage, signIn } from "./support/session.ts";
import { COMPLETE_VALUES } from "./support/values.ts";

const chromiumPath = inject("chromiumPath");
const NATIONAL = "dis@canope.test";
const YEAR = thisMonth().year - 1;
const PERIOD = `${YEAR}-05`;

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  await submitReport("973", PERIOD, { ...COMPLETE_VALUES, highlights: "12,5" });
  await validateReport("dt.outre-mer@canope.test", "973", PERIOD);
});
afterAll(async () => {
  await browser?.close();
});

async function downloaded(page: Page, linkName: RegExp): Promise<{ name: string; bytes: Buffer }> {
  const waiting = page.waitForEvent("download");
  await page.getByRole("link", { name: linkName }).click();
  const download = await waiting;
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/**
 * Axe and HTML_CodeSniffer on the whole page: none in the exports section
 * (checked first, so that a problem elsewhere on the page never hides one
 * here), then none anywhere.
 */
async function noViolations(page: Page) {
  const violations = await seriousA11yViolations(page);
  expect(violations.filter((v) => v.includes("#exports"))).toEqual([]);
  expect.soft(violations).toEqual([]);
}

const XLSX_LINK = /^Télécharger le classeur des rapports mensuels de l'année/;
const CSV_LINK = /^Télécharger les rapports mensuels de l'année .* \(CSV, pour un script\)/;

describe.skipIf(!chromiumPath)("the reports exports", () => {
  it("let the national team choose the statuses by keyboard, then download a typed workbook and a CSV for scripts", async () => {
    const { page, problems } = await freshPage(browser.context);
    await signIn(page, NATIONAL, `/tableau-de-bord?annee=${YEAR}`);
    const select = page.getByLabel(/^Rapports mensuels à inclure/);
    await select.waitFor();
    expect(await select.inputValue()).toBe("all");
    expect(await page.getByRole("link", { name: XLSX_LINK }).getAttribute("href")).toBe(
      `/api/exports/reports.xlsx?year=${YEAR}&yearType=calendar`,
    );
    await noViolations(page);

    // By keyboard: Tab to the choice, the arrow to "validated only".
    await page.locator("body").focus();
    await tabTo(page, /^Rapports mensuels à inclure/, 400);
    await page.keyboard.press("ArrowDown");
    expect(await select.inputValue()).toBe("validated");
    expect(await page.getByRole("link", { name: XLSX_LINK }).getAttribute("href")).toBe(
      `/api/exports/reports.xlsx?year=${YEAR}&yearType=calendar&status=validated`,
    );
    expect(await page.getByRole("link", { name: XLSX_LINK }).textContent()).toContain("Rapports validés seulement");

    const xlsx = await downloaded(page, XLSX_LINK);
    expect(xlsx.name).toBe(`rapports-mensuels-année-${YEAR}-validated.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Rapports") as ExcelJS.Worksheet;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 2)).toEqual(["Code de l'atelier", "Atelier"]);
    const col = (label: string) => header.indexOf(label) + 1;
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.getCell(col("Statut")).value))).toEqual(new Set(["Validé"]));
    const guyane = rows.find((r) => r.getCell(1).value === "973");
    expect(guyane?.getCell(col("Faits marquants du mois")).value).toBe("12,5");
    expect(guyane?.getCell(col("Mois")).value).toEqual(new Date(Date.UTC(YEAR, 4, 1)));
    expect(guyane?.getCell(col("Validé par")).value).toEqual(expect.any(String));

    const csv = await downloaded(page, CSV_LINK);
    expect(csv.name).toBe(`rapports-mensuels-année-${YEAR}-validated.csv`);
    const lines = csv.bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]?.startsWith('"atelierCode";"atelierName";"departement"')).toBe(true);
    expect(lines.some((l) => l.startsWith('"973";'))).toBe(true);
    expect(lines.filter((l) => l !== "").every((l, i) => i === 0 || l.includes(';"validated";"Validé";'))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it("fit a phone 360 px wide", async () => {
    const { page: overflow, section } = await onPhone(chromiumPath as string, async (small) => {
      await signIn(small, NATIONAL, `/tableau-de-bord?annee=${YEAR}`);
      const select = small.getByLabel(/^Rapports mensuels à inclure/);
      await select.scrollIntoViewIfNeeded();
      await small.getByRole("link", { name: CSV_LINK }).waitFor();
      await noViolations(small);
      const page = await horizontalOverflow(small);
      // Then the exports section alone, everything beside it hidden: a wide table elsewhere never hides a fault here.
      await small.evaluate(() => {
        for (let e = document.querySelector("#exports"); e?.parentElement; e = e.parentElement) {
          for (const other of e.parentElement.children) if (other !== e) (other as HTMLElement).style.display = "none";
        }
      });
      return { page, section: await horizontalOverflow(small) };
    });
    expect(section).toBeLessThanOrEqual(0);
    expect.soft(overflow).toBeLessThanOrEqual(0);
  }, 120_000);
});
