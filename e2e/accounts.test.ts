/**
 * The administrators' accounts and journal in a real browser: the list
 * searched and filtered with its counts, an account for a director of two
 * ateliers created with the keyboard alone and invited, its invitation sent
 * again, the account deactivated and reactivated through a confirmation (and
 * the refusal to deactivate oneself, in French), its roles changed, a refused
 * creation explained field by field, every step in the journal
 * and in the account's own. Others are refused the pages; axe and a 360 px
 * phone on each of the four.
 *
 * On a platform of its own: the accounts it creates and deactivates would
 * change the counts the other tests read on the shared one.
 */

import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { tabTo } from "./support/keyboard.ts";
import { type Platform, startPlatform } from "./support/platform.ts";
import { apiOk, signInApi, signInPage } from "./support/referential.ts";
import { watchProblems } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");

const ADMIN = "admin@canope.test";
const NATIONAL = "dis@canope.test";
const PERSON = { email: "camille.deux-ateliers@canope.test", name: "Camille Deux-Ateliers" };
const ATELIERS = ["Atelier Canopé 86 – Poitiers", "Atelier Canopé 87 – Limoges"] as const;
/** Typed on the atelier's list to pick it: its code starts its line there. */
const CODES = ["86", "87"] as const;
const ROLE_LINES = [`Direction d'atelier (${ATELIERS[0]})`, `Direction d'atelier (${ATELIERS[1]})`] as const;
const ACCOUNT_PAGE = /^\/administration\/comptes\/(?!nouveau$)[^/]+$/;

let platform: Platform;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
/** The administrator's session for the API checks. */
let admin = "";
/** The account the tests create, once created. */
let accountId = "";

beforeAll(async () => {
  if (!chromiumPath) return;
  platform = await startPlatform({ demo: "accounts", label: "Le serveur du test des comptes", env: { WORKERS: "1", JOBS: "0" } });
  browser = await launchBrowser(chromiumPath);
  admin = await signInApi(platform.baseUrl, ADMIN);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** A fresh page, signed out; `expected`: the console errors the test causes on purpose (a refusal's status). */
async function freshPage(expected = /status of 401/): Promise<{ page: Page; problems: string[] }> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  return { page, problems: watchProblems(page, expected) };
}

const total = async (query: string) =>
  ((await apiOk(platform.baseUrl, admin, "GET", `/users?limit=1&${query}`)) as { total: number }).total;
const account = async () => (await apiOk(platform.baseUrl, admin, "GET", `/users/${accountId}`)) as { status: string; active: boolean };
/**
 * The list's count, as the page announces it: read without waiting (the poll around it waits), so
 * that a page without it fails with what the page shows instead of one long locator timeout.
 */
const countText = (page: Page) => ({
  waitFor: () =>
    page
      .locator("p[role=status]")
      .filter({ hasText: /compte/ })
      .waitFor(),
  async textContent() {
    const found = page.locator("p[role=status]").filter({ hasText: /compte/ });
    if ((await found.count()) === 1) return await found.textContent();
    const main = (
      await page
        .locator("main")
        .textContent()
        .catch(() => "")
    )
      ?.replace(/\s+/g, " ")
      .slice(0, 400);
    return `(pas de nombre de comptes ; ${page.url()} montre : ${main})`;
  },
});
const n = (x: number) => x.toLocaleString("fr-FR");

/** The focused element's label, or its text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const label = el?.labels?.[0]?.textContent ?? el?.textContent ?? "";
    return label.replace(/\s+/g, " ").trim();
  });

const journalRows = (table: Locator, label: string) =>
  table.locator("tbody tr").filter({ has: table.page().getByRole("cell", { name: label, exact: true }) });

describe.skipIf(!chromiumPath)("the administrators' accounts and journal", () => {
  it("finds accounts by name or address, role and state, the counts following and the address keeping them", async () => {
    const all = await total("");
    const normandie = await total("q=normandie");
    const territorial = await total("role=territory");
    expect(all).toBeGreaterThan(100);
    expect(normandie).toBeGreaterThan(0);
    expect(normandie).toBeLessThan(all);

    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, ADMIN);
    // The home's administration section leads to the accounts, with their count by state.
    const section = page.getByRole("region", { name: "Administration" });
    const tile = section.getByRole("link", { name: "Comptes", exact: true });
    await section.getByText(`${n(all)} comptes : ${n(all)} actifs, 0 invitation en attente, 0 désactivé`).waitFor();
    await tile.click();
    await page.getByRole("heading", { level: 1, name: "Comptes" }).waitFor();
    await expect.poll(() => countText(page).textContent()).toBe(`${n(all)} comptes ; page 1 sur ${Math.ceil(all / 25)}`);
    expect(await page.locator("tbody tr").count()).toBe(25);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel("Rechercher un nom ou une adresse").fill("normandie");
    await expect.poll(() => countText(page).textContent()).toBe(`${n(normandie)} compte${normandie > 1 ? "s" : ""} sur ${n(all)}`);
    const director = page.getByRole("row").filter({ hasText: "dt.normandie@canope.test" });
    await director.waitFor();
    expect(await director.textContent()).toContain("Direction territoriale (Normandie)");
    expect(await director.getByRole("link").getAttribute("href")).toMatch(ACCOUNT_PAGE);
    expect(new URL(page.url()).searchParams.get("recherche")).toBe("normandie");
    // A reload, or a shared link, keeps the search.
    await page.reload();
    await expect.poll(() => countText(page).textContent()).toBe(`${n(normandie)} compte${normandie > 1 ? "s" : ""} sur ${n(all)}`);
    expect(await page.getByLabel("Rechercher un nom ou une adresse").inputValue()).toBe("normandie");

    await page.getByLabel("Rechercher un nom ou une adresse").fill("");
    await page.getByLabel("Rôle", { exact: true }).selectOption({ label: "Direction territoriale" });
    await expect.poll(() => countText(page).textContent()).toBe(`${n(territorial)} comptes sur ${n(all)}`);
    await page.getByLabel("État", { exact: true }).selectOption({ label: "Désactivé" });
    await page.getByText("Aucun compte ne correspond à ces critères.").waitFor();
    expect(await page.locator("tbody tr").count()).toBe(0);
    // The back button goes back to the previous filters.
    await page.goBack();
    await expect.poll(() => countText(page).textContent()).toBe(`${n(territorial)} comptes sur ${n(all)}`);

    // The pages: the second one, in the address.
    await page.goto(`${platform.baseUrl}/administration/comptes`);
    await page.getByRole("link", { name: "Page suivante" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    await page.getByRole("table", { name: `Comptes 26 à 50 sur ${n(all)}, par nom (page 2 sur ${Math.ceil(all / 25)})` }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("creates the account of a director of two ateliers with the keyboard alone, and says the invitation has left", async () => {
    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, ADMIN, "/administration/comptes");
    await page.getByRole("heading", { level: 1, name: "Comptes" }).waitFor();
    await countText(page).waitFor();
    await tabTo(page, /^Créer un compte$/, 80);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Créer un compte" }).waitFor();
    await page.getByLabel("Rôle", { exact: true }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);

    await tabTo(page, /^Adresse électronique/, 10);
    await page.keyboard.type(PERSON.email);
    await tabTo(page, /^Nom et prénom/, 3);
    await page.keyboard.type(PERSON.name);
    await tabTo(page, /^Rôle$/, 5);
    await page.keyboard.type("Direction d'a");
    await tabTo(page, /^Atelier$/, 2);
    await page.keyboard.type(CODES[0]);
    await tabTo(page, /^Ajouter ce rôle$/, 2);
    await page.keyboard.press("Enter");
    await page.getByText(ROLE_LINES[0], { exact: true }).waitFor();
    // The focus stays on the button: back to the atelier for the second one.
    expect(await focusedName(page)).toBe("Ajouter ce rôle");
    await page.keyboard.press("Shift+Tab");
    expect(await focusedName(page)).toBe("Atelier");
    await page.keyboard.type(CODES[1]);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.getByText(ROLE_LINES[1], { exact: true }).waitFor();
    expect(await page.getByRole("button", { name: /^Retirer/ }).count()).toBe(2);
    await tabTo(page, /^Créer le compte et envoyer l'invitation$/, 4);
    await page.keyboard.press("Enter");

    await page.waitForURL((url) => ACCOUNT_PAGE.test(url.pathname));
    accountId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
    const sent = page.locator(".fr-alert--success").filter({ hasText: "Invitation envoyée" });
    await sent.waitFor();
    expect(await sent.textContent()).toContain(`est parti à ${PERSON.email}`);
    expect(await sent.textContent()).toMatch(/jusqu'au \d{1,2} \S+ \d{4} à \d{2}:\d{2} \(heure de Paris\)/);
    await page.getByRole("heading", { level: 1, name: PERSON.name }).waitFor();
    await page.getByText("Invitation en attente", { exact: true }).first().waitFor();
    for (const line of ROLE_LINES) await page.getByText(line, { exact: true }).waitFor();
    expect(await account()).toMatchObject({ status: "invited", active: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A reload does not say again that an invitation has just left.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: PERSON.name }).waitFor();
    await page.getByRole("table", { name: /sur ce compte/ }).waitFor();
    expect(await page.locator(".fr-alert--success").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("explains a refused creation in French, field by field, and keeps what was typed", async () => {
    const { page, problems } = await freshPage(/status of (401|409)/);
    await signInPage(page, platform.baseUrl, ADMIN, "/administration/comptes/nouveau");
    await page.getByRole("heading", { level: 1, name: "Créer un compte" }).waitFor();
    const submit = page.getByRole("button", { name: "Créer le compte et envoyer l'invitation" });
    await submit.click();
    await page.getByText("Saisissez l'adresse électronique.").waitFor();
    await page.getByText("Saisissez le nom de la personne.").waitFor();
    await page.getByText("Donnez au moins un rôle.").waitFor();

    // The address is the account created above: the server refuses it, and nothing typed is lost.
    await page.getByLabel("Adresse électronique").fill(PERSON.email);
    await page.getByLabel("Nom et prénom").fill("Quelqu'un d'autre");
    await page.getByLabel("Rôle", { exact: true }).selectOption({ label: "Direction de l'ingénierie des services" });
    await page.getByRole("button", { name: "Ajouter ce rôle" }).click();
    await submit.click();
    const summary = page.locator(".fr-alert--error").filter({ hasText: "Le compte n'a pas été créé" });
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Un compte existe déjà");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toContain("Le compte n'a pas été créé");
    expect(await page.getByLabel("Adresse électronique").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Adresse électronique").inputValue()).toBe(PERSON.email);
    expect(await page.getByLabel("Nom et prénom").inputValue()).toBe("Quelqu'un d'autre");
    expect(await page.getByRole("button", { name: /^Retirer le rôle Direction de l'ingénierie des services/ }).count()).toBe(1);
    expect(await total("q=quelqu")).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("lists the new account as invited, its roles in words", async () => {
    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, ADMIN, "/administration/comptes");
    await page.getByLabel("Rechercher un nom ou une adresse").fill("deux-ateliers");
    await expect.poll(() => countText(page).textContent()).toMatch(/^1 compte sur /);
    const row = page.getByRole("row").filter({ hasText: PERSON.email });
    expect(await row.getByText("Invitation en attente").count()).toBe(1);
    for (const line of ROLE_LINES) expect(await row.textContent()).toContain(line);
    expect(await row.textContent()).toContain("Jamais");
    await page.getByLabel("État", { exact: true }).selectOption({ label: "Invitation en attente" });
    await expect.poll(() => countText(page).textContent()).toMatch(/^1 compte sur /);
    await row.getByRole("link", { name: PERSON.name }).click();
    await page.waitForURL((url) => url.pathname === `/administration/comptes/${accountId}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("sends the invitation again, deactivates and reactivates the account after a confirmation, and refuses to deactivate oneself", async () => {
    const { page, problems } = await freshPage(/status of (401|409)/);
    await signInPage(page, platform.baseUrl, ADMIN, `/administration/comptes/${accountId}`);
    await page.getByRole("heading", { level: 1, name: PERSON.name }).waitFor();

    await page.getByRole("button", { name: "Renvoyer l'invitation" }).click();
    await page.locator(".fr-alert--success").filter({ hasText: "Invitation envoyée" }).waitFor();

    await page.getByRole("button", { name: "Désactiver le compte" }).click();
    const dialog = page.getByRole("dialog", { name: `Désactiver le compte de ${PERSON.name} ?` });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("ses sessions ouvertes prennent fin");
    expect(await dialog.textContent()).toContain("ses jetons d'API cessent de fonctionner");
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Nothing happens before the confirmation.
    expect((await account()).status).toBe("invited");
    await dialog.getByRole("button", { name: "Confirmer la désactivation" }).click();
    await page.getByText(`Le compte de ${PERSON.name} est désactivé : ses sessions et ses jetons d'API ont pris fin.`).waitFor();
    await page.locator("p").getByText("Désactivé", { exact: true }).waitFor();
    expect(await account()).toMatchObject({ status: "disabled", active: false });
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await page.getByRole("button", { name: "Réactiver le compte" }).click();
    const again = page.getByRole("dialog", { name: `Réactiver le compte de ${PERSON.name} ?` });
    await again.waitFor();
    await again.getByRole("button", { name: "Confirmer la réactivation" }).click();
    await page.getByText(`Le compte de ${PERSON.name} est réactivé`).waitFor();
    // Never signed in, no password: invited again, and the invitation can be sent again.
    expect(await account()).toMatchObject({ status: "invited", active: true });
    await page.getByRole("button", { name: "Renvoyer l'invitation" }).waitFor();

    // The roles, with the creation's editor: one atelier less, saved as a whole.
    await page.getByRole("button", { name: "Modifier les rôles" }).click();
    await page.getByRole("button", { name: `Retirer le rôle ${ROLE_LINES[1]}` }).click();
    await page.getByRole("button", { name: "Enregistrer les rôles" }).click();
    await page.getByText(`Les rôles de ${PERSON.name} sont enregistrés.`).waitFor();
    const roles = page.getByRole("region", { name: "Rôles" });
    await roles.getByText(ROLE_LINES[0], { exact: true }).waitFor();
    // The notice comes with the saved answer; the account's roles on screen follow with its reload.
    await expect.poll(() => roles.getByText(ROLE_LINES[1], { exact: true }).count()).toBe(0);
    expect(((await apiOk(platform.baseUrl, admin, "GET", `/users/${accountId}`)) as { roles: unknown[] }).roles).toEqual([
      { role: "atelier", atelierCode: "86" },
    ]);

    // The administrator's own account: the API's refusal, in French, in the dialog; nothing changes.
    const me = (await apiOk(platform.baseUrl, admin, "GET", "/me")) as { id: string };
    await page.goto(`${platform.baseUrl}/administration/comptes/${me.id}`);
    await page.getByRole("heading", { level: 1, name: "Administration de la plateforme" }).waitFor();
    await page.getByRole("button", { name: "Désactiver le compte" }).click();
    const self = page.getByRole("dialog", { name: /^Désactiver le compte de/ });
    await self.getByRole("button", { name: "Confirmer la désactivation" }).click();
    const refusal = self.locator(".fr-alert--error").filter({ hasText: "Désactivation refusée" });
    await refusal.waitFor();
    expect((await refusal.textContent())?.length).toBeGreaterThan("Désactivation refusée".length + 10);
    expect(((await apiOk(platform.baseUrl, admin, "GET", `/users/${me.id}`)) as { active: boolean }).active).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("lists these actions in the journal with their labels and details, and in the account's own journal", async () => {
    const { page, problems } = await freshPage();
    await signInPage(page, platform.baseUrl, ADMIN, `/administration/comptes/${accountId}`);
    const own = page.getByRole("table", { name: /sur ce compte/ });
    await own.waitFor();
    await expect.poll(() => own.locator("tbody tr").count()).toBe(6);
    expect(await journalRows(own, "Compte créé").count()).toBe(1);
    expect(await journalRows(own, "Invitation envoyée").count()).toBe(2);
    expect(await journalRows(own, "Compte désactivé").count()).toBe(1);
    expect(await journalRows(own, "Compte réactivé").count()).toBe(1);
    const changed = journalRows(own, "Rôles modifiés");
    expect(await changed.count()).toBe(1);
    await changed.getByText("Détails").click();
    expect(await changed.locator("dl").textContent()).toBe(`RôlesAvant : ${ROLE_LINES.join(" ; ")}Après : ${ROLE_LINES[0]}`);

    await page.goto(`${platform.baseUrl}/administration/journal`);
    await page.getByRole("heading", { level: 1, name: "Journal des actions" }).waitFor();
    const table = page.getByRole("table", { name: /^Actions de la plus récente à la plus ancienne/ });
    await table.waitFor();
    const subject = `${PERSON.name} <${PERSON.email}>`;
    const created = journalRows(table, "Compte créé").filter({ hasText: subject });
    await created.waitFor();
    expect(await created.textContent()).toContain("Administration de la plateforme <admin@canope.test>");
    // The details, in words: the roles with their ateliers' names, no raw JSON.
    await created.getByText("Détails").click();
    const details = created.locator("dl");
    await details.waitFor();
    for (const line of ROLE_LINES) expect(await details.textContent()).toContain(line);
    expect(await details.textContent()).toContain(PERSON.email);
    expect(await details.textContent()).not.toContain("{");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // One action chosen: the refused self-deactivation wrote nothing, so one line.
    await page.getByLabel("Action", { exact: true }).selectOption({ label: "Compte désactivé" });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    expect(await table.locator("tbody tr").textContent()).toContain(subject);
    const deactivated = table.locator("tbody tr");
    await deactivated.getByText("Détails").click();
    expect(await deactivated.locator("dl").textContent()).toMatch(/Compte actifAvant : OuiAprès : Non/);
    expect(new URL(page.url()).searchParams.get("action")).toBe("user.deactivated");
    // Today's actions, by the administrator.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
    await page.getByLabel("Personne").fill("admin@canope");
    await page.getByLabel(/^Du/).fill(today);
    await expect
      .poll(() =>
        page
          .locator("p[role=status]")
          .filter({ hasText: /action/ })
          .textContent(),
      )
      .toMatch(/^1 action depuis le /);
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("refuses the accounts and the journal to anyone but an administrator", async () => {
    const { page, problems } = await freshPage(/status of (401|403)/);
    await signInPage(page, platform.baseUrl, NATIONAL, "/administration/comptes");
    await page.getByRole("heading", { level: 1, name: "Comptes" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Accès réservé à l'administration de la plateforme" }).waitFor();
    expect(await page.locator("table").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Créer un compte" }).count()).toBe(0);
    for (const route of ["/administration/comptes/nouveau", `/administration/comptes/${accountId}`, "/administration/journal"]) {
      await page.goto(`${platform.baseUrl}${route}`);
      await page.getByRole("heading", { level: 2, name: "Accès réservé à l'administration de la plateforme" }).waitFor();
      expect(await page.getByText(PERSON.email).count()).toBe(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);

  it("fits a phone 360 px wide on each of the four pages", async () => {
    await onPhone(chromiumPath as string, async (page) => {
      await signInPage(page, platform.baseUrl, ADMIN, "/administration/comptes");
      await page.locator("tbody tr").first().waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.goto(`${platform.baseUrl}/administration/comptes/nouveau`);
      await page.getByLabel("Rôle", { exact: true }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.goto(`${platform.baseUrl}/administration/comptes/${accountId}`);
      await page.getByRole("table", { name: /sur ce compte/ }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.goto(`${platform.baseUrl}/administration/journal`);
      await page.locator("tbody tr").first().waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });
  }, 180_000);
});
