/**
 * What a person does for themselves, in a real browser (issue 9): the
 * forgotten-password page and its answer, a dead link, the password changed
 * in the profile under the live policy (their other browser is signed out),
 * their sessions ended one by one, the others, then everywhere, and a DIS
 * API token seen once, read-only, then revoked. Axe and a 360 px phone on
 * every page of it. On a platform of its own: passwords change and sessions
 * end, which the other tests' accounts must not see.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { PASSWORD, type Platform, startPlatform } from "./support/platform.ts";
import { watchProblems } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");

/** Changes its password here. */
const CHANGER = "dt.normandie@canope.test";
/** Ends its sessions here. */
const DIRECTOR = "atelier.86@canope.test";
const NATIONAL = "dis@canope.test";
const NEW_PASSWORD = "Lune verte sur le canal de Caen en 2026";
const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

let platform: Platform;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
/** The same person's other computer. */
let other: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  if (!chromiumPath) return;
  platform = await startPlatform({ demo: "accounts", label: "Le serveur du test du libre-service", env: { WORKERS: "1" } });
  browser = await launchBrowser(chromiumPath);
  other = await launchBrowser(chromiumPath);
}, 180_000);
afterAll(async () => {
  await other?.close();
  await browser?.close();
  await platform?.stop();
});

// 401: nobody signed in yet; 410: a dead link; 422: a refusal the test provokes.
const EXPECTED = /status of (401|410|422)/;

async function freshPage(context = browser.context): Promise<{ page: Page; problems: string[] }> {
  await context.clearCookies();
  const page = await context.newPage();
  return { page, problems: watchProblems(page, EXPECTED) };
}

const url = (path: string) => `${platform.baseUrl}${path}`;

async function signInPage(page: Page, email: string, path = "/", password = PASSWORD) {
  await page.goto(url(path));
  await page.waitForURL(/\/connexion/);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/connexion"));
}

/** A session opened by a script, as from Firefox on Windows, so that the profile shows it by its own name. */
async function scriptSession(email: string): Promise<string> {
  const res = await fetch(url("/api/auth/login"), {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": FIREFOX },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

const meStatus = async (cookie: string) => (await fetch(url("/api/me"), { headers: { cookie } })).status;
const pageMeStatus = async (page: Page) => (await page.request.get(url("/api/me"))).status();

const passwordSection = (page: Page) => page.getByRole("region", { name: "Mot de passe" });
const sessionsSection = (page: Page) => page.getByRole("region", { name: "Sessions ouvertes" });
const tokensSection = (page: Page) => page.getByRole("region", { name: "Jetons d'API" });

/** The French messages the DSFR writes under a password field, of one severity. */
const fieldMessages = (page: Page, label: string, severity: "error" | "valid" | "info") =>
  page
    .locator(".fr-password")
    .filter({ has: page.getByLabel(label, { exact: true }) })
    .locator(`.fr-message--${severity}`);

describe.skipIf(!chromiumPath)("a person's own account, in a real browser", () => {
  it("leads from the login page to the forgotten password, which answers the same for any address", async () => {
    const { page, problems } = await freshPage();
    await page.goto(url("/connexion"));
    await page.getByRole("heading", { level: 1, name: "Connexion à Enquête atelier" }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Single sign-on is not configured on this platform: no ProConnect button.
    expect(await page.getByText(/ProConnect/).count()).toBe(0);
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await page.waitForURL(/\/mot-de-passe-oublie$/);
    await page.getByRole("heading", { level: 1, name: "Mot de passe oublié" }).waitFor();
    expect(await page.title()).toBe("Mot de passe oublié – Enquête atelier");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Recevoir un lien" }).click();
    await page.getByText("Saisissez votre adresse électronique.").waitFor();

    const answers: string[] = [];
    for (const email of [DIRECTOR, "personne.inconnue@canope.test"]) {
      await page.goto(url("/mot-de-passe-oublie"));
      await page.getByLabel("Adresse électronique").fill(email);
      await page.getByRole("button", { name: "Recevoir un lien" }).click();
      const alert = page.locator(".fr-alert--success").filter({ hasText: "Si un compte actif correspond à cette adresse" });
      await alert.waitFor();
      answers.push(((await alert.textContent()) ?? "").replace(email, "<adresse>"));
    }
    expect(answers[0]).toBe(answers[1]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Retour à la connexion" }).click();
    await page.waitForURL(/\/connexion$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("offers ProConnect when the platform has it, bringing the person back where they were going, and explains its refusals", async () => {
    const { page, problems } = await freshPage();
    // This platform has no provider: the options are answered as one that has (the API's own test covers the real answer).
    await page.route("**/api/auth/options", (route) =>
      route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ oidc: { enabled: true, label: "ProConnect" } }),
      }),
    );
    await page.goto(url("/connexion?retour=%2Fprofil&sso=inconnu"));
    const button = page.locator("a.fr-connect");
    await button.waitFor();
    expect(await button.getAttribute("href")).toBe("/api/auth/oidc/login?returnTo=%2Fprofil");
    expect(((await button.textContent()) ?? "").replace(/\s+/g, " ")).toContain("ProConnect");
    await page.getByText("Aucun compte actif ne correspond à votre adresse ProConnect.").waitFor();
    // The password form is there all along.
    await page.getByLabel("Adresse électronique").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(url("/connexion?sso=erreur"));
    await page.getByText("La connexion avec ProConnect n'a pas abouti.").waitFor();
    expect(await page.getByText("Aucun compte actif ne correspond").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("says a dead link is no longer valid, takes its secret out of the address, and offers a new one", async () => {
    const { page, problems } = await freshPage();
    await page.goto(url("/mot-de-passe#nimportequoi"));
    await page.getByRole("heading", { level: 1, name: "Choisissez votre mot de passe" }).waitFor();
    await page.getByRole("heading", { name: "Ce lien n'est plus valable" }).waitFor();
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.evaluate(() => window.location.href)).not.toContain("nimportequoi");
    expect(await page.getByLabel("Nouveau mot de passe").count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Recevoir un nouveau lien" }).click();
    await page.waitForURL(/\/mot-de-passe-oublie$/);
    // Without any secret at all: the same answer, without asking the server.
    await page.goto(url("/mot-de-passe"));
    await page.getByRole("heading", { name: "Ce lien n'est plus valable" }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("changes the password in the profile under the live policy, and signs the person's other browser out", async () => {
    const elsewhere = await freshPage(other.context);
    await signInPage(elsewhere.page, CHANGER);
    const { page, problems } = await freshPage();
    await signInPage(page, CHANGER, "/profil");
    await passwordSection(page).waitFor();
    // A territorial director's profile has the tokens; the policy's reasons appear as the person types.
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("password1234");
    await fieldMessages(page, "Nouveau mot de passe", "error").filter({ hasText: "vite deviné" }).first().waitFor();
    expect(await page.getByLabel("Nouveau mot de passe", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("court");
    await fieldMessages(page, "Nouveau mot de passe", "error").filter({ hasText: "au moins 12 caractères" }).waitFor();
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("normandie.dt.2026!");
    await fieldMessages(page, "Nouveau mot de passe", "error").first().waitFor();
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(NEW_PASSWORD);
    await fieldMessages(page, "Nouveau mot de passe", "valid").filter({ hasText: "Mot de passe accepté." }).waitFor();
    expect(await fieldMessages(page, "Nouveau mot de passe", "error").count()).toBe(0);

    // A refused password is not sent at all.
    await page.getByLabel("Mot de passe actuel").fill(PASSWORD);
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("password1234");
    await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
    await fieldMessages(page, "Nouveau mot de passe", "error").first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("newPassword");

    // The wrong current password: the server's French reason, on its field.
    await page.getByLabel("Mot de passe actuel").fill("pas-le-bon-mot-de-passe");
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
    await fieldMessages(page, "Mot de passe actuel", "error").filter({ hasText: "incorrect" }).waitFor();
    expect(await elsewhere.page.request.get(url("/api/me")).then((r) => r.status())).toBe(200);

    await page.getByLabel("Mot de passe actuel").fill(PASSWORD);
    await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
    await page.getByRole("heading", { name: "Mot de passe changé" }).waitFor();
    await page.getByText("Vos autres sessions ont été fermées").waitFor();
    expect(await page.getByLabel("Mot de passe actuel").inputValue()).toBe("");

    // The other browser is signed out at its next step; this one goes on.
    await elsewhere.page.reload();
    await elsewhere.page.waitForURL(/\/connexion/);
    expect(await pageMeStatus(page)).toBe(200);
    await sessionsSection(page).getByRole("row").nth(1).waitFor();
    expect(await sessionsSection(page).getByRole("row").count()).toBe(2); // the header and this session
    await elsewhere.page.close();

    // The old password is refused, the new one opens a session.
    const login = (password: string) =>
      fetch(url("/api/auth/login"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: CHANGER, password }),
      }).then((r) => r.status);
    expect(await login(PASSWORD)).toBe(401);
    expect(await login(NEW_PASSWORD)).toBe(200);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("lists the person's sessions and ends one, the others, then every one of them", async () => {
    const script = await scriptSession(DIRECTOR);
    const elsewhere = await freshPage(other.context);
    await signInPage(elsewhere.page, DIRECTOR);
    const { page, problems } = await freshPage();
    await signInPage(page, DIRECTOR, "/profil");
    const sessions = sessionsSection(page);
    const rows = sessions.getByRole("row");
    await expect.poll(() => rows.count()).toBe(4);
    const current = rows.filter({ hasText: "Cette session" });
    expect(await current.count()).toBe(1);
    expect(await current.getByRole("button", { name: /Terminer/ }).count()).toBe(0);
    // An atelier director has no API tokens.
    expect(await page.getByRole("heading", { name: "Jetons d'API" }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const firefox = rows.filter({ hasText: "Firefox 133 sous Windows" });
    expect(((await firefox.textContent()) ?? "").replace(/\s+/g, " ")).toContain("Connexion par mot de passe");
    await firefox.getByRole("button", { name: /^Terminer/ }).click();
    await sessions.getByRole("status").getByText("La session Firefox 133 sous Windows est terminée.").waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await meStatus(script)).toBe(401);
    expect(await pageMeStatus(elsewhere.page)).toBe(200);

    await sessions.getByRole("button", { name: "Terminer toutes les autres sessions" }).click();
    await sessions.getByRole("status").getByText("Votre autre session est terminée.").waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await pageMeStatus(elsewhere.page)).toBe(401);
    expect(await sessions.getByRole("button", { name: "Terminer toutes les autres sessions" }).count()).toBe(0);
    await elsewhere.page.close();

    const later = await scriptSession(DIRECTOR);
    await sessions.getByRole("button", { name: "Se déconnecter de tous les appareils" }).click();
    await page.waitForURL(/\/connexion$/);
    expect(await pageMeStatus(page)).toBe(401);
    expect(await meStatus(later)).toBe(401);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("creates a DIS token shown once, that reads with GET only, until it is revoked", async () => {
    const { page, problems } = await freshPage();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: platform.baseUrl });
    // The address of the expiry email: signed in first, since the sign-in page brings back the path and not its #.
    await signInPage(page, NATIONAL);
    await page.goto(url("/profil#jetons"));
    const tokens = tokensSection(page);
    await tokens.waitFor();
    await expect.poll(() => tokens.evaluate((s) => s.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    const expiry = await tokens.getByLabel("Date d'expiration").inputValue();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
    const days = (Date.parse(expiry) - Date.parse(today)) / 86_400_000;
    expect(days).toBe(90);

    await tokens.getByRole("button", { name: "Créer le jeton" }).click();
    await tokens.getByText("Donnez un nom au jeton").waitFor();
    await tokens.getByLabel("Nom du jeton").fill("Consolidation de la DIS");
    await tokens.getByRole("button", { name: "Créer le jeton" }).click();
    const shown = tokens.getByLabel("Votre nouveau jeton");
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^ea_[A-Za-z0-9_-]{43}$/);
    expect(await shown.getAttribute("readonly")).not.toBeNull();
    await tokens.getByText("Il ne sera plus jamais affiché").waitFor();
    await tokens.getByText(`Bearer ${token}`).waitFor();
    await tokens.getByRole("button", { name: "Copier" }).click();
    await tokens.getByRole("status").getByText("Jeton copié dans le presse-papiers.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const year = new Date().getFullYear();
    const bearer = { authorization: `Bearer ${token}` };
    const read = await fetch(url(`/api/indicators?scope=national&year=${year}`), { headers: bearer });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { indicators: unknown[] }).indicators.length).toBeGreaterThan(0);
    const write = await fetch(url(`/api/targets/1-1/${year}`), {
      method: "PUT",
      headers: { ...bearer, "content-type": "application/json" },
      body: JSON.stringify({ value: 1000 }),
    });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { message: string }).message).toContain("lecture");

    // Listed by its start only; once the panel is closed, or the page reloaded, the token is nowhere on it.
    const row = tokens.getByRole("row").filter({ hasText: "Consolidation de la DIS" });
    await row.getByText(`${token.slice(0, 10)}…`).waitFor();
    await row.getByText("Actif").waitFor();
    await tokens.getByRole("button", { name: "J'ai copié mon jeton" }).click();
    expect(await shown.count()).toBe(0);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(token);
    // Its one use is on record.
    expect(((await row.textContent()) ?? "").includes("Jamais")).toBe(false);

    await row.getByRole("button", { name: /^Révoquer/ }).click();
    const dialog = page.getByRole("dialog", { name: "Révoquer le jeton « Consolidation de la DIS » ?" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Révoquer le jeton" }).click();
    await tokens.getByRole("status").getByText("Le jeton « Consolidation de la DIS » est révoqué").waitFor();
    await row.getByText("Révoqué").waitFor();
    expect(await row.getByRole("button", { name: /Révoquer/ }).count()).toBe(0);
    expect((await fetch(url(`/api/indicators?scope=national&year=${year}`), { headers: bearer })).status).toBe(401);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("fits a phone 360 px wide: login, forgotten password, dead link, profile", async () => {
    await onPhone(chromiumPath as string, async (page) => {
      for (const path of ["/connexion", "/mot-de-passe-oublie", "/mot-de-passe#perime"]) {
        await page.goto(url(path));
        await page.getByRole("heading", { level: 1 }).waitFor();
        if (path.startsWith("/mot-de-passe#")) await page.getByRole("heading", { name: "Ce lien n'est plus valable" }).waitFor();
        expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
        expect(await seriousA11yViolations(page), path).toEqual([]);
      }
      await page.goto(url("/connexion"));
      await page.getByLabel("Adresse électronique").fill(NATIONAL);
      await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.waitForURL((u) => u.pathname === "/");
      await page.goto(url("/profil"));
      await sessionsSection(page).getByRole("row").nth(1).waitFor();
      await tokensSection(page).getByLabel("Nom du jeton").waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      // The live policy fits too, with its reasons.
      await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("password1234");
      await fieldMessages(page, "Nouveau mot de passe", "error").first().waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });
  });
});
