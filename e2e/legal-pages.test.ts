/**
 * The pages a public service owes (issue 12): reached from the footer of
 * every page by the keyboard alone, signed out and signed in; the contact
 * address the national team sets on the settings page shows on the contact
 * page (and none is promised before); the State's block names the ministry
 * with the operator's logo beside it. Every page checked by both
 * accessibility engines and on a 360 px phone.
 *
 * A platform of its own: the contact address is a national setting, which
 * the other tests' pages must not see change under them.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatPeriod } from "../packages/domain/src/index.ts";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { tabTo } from "./support/keyboard.ts";
import { monthsAgo } from "./support/months.ts";
import { type Platform, startPlatform } from "./support/platform.ts";
import { watchProblems } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");

const DIRECTOR = "atelier.86@canope.test";
const NATIONAL = "dis@canope.test";
const PASSWORD = "canope-demo";
const ADDRESS = "enquete-atelier@reseau-canope.fr";
const NO_ADDRESS = "L'adresse de contact n'a pas encore été renseignée par l'équipe nationale.";

/** Each link of the footer's bottom list, the address it opens and that page's heading. */
const FOOTER_LINKS = [
  { name: "Accessibilité : non conforme", path: "/accessibilite", heading: "Déclaration d'accessibilité" },
  { name: "Mentions légales", path: "/mentions-legales", heading: "Mentions légales" },
  { name: "Données personnelles", path: "/donnees-personnelles", heading: "Données personnelles" },
  { name: "Gestion des cookies", path: "/gestion-des-cookies", heading: "Gestion des cookies" },
  { name: "Aide", path: "/aide", heading: "Aide" },
  { name: "Contact", path: "/contact", heading: "Contact" },
  { name: "Données ouvertes", path: "/donnees-ouvertes", heading: "Données ouvertes" },
] as const;

/** The pages this issue wrote, checked by both engines and on a phone. */
const LEGAL_PAGES = FOOTER_LINKS.filter((l) => l.path !== "/donnees-ouvertes");

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

let platform: Platform;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  if (!chromiumPath) return;
  platform = await startPlatform({ demo: "accounts", label: "Le serveur du test des pages légales", env: { WORKERS: "1", JOBS: "0" } });
  browser = await launchBrowser(chromiumPath);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** The machine is shared by many browser tests at once: a page may take long to show, not forever. */
const PAGE_TIMEOUT = 60_000;

async function freshPage(expected?: RegExp): Promise<{ page: Page; problems: string[] }> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT);
  return { page, problems: watchProblems(page, expected) };
}

/**
 * Opens one answer of the help page. A click that lands before the DSFR's
 * script has taken the accordion in hand does nothing: clicked again until open.
 */
async function openAnswer(page: Page, question: string) {
  const button = page.getByRole("button", { name: question, exact: true });
  for (let attempt = 0; attempt < 20; attempt++) {
    if ((await button.getAttribute("aria-expanded")) === "true") return;
    await button.click();
    await page.waitForTimeout(250);
  }
  throw new Error(`La réponse à « ${question} » ne s'ouvre pas.`);
}

/** Opens a page of the app and waits for its heading; on failure, says what was shown instead. */
async function open(page: Page, path: string) {
  await page.goto(`${platform.baseUrl}${path}`);
  await page
    .getByRole("heading", { level: 1 })
    .first()
    .waitFor()
    .catch(async (error: Error) => {
      const shown = await page
        .locator("h1, h2, .fr-alert")
        .allInnerTexts()
        .catch(() => []);
      throw new Error(`${path} : ${error.message}\nAdresse : ${page.url()}\nTitres : ${shown.join(" | ")}`);
    });
}

async function signInThere(page: Page, email: string) {
  await page.goto(`${platform.baseUrl}/connexion`);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
  await page.getByRole("heading", { level: 1 }).first().waitFor();
}

/**
 * Opens `from` afresh (the focus at the top of the document), then, keys only:
 * Tab to the skip link « Pied de page », Enter, Tab to the link, Enter; the
 * page it opens must have its heading.
 */
async function followFooterLink(page: Page, from: string, link: (typeof FOOTER_LINKS)[number]) {
  try {
    await page.goto(`${platform.baseUrl}${from}`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await page.locator("#pied-de-page").waitFor();
    await tabTo(page, /^Pied de page$/, 5);
    await page.keyboard.press("Enter");
    await tabTo(page, exactly(link.name), 30);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === link.path);
    await page.getByRole("heading", { level: 1, name: link.heading, exact: true }).waitFor();
  } catch (error) {
    // Where it stopped, and what the page showed then.
    const shown = await page
      .locator("h1, h2, .fr-alert")
      .allInnerTexts()
      .catch(() => []);
    throw new Error(
      `De ${from} vers « ${link.name} » : ${(error as Error).message}\nAdresse : ${page.url()}\nTitres : ${shown.join(" | ")}`,
    );
  }
}

describe.skipIf(!chromiumPath)("the pages a public service owes", () => {
  it("promises no address before the national team gives one, and breaks nothing", async () => {
    const { page, problems } = await freshPage();
    for (const path of ["/contact", "/aide", "/accessibilite", "/donnees-personnelles", "/mentions-legales"]) {
      await page.goto(`${platform.baseUrl}${path}`);
      // On the help page, the address is in the answer to its last question.
      if (path === "/aide") await openAnswer(page, "À qui poser une question ?");
      await page
        .getByText(path === "/mentions-legales" ? "Hébergement : Réseau Canopé (à préciser par l'exploitation)" : NO_ADDRESS)
        .first()
        .waitFor();
      expect(await page.locator('a[href^="mailto:"]').count(), path).toBe(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("reaches every footer link by the keyboard alone, signed out, from the sign-in page and a public page", async () => {
    const { page, problems } = await freshPage();
    for (const from of ["/connexion", "/aide"]) {
      for (const link of FOOTER_LINKS) await followFooterLink(page, from, link);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it("reaches every footer link by the keyboard alone, signed in as a director, from the home page, a report and the dashboard", async () => {
    const { page, problems } = await freshPage();
    await signInThere(page, DIRECTOR);
    for (const from of ["/", `/ateliers/86/rapports/${formatPeriod(monthsAgo(1))}`, "/tableau-de-bord/ateliers/86"]) {
      for (const link of FOOTER_LINKS) await followFooterLink(page, from, link);
      // Still signed in: the legal pages are part of the app, not a way out of it.
      expect(await page.getByRole("button", { name: "Se déconnecter" }).count()).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 420_000);

  it("shows on the contact page the address the national team set on the settings page, after refusing one that is not", async () => {
    // The refused address is a 422 the browser logs: expected here.
    const { page, problems } = await freshPage(/status of (401|422)/);
    await signInThere(page, NATIONAL);
    await page.goto(`${platform.baseUrl}/parametres`);
    const field = page.getByLabel("Adresse de contact");
    await field.fill("pas-une-adresse");
    await page.getByRole("button", { name: "Enregistrer le contact et l'hébergement" }).click();
    await page.getByText("Saisissez une adresse électronique valide, par exemple contact@reseau-canope.fr.").waitFor();
    expect(await field.evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await field.inputValue()).toBe("pas-une-adresse");
    await field.fill(ADDRESS);
    await page.getByLabel("Mention d'hébergement").fill("Hébergé par l'exploitant de test, 1 rue de l'Essai, 86000 Poitiers.");
    await page.getByRole("button", { name: "Enregistrer le contact et l'hébergement" }).click();
    await page.getByText(`Enregistré : les pages publiques donnent l'adresse ${ADDRESS}.`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A reload shows what the server holds.
    await page.reload();
    expect(await page.getByLabel("Adresse de contact").inputValue()).toBe(ADDRESS);
    expect(problems).toEqual([]);
    await page.close();

    // Another browser, whose cache never saw the page without an address: a person signed out, then a director.
    const other = await launchBrowser(chromiumPath as string);
    try {
      const reader = await other.context.newPage();
      reader.setDefaultTimeout(PAGE_TIMEOUT);
      const readerProblems = watchProblems(reader);
      await reader.goto(`${platform.baseUrl}/contact`);
      const mail = reader.getByRole("link", { name: ADDRESS });
      await mail.waitFor();
      expect(await mail.getAttribute("href")).toBe(`mailto:${ADDRESS}`);
      for (const path of ["/aide", "/accessibilite", "/donnees-personnelles", "/mentions-legales"]) {
        await reader.goto(`${platform.baseUrl}${path}`);
        if (path === "/aide") await openAnswer(reader, "À qui poser une question ?");
        await reader.getByRole("link", { name: ADDRESS }).first().waitFor();
      }
      await reader.getByText("Hébergé par l'exploitant de test, 1 rue de l'Essai, 86000 Poitiers.").waitFor();
      expect(await reader.getByText("à préciser par l'exploitation").count()).toBe(0);
      await signInThere(reader, DIRECTOR);
      await reader.goto(`${platform.baseUrl}/contact`);
      await reader.getByRole("link", { name: ADDRESS }).waitFor();
      expect(readerProblems).toEqual([]);
    } finally {
      await other.close();
    }
  }, 300_000);

  it("names the ministry in the State's block, with the operator's logo beside it, in the header and the footer", async () => {
    const { page } = await freshPage();
    await signInThere(page, DIRECTOR);
    const header = page.locator("header.fr-header");
    // The block's lines are broken by <br>: read as one sentence.
    const block = await header.locator(".fr-header__brand .fr-logo").evaluate((e) => e.innerHTML.replace(/<br\s*\/?>/g, " "));
    expect(block.replace(/\s+/g, " ").trim()).toBe("Ministère de l'Éducation nationale");
    const logo = header.locator(".fr-header__operator img");
    expect(await logo.getAttribute("alt")).toBe("Réseau Canopé");
    expect(await logo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await header.getByText("Enquête atelier", { exact: true }).waitFor();
    const footerLogo = page.locator("#pied-de-page img.fr-footer__logo");
    expect(await footerLogo.getAttribute("alt")).toBe("Réseau Canopé");
    expect(await footerLogo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  }, 180_000);

  it("passes both accessibility engines on every legal page, signed out and signed in, the help's answers opened", async () => {
    const { page, problems } = await freshPage();
    for (const { path } of LEGAL_PAGES) {
      await open(page, path);
      expect(await seriousA11yViolations(page), path).toEqual([]);
    }
    await open(page, "/connexion");
    expect(await seriousA11yViolations(page), "/connexion").toEqual([]);
    await signInThere(page, DIRECTOR);
    await page.goto(`${platform.baseUrl}/aide`);
    await openAnswer(page, "Jusqu'à quand ?");
    await page.getByText("Le rapport d'un mois est dû").waitFor();
    // The due day of this platform (its default): the help tells it, not a date of its own.
    await page.getByText("le 10 du mois suivant").waitFor();
    // One answer open in each group (a group keeps one open at a time).
    for (const question of [
      "Qu'est-ce qu'une « journée stagiaire » ?",
      "Mon rapport m'a été renvoyé : que faire ?",
      "À qui poser une question ?",
    ]) {
      await openAnswer(page, question);
    }
    expect(await seriousA11yViolations(page), "/aide ouverte").toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it("fits a 360 px phone on every legal page and on a page with the new header, signed in", async () => {
    await onPhone(chromiumPath as string, async (page) => {
      page.setDefaultTimeout(PAGE_TIMEOUT);
      const problems = watchProblems(page);
      for (const { path } of LEGAL_PAGES) {
        await open(page, path);
        if (path === "/aide")
          for (const question of ["Et si la connexion coupe pendant la saisie ?", "Comment changer mon mot de passe ?"])
            await openAnswer(page, question);
        expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
        expect(await seriousA11yViolations(page), path).toEqual([]);
      }
      await signInThere(page, DIRECTOR);
      await open(page, "/");
      expect(await page.locator(".fr-header__operator img").isVisible()).toBe(true);
      expect(await horizontalOverflow(page), "/").toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page), "/").toEqual([]);
      expect(problems).toEqual([]);
    });
  }, 300_000);
});
