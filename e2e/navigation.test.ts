/**
 * The header's menu per role (issue 9): each person reaches what they may
 * use and sees nothing else; an administrator reaches the national
 * dashboard; the menu works with the keyboard alone on a phone 360 px wide.
 * The menu's rules are first checked as a pure function (there is no web
 * unit-test project: they run here, without a browser), then in the browser.
 * Reads only: the shared platform.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type NavigationNames, navigationItems } from "../apps/web/src/app/navigation.ts";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { tabTo } from "./support/keyboard.ts";
import { newPage as freshPage, signIn } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

type Item = ReturnType<typeof navigationItems>[number];
/** An item as text: "Accueil → /", "Paramètres [Paramètres → /parametres, …]", the current page's marked with *. */
function describeItem(item: Item): string {
  const star = item.isActive ? "*" : "";
  if ("linkProps" in item && item.linkProps) return `${star}${item.text} → ${String((item.linkProps as { to: string }).to)}`;
  const links = "menuLinks" in item && item.menuLinks ? item.menuLinks : [];
  return `${star}${item.text} [${links.map((l) => `${l.isActive ? "*" : ""}${l.text} → ${String((l.linkProps as { to: string }).to)}`).join(", ")}]`;
}
const menu = (roles: Parameters<typeof navigationItems>[0], pathname = "/nulle-part", names: NavigationNames = {}) =>
  navigationItems(roles, pathname, names).map(describeItem);

describe("the menu's rules, per role", () => {
  it("gives an atelier director their atelier's dashboard, and nothing of the national team or the administration", () => {
    expect(menu([{ role: "atelier", atelierCode: "86" }])).toEqual(["Accueil → /", "Tableau de bord → /tableau-de-bord/ateliers/86"]);
  });

  it("gives a territorial director their territory's dashboard", () => {
    expect(menu([{ role: "territory", territoryCode: "normandie" }])).toEqual([
      "Accueil → /",
      "Tableau de bord → /tableau-de-bord/territoires/normandie",
    ]);
  });

  it("gives the national team the national dashboard and its settings", () => {
    expect(menu([{ role: "national" }])).toEqual([
      "Accueil → /",
      "Tableau de bord → /tableau-de-bord",
      "Paramètres [Paramètres → /parametres, Questionnaire → /parametres/questionnaire, Cibles → /cibles, Journées FOAD → /journees-foad]",
    ]);
  });

  it("gives the tutelle the national dashboard only", () => {
    expect(menu([{ role: "viewer" }])).toEqual(["Accueil → /", "Tableau de bord → /tableau-de-bord"]);
  });

  it("gives an administrator the national dashboard and the administration", () => {
    expect(menu([{ role: "admin" }])).toEqual([
      "Accueil → /",
      "Tableau de bord → /tableau-de-bord",
      "Administration [Comptes → /administration/comptes, Journal des actions → /administration/journal, Référentiel → /administration/referentiel, Courriels → /administration/courriels, Pages publiques → /parametres]",
    ]);
  });

  it("gives a person with several roles the union, each dashboard once, named when the names are known", () => {
    const roles = [
      { role: "atelier" as const, atelierCode: "86" },
      { role: "national" as const },
      { role: "atelier" as const, atelierCode: "79" },
      { role: "viewer" as const },
    ];
    expect(menu(roles)).toEqual([
      "Accueil → /",
      "Tableau de bord [Réseau national → /tableau-de-bord, Atelier 79 → /tableau-de-bord/ateliers/79, Atelier 86 → /tableau-de-bord/ateliers/86]",
      "Paramètres [Paramètres → /parametres, Questionnaire → /parametres/questionnaire, Cibles → /cibles, Journées FOAD → /journees-foad]",
    ]);
    const named = menu(roles, "/", { atelier: (code: string) => (code === "86" ? "Atelier Canopé 86 – Poitiers" : undefined) });
    expect(named[1]).toContain("Atelier Canopé 86 – Poitiers → /tableau-de-bord/ateliers/86");
    expect(named[1]).toContain("Atelier 79 → ");
  });

  it("marks the current page, and its section for the pages under it", () => {
    expect(menu([{ role: "admin" }], "/")[0]).toBe("*Accueil → /");
    expect(menu([{ role: "atelier", atelierCode: "86" }], "/ateliers/86/rapports/2026-01")[0]).toBe("*Accueil → /");
    const admin = menu([{ role: "admin" }], "/administration/comptes/3f1c");
    expect(admin[2]).toMatch(/^\*Administration \[\*Comptes → /);
    expect(admin[1]).toBe("Tableau de bord → /tableau-de-bord");
    // A territory's atelier, reached from the territory's dashboard: still the dashboard.
    expect(menu([{ role: "territory", territoryCode: "normandie" }], "/tableau-de-bord/ateliers/14")[1]).toMatch(/^\*Tableau de bord/);
    // The national dashboard is only itself, not every dashboard under its address.
    const both = menu([{ role: "national" }, { role: "atelier", atelierCode: "86" }], "/tableau-de-bord/ateliers/86");
    expect(both[1]).toBe("*Tableau de bord [Réseau national → /tableau-de-bord, *Atelier 86 → /tableau-de-bord/ateliers/86]");
    expect(menu([{ role: "national" }], "/cibles")[2]).toMatch(
      /^\*Paramètres \[Paramètres → \/parametres, Questionnaire → \/parametres\/questionnaire, \*Cibles/,
    );
    // The questionnaire's pages are under the settings' address: only the questionnaire's entry is current there.
    expect(menu([{ role: "national" }], "/parametres/questionnaire/2")[2]).toBe(
      "*Paramètres [Paramètres → /parametres, *Questionnaire → /parametres/questionnaire, Cibles → /cibles, Journées FOAD → /journees-foad]",
    );
  });

  it("leaves out a malformed grant instead of linking to nowhere", () => {
    expect(menu([{ role: "atelier" }])).toEqual(["Accueil → /"]);
  });
});

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (chromiumPath) browser = await launchBrowser(chromiumPath);
});
afterAll(async () => await browser?.close());

const mainMenu = (page: Page) => page.getByRole("navigation", { name: "Menu principal" });

/** The menu's top-level entries, as a person reads them. */
async function topLevel(page: Page): Promise<string[]> {
  const entries = mainMenu(page).locator(".fr-nav__list > .fr-nav__item > :is(a, button)");
  return (await entries.allTextContents()).map((t) => t.trim());
}

async function signedIn(email: string, path = "/") {
  const { page, problems } = await freshPage(browser.context);
  await signIn(page, email, path);
  await page.waitForURL((url) => url.pathname === path);
  await mainMenu(page).waitFor();
  return { page, problems };
}

const roles = [
  { email: "atelier.86@canope.test", top: ["Accueil", "Tableau de bord"], dashboard: "/tableau-de-bord/ateliers/86" },
  { email: "dt.normandie@canope.test", top: ["Accueil", "Tableau de bord"], dashboard: "/tableau-de-bord/territoires/normandie" },
  { email: "dis@canope.test", top: ["Accueil", "Tableau de bord", "Paramètres"], dashboard: "/tableau-de-bord" },
  { email: "tutelle@canope.test", top: ["Accueil", "Tableau de bord"], dashboard: "/tableau-de-bord" },
  { email: "admin@canope.test", top: ["Accueil", "Tableau de bord", "Administration"], dashboard: "/tableau-de-bord" },
];

describe.skipIf(!chromiumPath)("the header's menu in a real browser", () => {
  for (const r of roles) {
    it(`shows ${r.email} their entries and not the others`, { timeout: 120_000 }, async () => {
      const { page, problems } = await signedIn(r.email);
      expect(await topLevel(page)).toEqual(r.top);
      const home = mainMenu(page).getByRole("link", { name: "Accueil", exact: true });
      // The menu appears with the session, a moment before the router leaves the sign-in page.
      await expect.poll(() => home.getAttribute("aria-current")).toBe("page");
      expect(await mainMenu(page).getByRole("link", { name: "Tableau de bord", exact: true }).getAttribute("href")).toBe(r.dashboard);
      for (const absent of ["Paramètres", "Administration"].filter((t) => !r.top.includes(t))) {
        expect(await mainMenu(page).getByText(absent, { exact: true }).count()).toBe(0);
      }
      // The quick access keeps the name (the profile) and the sign-out.
      await page.locator(".fr-header__tools-links").getByRole("button", { name: "Se déconnecter" }).waitFor();
      expect(await page.locator(".fr-header__tools-links").getByRole("link").first().getAttribute("href")).toBe("/profil");
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  // On the settings page rather than the national home, which lists every late report (slow on a busy machine).
  it("opens the national team's settings menu and goes to the targets", { timeout: 120_000 }, async () => {
    const { page, problems } = await signedIn("dis@canope.test", "/parametres");
    const settings = mainMenu(page).getByRole("button", { name: "Paramètres", exact: true });
    // A closed menu's links are hidden from the accessibility tree: looked up all the same.
    const entry = (name: string) => mainMenu(page).getByRole("link", { name, exact: true, includeHidden: true });
    await expect.poll(() => settings.getAttribute("aria-current")).toBe("true");
    await expect.poll(() => entry("Paramètres").getAttribute("aria-current")).toBe("page");
    await settings.click();
    const links = mainMenu(page).locator(".fr-menu__list a");
    expect((await links.allTextContents()).map((t) => t.trim())).toEqual(["Paramètres", "Questionnaire", "Cibles", "Journées FOAD"]);
    await mainMenu(page).getByRole("link", { name: "Cibles", exact: true }).click();
    await page.waitForURL(/\/cibles$/);
    await expect.poll(() => entry("Cibles").getAttribute("aria-current")).toBe("page");
    expect(await entry("Paramètres").getAttribute("aria-current")).toBeNull();
    expect(await settings.getAttribute("aria-current")).toBe("true");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("takes an administrator to the national dashboard, and to the accounts", async () => {
    const { page, problems } = await signedIn("admin@canope.test");
    await mainMenu(page).getByRole("link", { name: "Tableau de bord", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/tableau-de-bord");
    await page.getByRole("heading", { level: 1, name: /^Indicateurs/ }).waitFor();
    await expect
      .poll(() => mainMenu(page).getByRole("link", { name: "Tableau de bord", exact: true }).getAttribute("aria-current"))
      .toBe("page");

    await mainMenu(page).getByRole("button", { name: "Administration" }).click();
    const links = mainMenu(page).locator(".fr-menu__list a");
    expect((await links.allTextContents()).map((t) => t.trim())).toEqual([
      "Comptes",
      "Journal des actions",
      "Référentiel",
      "Courriels",
      "Pages publiques",
    ]);
    await mainMenu(page).getByRole("link", { name: "Comptes" }).click();
    await page.waitForURL(/\/administration\/comptes$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("works with the keyboard alone on a phone 360 px wide: the burger menu, the administration, the journal", async () => {
    await onPhone(chromiumPath as string, async (page) => {
      await signIn(page, "admin@canope.test");
      await page.waitForURL((url) => url.pathname === "/");
      // From the top of the page, as a person arriving on it.
      await page.goto(`${baseUrl}/`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await tabTo(page, /^Menu$/);
      await page.keyboard.press("Enter");
      const modal = page.locator(".fr-header__menu.fr-modal");
      await expect.poll(() => modal.evaluate((m) => m.classList.contains("fr-modal--opened"))).toBe(true);
      await tabTo(page, /^Administration$/);
      await page.keyboard.press("Enter");
      await mainMenu(page).getByRole("link", { name: "Journal des actions" }).waitFor();
      await tabTo(page, /^Journal des actions$/);
      await page.keyboard.press("Enter");
      await page.waitForURL(/\/administration\/journal$/);
      await page.getByRole("heading", { level: 1, name: "Journal des actions" }).waitFor();
      // The burger menu closes once a page is chosen.
      await expect.poll(() => modal.evaluate((m) => m.classList.contains("fr-modal--opened"))).toBe(false);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  });
});
