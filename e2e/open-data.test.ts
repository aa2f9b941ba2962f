/**
 * The open-data page in a real browser, signed out: on a platform of its own
 * (closing a year would freeze the reports other tests write), it first says
 * nothing is published; once 2025 is closed, it shows the year, the licence,
 * the national table with its target, a territory's table, and its download
 * links answer. Both engines find nothing; it fits a 360 px phone; a person
 * signed in reads the same page.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { tabTo } from "./support/keyboard.ts";
import { PASSWORD, type Platform, signInAt, startPlatform } from "./support/platform.ts";
import { newPage, watchProblems } from "./support/session.ts";
import { COMPLETE_VALUES } from "./support/values.ts";

const chromiumPath = inject("chromiumPath");
const PATH = "/donnees-ouvertes";
const NOTHING = "Aucune année n'est encore close : les données seront publiées à la clôture de la première année.";
/** Validated reports of 2025 in Normandie (ateliers 14 and 50): 2-2-2 counts each one's visitors and off-site beneficiaries. */
const VALIDATED = [
  { atelier: "14", period: "2025-03" },
  { atelier: "14", period: "2025-04" },
  { atelier: "50", period: "2025-03" },
] as const;
const BENEFICIARIES = VALIDATED.length * (COMPLETE_VALUES.visitorsOnSite + COMPLETE_VALUES.beneficiariesOffSite);
const TARGET_222 = 1_000;

let platform: Platform;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

async function api(cookie: string, method: "PUT" | "POST", path: string, body?: unknown) {
  const res = await fetch(`${platform.baseUrl}/api${path}`, {
    method,
    headers: body === undefined ? { cookie } : { cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} : ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  if (!chromiumPath) return;
  platform = await startPlatform({ demo: "accounts", label: "Le serveur du test des données ouvertes", env: { WORKERS: "1" } });
  browser = await launchBrowser(chromiumPath);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

const text = (s: string | null) => (s ?? "").replace(/\s+/g, " ").trim();

/** The cells of a table's row, after its header (the indicator). */
async function row(page: Page, table: string, indicator: string): Promise<string[]> {
  const tableLocator = page.getByRole("table", { name: table });
  const line = tableLocator.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${indicator} – `) }) });
  return (await line.getByRole("cell").allTextContents()).map(text);
}

async function openSignedOut(): Promise<{ page: Page; problems: string[] }> {
  const opened = await newPage(browser.context);
  await opened.page.goto(`${platform.baseUrl}${PATH}`);
  await opened.page
    .getByRole("heading", { level: 1, name: "Données ouvertes" })
    .waitFor()
    .catch(async (error: Error) => {
      // Say what the page showed instead: a failed asset, an error, another page.
      const shown = text(
        await opened.page
          .locator("body")
          .textContent({ timeout: 1_000 })
          .catch(() => null),
      );
      throw new Error(`${error.message}\nPage : ${opened.page.url()} ; ${shown.slice(0, 300)} ; ${opened.problems.join(" | ")}`);
    });
  return opened;
}

describe.skipIf(!chromiumPath)("open data, without signing in", { timeout: 180_000 }, () => {
  it("before any closing: the page opens signed out (no sign-in asked) and says nothing is published yet", async () => {
    const { page, problems } = await openSignedOut();
    await page.getByText(NOTHING).waitFor();
    expect(new URL(page.url()).pathname).toBe(PATH);
    expect(await page.getByRole("table").count()).toBe(0);
    // The files exist all the same, with their header only.
    const csv = await page.request.get(`${platform.baseUrl}/api/open-data/indicators.csv`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("once 2025 is closed: the year, the licence, the national and territorial tables with their targets, the files", async () => {
    for (const report of VALIDATED) {
      const director = await signInAt(platform.baseUrl, `atelier.${report.atelier}@canope.test`);
      await api(director, "PUT", `/reports/${report.atelier}/${report.period}`, { values: COMPLETE_VALUES });
      await api(director, "POST", `/reports/${report.atelier}/${report.period}/submit`, {});
      await api(
        await signInAt(platform.baseUrl, "dt.normandie@canope.test"),
        "POST",
        `/reports/${report.atelier}/${report.period}/validate`,
      );
    }
    const national = await signInAt(platform.baseUrl, "dis@canope.test");
    await api(national, "PUT", "/targets/2-2-2/2025", { value: TARGET_222 });
    await api(national, "POST", "/years/2025/close");

    const { page, problems } = await openSignedOut();
    const nationalTable = "Indicateurs nationaux 2025 : chiffres officiels (rapports validés)";
    await page.getByRole("table", { name: nationalTable }).waitFor();
    expect(new URL(page.url()).pathname).toBe(PATH);
    expect(await page.getByText(NOTHING).count()).toBe(0);
    expect(
      text(
        await page
          .getByRole("listitem")
          .filter({ hasText: /^2025 \(janvier à décembre\)/ })
          .textContent(),
      ),
    ).toMatch(/^2025 \(janvier à décembre\) : publiée à sa clôture, le \d/);

    // The licence, by its name, to Etalab's page.
    const licence = page.getByRole("link", { name: /^Licence Ouverte \/ Open Licence version 2\.0/ });
    expect(await licence.getAttribute("href")).toBe("https://www.etalab.gouv.fr/licence-ouverte-open-licence/");

    // The national table: the three validated reports' beneficiaries, the target set, the share reached.
    const headers = (await page.getByRole("table", { name: nationalTable }).getByRole("columnheader").allTextContents()).map(text);
    expect(headers).toEqual(["Indicateur", "Valeur 2025", "Cible 2025", "Part de la cible atteinte", "Valeur de référence"]);
    const share = ((BENEFICIARIES / TARGET_222) * 100).toLocaleString("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(await row(page, nationalTable, "2-2-2")).toEqual(
      [BENEFICIARIES.toLocaleString("fr-FR"), TARGET_222.toLocaleString("fr-FR"), `${share} %`, "447 826 (2016)"].map(text),
    );
    expect(await page.getByRole("table", { name: nationalTable }).getByRole("rowheader").count()).toBe(6);

    // A territory chosen in the select: Normandie counts the same reports; a count's target is the network's.
    const select = page.getByRole("combobox", { name: "Direction territoriale" });
    await select.selectOption({ label: "Normandie" });
    const normandie = "Indicateurs 2025 de la direction territoriale Normandie : chiffres officiels (rapports validés)";
    await page.getByRole("table", { name: normandie }).waitFor();
    expect((await row(page, normandie, "2-2-2")).slice(0, 2)).toEqual([BENEFICIARIES.toLocaleString("fr-FR"), "Cible nationale seulement"]);
    // The choice is kept in the address: a reload shows the same territory.
    await page.reload();
    await page.getByRole("table", { name: normandie }).waitFor();

    // The download links, reached by keyboard from the top of the page, answer without a session.
    await tabTo(page, /^Indicateurs \(CSV\)/, 80);
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("indicateurs-enquete-atelier.csv");
    expect(new URL(download.url()).pathname).toBe("/api/open-data/indicators.csv");
    const links = {
      "Indicateurs (CSV)": ["/api/open-data/indicators.csv", "text/csv; charset=utf-8"],
      "Indicateurs (JSON)": ["/api/open-data/indicators.json", "application/json; charset=utf-8"],
      "Schéma des données": ["/api/open-data/schema.json", "application/json; charset=utf-8"],
    } as const;
    for (const [label, [href, type]] of Object.entries(links)) {
      const link = page.getByRole("link", { name: new RegExp(`^${label.replace(/[()]/g, "\\$&")}`) });
      expect(await link.getAttribute("href"), label).toBe(href);
      const res = await page.request.get(`${platform.baseUrl}${href}`);
      expect(res.status(), label).toBe(200);
      expect(res.headers()["content-type"], label).toBe(type);
    }

    // A territory without any report: no value, which is not zero.
    await page.getByRole("combobox", { name: "Direction territoriale" }).selectOption({ label: "Bretagne – Pays de la Loire" });
    const bretagne = "Indicateurs 2025 de la direction territoriale Bretagne – Pays de la Loire : chiffres officiels (rapports validés)";
    await page.getByRole("table", { name: bretagne }).waitFor();
    expect((await row(page, bretagne, "2-2-2"))[0]).toBe("aucune donnée");

    const csv = await (await page.request.get(`${platform.baseUrl}/api/open-data/indicators.csv`)).text();
    expect(csv).toContain(`2025,national,FR,`);
    expect(csv).toContain(`,2-2-2,Bénéficiaires de l'offre des ateliers,nombre,${BENEFICIARIES},,,${TARGET_222},`);

    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("fits a 360 px phone, and passes both engines there", async () => {
    await onPhone(chromiumPath as string, async (phone) => {
      const problems = watchProblems(phone);
      await phone.goto(`${platform.baseUrl}${PATH}`);
      await phone.getByRole("table", { name: /^Indicateurs nationaux 2025/ }).waitFor();
      expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(phone)).toEqual([]);
      expect(problems).toEqual([]);
    });
  });

  it("reads the same for a person signed in", async () => {
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${platform.baseUrl}/connexion`);
    await page.getByLabel("Adresse électronique").fill("tutelle@canope.test");
    await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto(`${platform.baseUrl}${PATH}`);
    await page.getByRole("table", { name: /^Indicateurs nationaux 2025/ }).waitFor();
    expect((await row(page, "Indicateurs nationaux 2025 : chiffres officiels (rapports validés)", "2-2-2"))[0]).toBe(
      BENEFICIARIES.toLocaleString("fr-FR"),
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
