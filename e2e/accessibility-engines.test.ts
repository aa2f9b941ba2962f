/**
 * The second accessibility engine at work: HTML_CodeSniffer (WCAG2AA, as pa11y
 * runs it) reports what it should on pages made for it, and finds nothing on
 * the app's pages with complex tables and on its sign-in form, under the app's
 * Content-Security-Policy. The grid's cells name their territory, atelier and
 * month (RGAA 5.7).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { htmlcsErrors, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { thisMonth } from "./support/months.ts";
import { newPage, signIn } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const NATIONAL = "dis@canope.test";
const TERRITORY = "dt.normandie@canope.test";
const YEAR = thisMonth().year;

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (chromiumPath) browser = await launchBrowser(chromiumPath);
});
afterAll(async () => await browser?.close());

/** A page of our own, complete enough for axe (language, title, landmark), around `body`. */
async function pageWith(body: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setContent(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head><body><main><h1>Essai</h1>${body}</main></body></html>`,
  );
  return page;
}

/**
 * Two levels of row headers (a group, then an item), as in the campaign grid; `headers` on each cell or not.
 * (Its ids never end as the next one starts: HTML_CodeSniffer 2.5.1 merges "jan n" into "jan" when it compares.)
 */
const twoLevelTable = (withHeaders: boolean) => {
  const cell = (group: string, item: string, month: string, text: string) =>
    withHeaders ? `<td headers="${group} ${item} ${month}">${text}</td>` : `<td>${text}</td>`;
  return `<table><caption>Statut par atelier et par mois</caption>
    <thead><tr><th id="dir" scope="col">Direction</th><th id="ate" scope="col">Atelier</th><th id="m1" scope="col">janvier</th><th id="m2" scope="col">février</th></tr></thead>
    <tbody>
      <tr><th id="nor" scope="rowgroup" rowspan="2">Normandie</th><th id="a27" scope="row">Évreux</th>${cell("nor", "a27", "m1", "Validé")}${cell("nor", "a27", "m2", "Soumis")}</tr>
      <tr><th id="a76" scope="row">Rouen</th>${cell("nor", "a76", "m1", "Brouillon")}${cell("nor", "a76", "m2", "Non commencé")}</tr>
    </tbody></table>`;
};

const codes = (errors: string[]) => errors.map((e) => e.split(":")[0]);

/** Signing in and checking the network's grid (1,212 cells) with both engines, on a machine that runs other tests too. */
const HEAVY = 120_000;

describe.skipIf(!chromiumPath)("HTML_CodeSniffer beside axe", () => {
  it("reports a complex table whose cells do not name their headers, as errors that fail the check", async () => {
    const page = await pageWith(twoLevelTable(false));
    expect(codes(await htmlcsErrors(page))).toContain("htmlcs WCAG2AA.Principle1.Guideline1_3.1_3_1.H43.HeadersRequired");
    // axe has nothing against it: only the second engine sees it.
    const both = await seriousA11yViolations(page);
    expect(both.length).toBeGreaterThan(0);
    expect(both.every((e) => e.startsWith("htmlcs "))).toBe(true);
    await page.close();
  });

  it("accepts the same table once each cell names its headers, and reports headers that are wrong", async () => {
    const right = await pageWith(twoLevelTable(true));
    expect(await seriousA11yViolations(right)).toEqual([]);
    await right.close();

    const wrong = await pageWith(twoLevelTable(true).replace('headers="nor a27 m1"', 'headers="a27 m1"'));
    const errors = await htmlcsErrors(wrong);
    expect(codes(errors)).toEqual(["htmlcs WCAG2AA.Principle1.Guideline1_3.1_3_1.H43.IncorrectAttr"]);
    expect(errors[0]).toContain('Expected "a27 m1 nor" but found "a27 m1"');
    await wrong.close();
  });

  it("reports an autocomplete token its field cannot take (its text is missing from HTML_CodeSniffer 2.5.1)", async () => {
    const page = await pageWith(
      '<form><label for="e">Adresse électronique</label><input id="e" type="email" autocomplete="username"><button>Envoyer</button></form>',
    );
    const errors = await htmlcsErrors(page);
    expect(codes(errors)).toEqual(["htmlcs WCAG2AA.Principle1.Guideline1_3.1_3_5.H98"]);
    expect(errors[0]).toContain('"username"');
    expect(errors[0]).toContain("(#e)");
    await page.close();
  });

  it("runs under the app's Content-Security-Policy and finds nothing on the sign-in form", async () => {
    const { page, problems } = await newPage(browser.context);
    await page.goto(`${inject("baseUrl")}/connexion`);
    const email = page.getByLabel("Adresse électronique");
    await email.waitFor();
    // The CSP refuses inline scripts: the check must not depend on one.
    const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get("content-security-policy"));
    expect(csp).toContain("script-src 'self'");
    expect(await email.getAttribute("autocomplete")).toBe("email");
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it(
    "finds nothing on the national campaign grid, whose cells name their territory, atelier and month",
    async () => {
      const { page, problems } = await newPage(browser.context);
      await signIn(page, NATIONAL, `/?annee=${YEAR}`);
      const grid = page.getByRole("table", { name: `Statut des rapports mensuels ${YEAR}, par atelier et par mois` });
      await grid.waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Every cell's headers, read as a screen reader reads them (what is aria-hidden left out).
      const named = await grid.evaluate((table) => {
        const spoken = (id: string) => {
          const header = document.getElementById(id)?.cloneNode(true) as HTMLElement | undefined;
          if (header?.tagName !== "TH") return null;
          for (const hidden of header.querySelectorAll("[aria-hidden=true]")) hidden.remove();
          return (header.textContent ?? "").replace(/\s+/g, " ").trim();
        };
        const headersOf = (td: Element) => (td.getAttribute("headers") ?? "").split(" ").map(spoken);
        const cells = [...table.querySelectorAll("tbody td")];
        return {
          count: cells.length,
          unnamed: cells.filter((td) => headersOf(td).length !== 3 || headersOf(td).includes(null)).length,
          march: cells[2] ? headersOf(cells[2]) : [],
        };
      });
      expect(named.count).toBe(101 * 12);
      expect(named.unnamed).toBe(0);
      const firstGroup = grid.locator("tbody").first();
      expect(named.march).toEqual([
        await firstGroup.locator("th[scope=rowgroup]").textContent(),
        (await firstGroup.locator("th[scope=row]").first().textContent())?.trim(),
        "mars",
      ]);
      expect(problems).toEqual([]);
      await page.close();
    },
    HEAVY,
  );

  it(
    "finds nothing on a territorial home and on the national dashboard's breakdown",
    async () => {
      const { page, problems } = await newPage(browser.context);
      await signIn(page, TERRITORY, `/?annee=${YEAR}`);
      await page.getByRole("table", { name: `Statut des rapports mensuels ${YEAR}, par atelier et par mois` }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      expect(problems).toEqual([]);
      await page.close();

      // The national dashboard: its breakdown by territory, one row each.
      const national = await newPage(browser.context);
      await signIn(national.page, NATIONAL, `/tableau-de-bord?annee=${YEAR - 1}`);
      const breakdown = national.page.locator("#ventilation table");
      await breakdown.getByRole("rowheader").first().waitFor();
      expect(await breakdown.getByRole("rowheader").count()).toBe(12);
      // The breakdown's own errors: the page's other tables are checked by the dashboard's tests.
      expect(await htmlcsErrors(national.page, "#ventilation")).toEqual([]);
      expect(national.problems).toEqual([]);
      await national.page.close();
    },
    HEAVY,
  );

  it(
    "keeps the grid inside its frame on a 360 px phone",
    async () => {
      const overflow = await onPhone(chromiumPath as string, async (small) => {
        await signIn(small, TERRITORY, `/?annee=${YEAR}`);
        await small.getByRole("table", { name: /^Statut des rapports mensuels/ }).waitFor();
        // Wider than the phone, the grid's frame scrolls: it is a named region the keyboard can reach and scroll.
        const frame = small.getByRole("region", { name: /^Statut des rapports mensuels/ });
        await frame.waitFor();
        expect(await frame.getAttribute("tabindex")).toBe("0");
        // So is every frame of the campaign's tables that scrolls (what axe's scrollable-region-focusable asks).
        const frames = await small.evaluate(() =>
          [...document.querySelectorAll(".fr-table__container")].map((e) => ({
            caption: e.querySelector("caption")?.textContent ?? "",
            scrolls: e.scrollWidth > e.clientWidth,
            reachable: e.getAttribute("tabindex") === "0",
          })),
        );
        const campaign = frames.filter((f) => /^(Taux de réponse|Statut des rapports|Rapports en retard)/.test(f.caption));
        expect(campaign.filter((f) => f.scrolls).length).toBeGreaterThanOrEqual(2);
        expect(campaign.filter((f) => f.scrolls && !f.reachable)).toEqual([]);
        expect(await htmlcsErrors(small)).toEqual([]);
        return await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      });
      expect(overflow).toBeLessThanOrEqual(0);
    },
    HEAVY,
  );
});
