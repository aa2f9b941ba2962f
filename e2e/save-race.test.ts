/**
 * The report page against a second writer, in a real browser: an autosave
 * whose answer carries someone else's version and values opens the
 * comparison, and nothing is sent over that version until the person has
 * chosen; the history is loaded only once it is opened, page by page.
 * Ateliers 64 and 65 only: other browser tests use other ateliers.
 */
import { formatPeriod } from "@enquete/domain";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { apiSignIn, call } from "./support/api.ts";
import { seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo, thisMonth } from "./support/months.ts";
import { signIn, watchProblems } from "./support/session.ts";
import { COMPLETE_VALUES } from "./support/values.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");
const THIS_MONTH = formatPeriod(thisMonth());
const PREVIOUS_MONTH = formatPeriod(monthsAgo(1));

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (chromiumPath) browser = await launchBrowser(chromiumPath);
});
afterAll(async () => await browser?.close());

type Saved = { version: number; values: Record<string, number | string>; savedAt: string };

/** A save through the API, as a colleague's own browser would send it. */
async function putReport(cookie: string, atelier: string, period: string, values: object, version: number) {
  const res = await fetch(`${baseUrl}/api/reports/${atelier}/${period}`, {
    method: "PUT",
    headers: { cookie, "content-type": "application/json", ...(version > 0 ? { "if-match": `"${version}"` } : {}) },
    body: JSON.stringify({ values }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Saved;
}

async function serverReport(cookie: string, atelier: string, period: string) {
  const res = await fetch(`${baseUrl}/api/reports/${atelier}/${period}`, { headers: { cookie } });
  return (await res.json()) as Saved & { status: string };
}

async function openReport(page: Page, email: string, atelier: string, period: string) {
  const path = `/ateliers/${atelier}/rapports/${period}`;
  await signIn(page, email, path);
  await page.waitForURL(`${baseUrl}${path}`);
  // The month in progress cannot be submitted yet (no "Soumettre" before its last day): the form itself says it is ready.
  await page.getByRole("form", { name: "Rapport d'activité du mois" }).waitFor();
}

describe.skipIf(!chromiumPath)("a second writer on the report page", () => {
  it("atelier 64: a save answered with another writer's version and values opens the comparison, and nothing is sent over it", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    // The 409 of the comparison's own check is not a problem of the page.
    const problems = watchProblems(page, /status of 401|status of 409/);
    const colleague = await apiSignIn("atelier.64@canope.test");
    const start = await putReport(colleague, "64", THIS_MONTH, { trainingActions: 1, trainees: 10 }, 0);
    await openReport(page, "atelier.64@canope.test", "64", THIS_MONTH);

    // Every save the page sends, with the version it names.
    const puts: { ifMatch: string | undefined; values: Record<string, unknown> }[] = [];
    const track = (request: Request) => {
      if (request.method() === "PUT" && request.url().includes(`/api/reports/64/${THIS_MONTH}`)) {
        puts.push({ ifMatch: request.headers()["if-match"], values: request.postDataJSON().values });
      }
    };
    page.on("request", track);

    // The page's save goes through; right after it commits, a colleague saves over it, and the page
    // is answered with the colleague's version and values (what a server re-reading after its
    // commit would answer).
    let colleagueVersion = 0;
    await page.route(`**/api/reports/64/${THIS_MONTH}`, async (route) => {
      if (route.request().method() !== "PUT") return route.continue();
      const response = await route.fetch();
      const mine = (await response.json()) as Saved;
      const theirs = await putReport(colleague, "64", THIS_MONTH, { ...mine.values, trainees: 99 }, mine.version);
      colleagueVersion = theirs.version;
      await route.fulfill({ response, json: { ...mine, version: theirs.version, values: theirs.values, savedAt: theirs.savedAt } });
    });
    await page.locator("#field-trainingActions").fill("5");
    await page.locator("#field-trainingActions").blur();

    const panel = page.getByRole("region", { name: "Comparaison des deux versions du rapport" });
    await panel.getByRole("heading", { name: "Ce rapport a été modifié entre-temps" }).waitFor();
    await page.getByText("Enregistrement suspendu : choisissez entre les deux versions").waitFor();
    expect(colleagueVersion).toBe(start.version + 2);
    const rows = await panel
      .getByRole("table")
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].slice(0, 3).map((td) => td.textContent?.trim())));
    expect(rows).toEqual([["Stagiaires formés (personnes)", "10", "99"]]);
    await page.unroute(`**/api/reports/64/${THIS_MONTH}`);

    // More typing, a blur, the time autosave waits: nothing leaves while the choice is pending.
    await page.locator("#field-events").fill("7");
    await page.locator("#field-events").blur();
    await page.waitForTimeout(3_000);
    expect(puts).toHaveLength(1);
    expect(puts[0]?.ifMatch).toBe(`"${start.version}"`);
    expect(puts.some((p) => p.ifMatch === `"${colleagueVersion}"`)).toBe(false);
    const meanwhile = await serverReport(colleague, "64", THIS_MONTH);
    expect(meanwhile).toMatchObject({ version: colleagueVersion, values: { trainingActions: 5, trainees: 99 } });

    // Once the person has chosen (theirs for the trainees), the next save builds on the colleague's version.
    await panel.getByRole("group", { name: "Valeur à garder pour « Stagiaires formés (personnes) »" }).getByLabel("L'autre").check();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await panel.getByRole("button", { name: "Enregistrer mes choix champ par champ" }).click();
    await page
      .getByTestId("save-status")
      .getByText(/Enregistré à \d\d:\d\d/)
      .waitFor();
    expect(puts.slice(1).map((p) => p.ifMatch)).toEqual([`"${colleagueVersion}"`]);
    const resolved = await serverReport(colleague, "64", THIS_MONTH);
    expect(resolved).toMatchObject({ version: colleagueVersion + 1, values: { trainingActions: 5, trainees: 99, events: 7 } });
    expect(problems).toEqual([]);
    page.off("request", track);
    await page.close();
  });

  it("atelier 65: the history is loaded only when opened, the latest change first, older ones on demand", async () => {
    await browser.context.clearCookies();
    // 25 lines of history: autosaves of one sitting make one line, so each save here follows a submission and a return.
    const director = await apiSignIn("atelier.65@canope.test");
    const territory = await apiSignIn("dt.midi-pyrenees-languedoc-roussillon@canope.test");
    const route = `/reports/65/${PREVIOUS_MONTH}`;
    let saved = await putReport(director, "65", PREVIOUS_MONTH, { ...COMPLETE_VALUES, trainingActions: 5 }, 0);
    for (let i = 1; i <= 8; i++) {
      await call(director, "POST", `${route}/submit`, {});
      await call(territory, "POST", `${route}/return`, { comment: `Vérification ${i}.` });
      const { version } = (await call(director, "GET", route)) as { version: number };
      saved = await putReport(director, "65", PREVIOUS_MONTH, { ...COMPLETE_VALUES, trainingActions: 5 + i }, version);
    }
    const firstPage = (await call(director, "GET", `${route}/history?page=1&pageSize=20`)) as { total: number };
    expect(firstPage.total).toBe(25);
    const secondPage = (await call(director, "GET", `${route}/history?page=2&pageSize=20`)) as { items: { version: number }[] };
    const firstOlder = secondPage.items[0]?.version;

    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    const historyCalls: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/history")) historyCalls.push(r.url());
    });
    await openReport(page, "atelier.65@canope.test", "65", PREVIOUS_MONTH);
    const toggle = page.getByRole("button", { name: "Historique des modifications" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    expect(historyCalls).toEqual([]);

    // Opened with the keyboard: the first page, the latest change first.
    await toggle.focus();
    await page.keyboard.press("Enter");
    await page.getByText("20 entrées affichées sur 25, de la plus récente à la plus ancienne.").waitFor();
    expect(historyCalls).toHaveLength(1);
    const items = page.locator(`#${await toggle.getAttribute("aria-controls")} ol > li`);
    expect(await items.count()).toBe(20);
    expect(await items.first().textContent()).toMatch(new RegExp(`^Enregistrement le .+, par .+ \\(version ${saved.version}\\)`));
    expect(await items.first().textContent()).toContain("Actions de formation réalisées : 12 → 13");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Older ones on demand: the keyboard goes on from the first of them.
    await page.getByRole("button", { name: "Afficher les modifications plus anciennes" }).click();
    await page.getByText("25 entrées affichées sur 25, de la plus récente à la plus ancienne.").waitFor();
    expect(await items.count()).toBe(25);
    expect(await items.last().textContent()).toMatch(/^Création le .+ \(version 1\)/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(`(version ${firstOlder})`);
    expect(await page.getByRole("button", { name: "Afficher les modifications plus anciennes" }).count()).toBe(0);

    // A new save while it is open: the list starts again from it, in the same sitting as the last save.
    await page.locator("#field-trainingActions").fill("30");
    await page.locator("#field-trainingActions").blur();
    await page.getByText("20 entrées affichées sur 25, de la plus récente à la plus ancienne.").waitFor();
    expect(await items.first().textContent()).toMatch(
      new RegExp(`^2 enregistrements automatiques .+ \\(versions ${saved.version} à ${saved.version + 1}\\)`),
    );
    expect(await items.first().textContent()).toContain("Actions de formation réalisées : 12 → 30");
    expect(problems).toEqual([]);
    await page.close();
  });
});
