/**
 * People and access, the whole journey in a real browser with a real SMTP
 * server started by the test: the administrator opens an account for a new
 * director of atelier 86, the invitation arrives at once with its link, the
 * link sets the password (a common one refused as it is typed) and dies once
 * used, the director signs in and finds their atelier; then the forgotten
 * password, for them and for an unknown address; then a DIS script reading
 * the indicators with an API token, refused on a write, and refused once the
 * token is revoked. The outbox shows the invitation without its secret link.
 *
 * On a platform of its own: it needs an SMTP server, and the scheduled jobs
 * off (JOBS=0), so that an email that arrives can only have been sent at once
 * by the action itself, never by the delivery job of the next minute.
 */

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { linkIn, type Mail, type Mailbox, startMailbox } from "../apps/api/test/mailbox.ts";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { thisMonth } from "./support/months.ts";
import { type Platform, startPlatform } from "./support/platform.ts";
import { signInPage } from "./support/referential.ts";
import { watchProblems } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");

const ADMIN = "admin@canope.test";
const NATIONAL = "dis@canope.test";
const DIRECTOR = { email: "nouvelle.directrice@canope.test", name: "Nadia Directrice" };
const UNKNOWN = "personne.inconnue@canope.test";
const ATELIER = "Atelier Canopé 86 – Poitiers";
/** Strong enough for the policy (checked by the domain's own tests); the second replaces the first. */
const FIRST_PASSWORD = "mésange-tranquille-du-marais-86";
const SECOND_PASSWORD = "héron-cendré-sur-la-vienne-1987";
/** The seconds an email a person waits for may take: sent at once, not at the next minute. */
const AT_ONCE_MS = 5_000;

const INVITATION_SUBJECT = "Votre compte sur Enquête atelier";
const RESET_SUBJECT = "Choisir un nouveau mot de passe pour Enquête atelier";

let platform: Platform;
let mailbox: Mailbox;
/** The administrator's and the national team's browser. */
let office: Awaited<ReturnType<typeof launchBrowser>>;
/** The new director's own browser: nothing of the administrator's session in it. */
let home: Awaited<ReturnType<typeof launchBrowser>>;
/** The invitation's link, as the email has it. */
let invitationLink = "";

beforeAll(async () => {
  if (!chromiumPath) return;
  mailbox = await startMailbox();
  platform = await startPlatform({
    demo: "accounts",
    label: "Le serveur du parcours des comptes",
    env: { WORKERS: "1", JOBS: "0", SMTP_HOST: "127.0.0.1", SMTP_PORT: String(mailbox.port), SMTP_SECURE: "false" },
  });
  office = await launchBrowser(chromiumPath);
  home = await launchBrowser(chromiumPath);
}, 180_000);
afterAll(async () => {
  await office?.close();
  await home?.close();
  await platform?.stop();
  await mailbox?.stop();
});

/**
 * startPlatform chooses its port itself and does not set PUBLIC_URL, so the
 * links of its emails start with the default, http://localhost:<port>: the
 * same server under another name. The browser opens them on the address the
 * test signs in at, so that every page of the journey shares one origin.
 */
function onPlatform(link: string): string {
  const url = new URL(link);
  const served = new URL(platform.baseUrl);
  expect([served.origin, `http://localhost:${served.port}`]).toContain(url.origin);
  return `${platform.baseUrl}${url.pathname}${url.search}${url.hash}`;
}

/** A page of one of the browsers, signed out, its problems collected (a dead link answers 410, a wrong password 401). */
async function freshPage(browser: typeof office): Promise<{ page: Page; problems: string[] }> {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  return { page, problems: watchProblems(page, /status of (401|410)/) };
}

/** The login form of the page on screen, filled in and sent. */
async function logIn(page: Page, email: string, password: string) {
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

const to = (email: string, subject: string) => (m: Mail) => m.to.includes(email) && m.subject === subject;

/** Opens a password link, chooses the password, and lands on the login page that says it is saved. */
async function choosePassword(page: Page, link: string, password: string) {
  await page.goto(onPlatform(link));
  await page.getByRole("heading", { level: 1, name: "Choisissez votre mot de passe" }).waitFor();
  await page.getByText(DIRECTOR.email).first().waitFor();
  // The secret leaves the address bar once read: it stays out of the history and of a shared screen.
  await expect.poll(() => new URL(page.url()).hash).toBe("");
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(password);
  await page.getByLabel("Confirmer le mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await page.waitForURL((url) => url.pathname === "/connexion");
  await page.getByText("Votre mot de passe est enregistré").waitFor();
}

// Generous: two browsers and a platform share two cores with the other tests' work.
describe.skipIf(!chromiumPath)("people and access: invitation, forgotten password, API token", { timeout: 180_000 }, () => {
  it("the administrator creates a director of atelier 86: the invitation leaves at once, its link masked in the outbox", async () => {
    const { page, problems } = await freshPage(office);
    await signInPage(page, platform.baseUrl, ADMIN, "/administration/comptes");
    await page.getByRole("heading", { level: 1, name: "Comptes" }).waitFor();
    await page.getByRole("link", { name: "Créer un compte" }).click();
    await page.waitForURL((url) => url.pathname === "/administration/comptes/nouveau");
    await page.getByRole("heading", { level: 1, name: "Créer un compte" }).waitFor();

    await page.getByLabel("Adresse électronique").fill(DIRECTOR.email);
    await page.getByLabel("Nom et prénom").fill(DIRECTOR.name);
    await page.getByLabel("Rôle", { exact: true }).selectOption({ label: "Direction d'atelier" });
    await page.getByLabel("Atelier", { exact: true }).selectOption("86");
    await page.getByRole("button", { name: "Ajouter ce rôle" }).click();
    await page.getByRole("button", { name: "Retirer" }).first().waitFor();
    await page.getByRole("button", { name: "Créer le compte et envoyer l'invitation" }).click();

    // The new account's own page (the creation form's address matches the same pattern).
    await page.waitForURL((url) => /^\/administration\/comptes\/(?!nouveau$)[^/]+$/.test(url.pathname));
    const sent = page.locator(".fr-alert--success").filter({ hasText: "Invitation envoyée" });
    await sent.waitFor();
    await sent.getByText(DIRECTOR.email).waitFor();
    await page.getByRole("heading", { level: 1, name: DIRECTOR.name }).waitFor();

    // The scheduled jobs are off: this email can only be the one the creation sent itself.
    const invitation = await mailbox.waitFor(to(DIRECTOR.email, INVITATION_SUBJECT), AT_ONCE_MS);
    expect(invitation.text).toContain(`Bonjour ${DIRECTOR.name},`);
    expect(invitation.text).toContain("72 heures");
    invitationLink = linkIn(invitation);
    const url = new URL(invitationLink);
    expect(url.pathname).toBe("/mot-de-passe");
    const secret = url.hash.slice(1);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    // The HTML part carries the same link.
    expect(invitation.html).toContain(secret);

    // The outbox lists the invitation, never its secret: neither on the page nor in what the page reads.
    await page.goto(`${platform.baseUrl}/administration/courriels`);
    const row = page.getByRole("row").filter({ hasText: DIRECTOR.email }).filter({ hasText: INVITATION_SUBJECT });
    await row.first().waitFor();
    await row.first().getByText("lien personnel masqué").waitFor();
    await row.first().getByText("Envoyé", { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    const outbox = await page.request.get(`${platform.baseUrl}/api/outbox?limit=200`);
    expect(outbox.status()).toBe(200);
    const listed = await outbox.text();
    expect(listed).toContain(DIRECTOR.email);
    expect(listed).not.toContain(secret);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the link sets the password (a common one refused as it is typed), the director signs in and finds atelier 86", async () => {
    expect(invitationLink).not.toBe("");
    const { page, problems } = await freshPage(home);
    await page.goto(onPlatform(invitationLink));
    await page.getByRole("heading", { level: 1, name: "Choisissez votre mot de passe" }).waitFor();
    await page.getByText(DIRECTOR.email).first().waitFor();
    await expect.poll(() => new URL(page.url()).hash).toBe("");
    // This form is reachable only through a live link: the other browser tests see its dead-link state.
    expect(await seriousA11yViolations(page)).toEqual([]);
    const overflow = await onPhone(chromiumPath as string, async (phone) => {
      await phone.goto(onPlatform(invitationLink));
      await phone.getByRole("heading", { level: 1, name: "Choisissez votre mot de passe" }).waitFor();
      return await horizontalOverflow(phone);
    });
    expect(overflow).toBeLessThanOrEqual(0);

    // The domain's own French reason, shown while typing, before anything is sent.
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("password1234");
    await page
      .getByText(/couramment utilisé/)
      .first()
      .waitFor();

    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(FIRST_PASSWORD);
    await page.getByText("Mot de passe accepté").first().waitFor();
    await expect(page.getByText(/couramment utilisé/).count()).resolves.toBe(0);
    await page.getByLabel("Confirmer le mot de passe", { exact: true }).fill(FIRST_PASSWORD);
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await page.waitForURL((url) => url.pathname === "/connexion");
    await page.getByText("Votre mot de passe est enregistré").waitFor();

    await logIn(page, DIRECTOR.email, FIRST_PASSWORD);
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("heading", { level: 2, name: ATELIER, exact: true }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the same link opened again is no longer valid, and says where to ask for another", async () => {
    expect(invitationLink).not.toBe("");
    const { page } = await freshPage(home);
    await page.goto(onPlatform(invitationLink));
    const dead = page.locator(".fr-alert").filter({ hasText: "Ce lien n'est plus valable" });
    await dead.waitFor();
    await dead.locator('a[href="/mot-de-passe-oublie"]').waitFor();
    await expect(page.getByLabel("Nouveau mot de passe", { exact: true }).count()).resolves.toBe(0);
    await page.close();
  });

  it("a forgotten password: the same answer for an unknown address (and no email), a link that replaces the old password", async () => {
    const { page, problems } = await freshPage(home);
    const ask = async (email: string) => {
      await page.goto(`${platform.baseUrl}/connexion`);
      await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
      await page.waitForURL((url) => url.pathname === "/mot-de-passe-oublie");
      await page.getByRole("heading", { level: 1, name: "Mot de passe oublié" }).waitFor();
      await page.getByLabel("Adresse électronique").fill(email);
      await page.getByRole("button", { name: "Recevoir un lien" }).click();
      const answer = page.locator(".fr-alert").filter({ hasText: "Si un compte actif correspond à cette adresse" });
      await answer.waitFor();
      return ((await answer.textContent()) ?? "").replaceAll(email, "<adresse>");
    };

    // The unknown address first: by the time the director's email has arrived, its own would have too.
    const unknownAnswer = await ask(UNKNOWN);
    const knownAnswer = await ask(DIRECTOR.email);
    expect(knownAnswer).toBe(unknownAnswer);

    const reset = await mailbox.waitFor(to(DIRECTOR.email, RESET_SUBJECT), AT_ONCE_MS);
    expect(reset.text).toContain("60 minutes");
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mailbox.messages.filter((m) => m.to.includes(UNKNOWN))).toEqual([]);

    await choosePassword(page, linkIn(reset), SECOND_PASSWORD);

    // The old password no longer opens the account; the new one does.
    await logIn(page, DIRECTOR.email, FIRST_PASSWORD);
    await page.getByText("Adresse électronique ou mot de passe incorrect.").waitFor();
    await page.getByLabel("Mot de passe", { exact: true }).fill(SECOND_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("heading", { level: 2, name: ATELIER, exact: true }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("a DIS script reads the indicators with a token made in the profile, cannot write with it, and is refused once it is revoked", async () => {
    const { page, problems } = await freshPage(office);
    await signInPage(page, platform.baseUrl, NATIONAL, "/profil");
    // Its own section, whose heading the expiry email links to (/profil#jetons).
    const tokens = page.getByRole("region", { name: "Jetons d'API" });
    await tokens.locator("h2#jetons").waitFor();
    await tokens.getByLabel("Nom du jeton").fill("Script du tableau de bord");
    const expiry = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await tokens.getByLabel("Date d'expiration").fill(expiry);
    await tokens.getByRole("button", { name: "Créer le jeton" }).click();
    const shown = page.getByLabel("Votre nouveau jeton");
    await shown.waitFor();
    const token = await shown.inputValue();
    expect(token).toMatch(/^ea_[A-Za-z0-9_-]{43}$/);
    expect(await shown.getAttribute("readonly")).not.toBeNull();

    const year = thisMonth().year;
    const script = (method: "GET" | "PUT", path: string, body?: unknown) =>
      fetch(`${platform.baseUrl}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const read = await script("GET", `/indicators?scope=national&year=${year}`);
    expect(read.status).toBe(200);
    const figures = (await read.json()) as { indicators: { code: string; target?: number | null }[] };
    expect(figures.indicators.length).toBeGreaterThan(0);

    // A token reads only: a write is refused, and changes nothing.
    const write = await script("PUT", `/targets/1-1/${year}`, { value: 123456 });
    expect(write.status).toBe(403);
    expect(((await write.json()) as { message: string }).message).toMatch(/lecture/);
    const after = (await (await script("GET", `/indicators?scope=national&year=${year}`)).json()) as typeof figures;
    expect(after.indicators.find((i) => i.code === "1-1")?.target).toEqual(figures.indicators.find((i) => i.code === "1-1")?.target);

    // Shown once: after a reload, the page has only its prefix.
    await page.reload();
    await tokens.locator("h2#jetons").waitFor();
    const row = tokens.getByRole("row").filter({ hasText: "Script du tableau de bord" });
    await row.waitFor();
    await expect(page.getByLabel("Votre nouveau jeton").count()).resolves.toBe(0);
    expect(await page.content()).not.toContain(token);

    await row.getByRole("button", { name: /^Révoquer/ }).click();
    const confirm = page.getByRole("dialog", { name: /Révoquer le jeton/ });
    await confirm.getByRole("button", { name: "Révoquer le jeton", exact: true }).click();
    await tokens.getByText("est révoqué").waitFor();
    // Revoked means refused at once, not at the end of some cache.
    expect((await script("GET", `/indicators?scope=national&year=${year}`)).status).toBe(401);
    expect(problems).toEqual([]);
    await page.close();
  });
});
