/**
 * The profile's email preferences and the administrators' outbox in a real
 * browser: a director turns reminders off and finds them off after a reload,
 * the essential email stays on, a refusal is explained; the outbox shows the
 * email of a return, and why it was not sent (no SMTP server in the tests).
 * Atelier 33 (Bordeaux) and its territory's director only: other browser
 * tests use 86, 87, 79, 14, 27 and 50.
 */

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildValues } from "../apps/api/test/factories.ts";
import { launchBrowser } from "./browser.ts";
import { apiSignIn, call } from "./support/api.ts";
import { horizontalOverflow, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo, ofMonth } from "./support/months.ts";
import { returnReport, submitReport } from "./support/reports.ts";
import { newPage as freshPage, signIn } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const ATELIER = "33";
const DIRECTOR = "atelier.33@canope.test";
const TERRITORY = "dt.aquitaine-limousin-poitou-charentes@canope.test";
const ADMIN = "admin@canope.test";
const LAST_MONTH = monthsAgo(1);

const RETURN_SUBJECT = `Rapport ${ofMonth(LAST_MONTH)} renvoyé pour correction (atelier ${ATELIER})`;

type OutboxItem = { to: string; subject: string; status: string; lastError: string | null };

/** Atelier 33's return email as the outbox API has it (the newest emails are enough: it was just written). */
async function returnEmail(admin: string): Promise<OutboxItem | undefined> {
  const page = (await call(admin, "GET", "/outbox?limit=200")) as { items: OutboxItem[] };
  return page.items.find((i) => i.to === DIRECTOR && i.subject === RETURN_SUBJECT);
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  // Last month's report, submitted by the atelier and returned by its territory: one email to the director.
  await submitReport(ATELIER, LAST_MONTH, buildValues());
  await returnReport(TERRITORY, ATELIER, LAST_MONTH, "Merci de vérifier le nombre de stagiaires.");
});
afterAll(async () => await browser?.close());

// A 422 is a change the server refuses on purpose.
const newPage = () => freshPage(browser.context, /status of (401|422)/);

/** Opens a page of the app: sign-in first, then back to it. */
async function signInAt(page: Page, email: string, path: string) {
  await signIn(page, email, path);
  await page.waitForURL((url) => url.pathname === path.split("?")[0]);
}

const reminders = (page: Page) => page.getByRole("checkbox", { name: /Rappels d'échéance du rapport mensuel/ });
const returnNotices = (page: Page) => page.getByRole("checkbox", { name: /Avis de renvoi d'un rapport/ });
const validationNotices = (page: Page) => page.getByRole("checkbox", { name: /Avis de validation d'un rapport/ });

/** The preferences as the API has them for the page's signed-in person. */
async function savedPreferences(page: Page): Promise<Record<string, boolean>> {
  const res = await page.request.get(`${baseUrl}/api/me/notifications`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { preferences: { kind: string; enabled: boolean }[] };
  return Object.fromEntries(body.preferences.map((p) => [p.kind, p.enabled]));
}

describe.skipIf(!chromiumPath)("profile and outbox in a real browser", () => {
  it("the name in the header opens the profile: who I am, my role in French with its scope", async () => {
    const { page, problems } = await newPage();
    await signInAt(page, DIRECTOR, "/");
    const me = (await (await page.request.get(`${baseUrl}/api/me`)).json()) as { displayName: string };
    await page.locator(".fr-header__tools-links").getByRole("link", { name: me.displayName }).click();
    await page.waitForURL(/\/profil$/);
    await page.getByRole("heading", { level: 1, name: "Mon profil" }).waitFor();
    expect(await page.title()).toBe("Mon profil – Enquête atelier");
    const account = page.getByRole("region", { name: "Mon compte" });
    await account.getByText(me.displayName, { exact: true }).waitFor();
    await account.getByText(DIRECTOR, { exact: true }).waitFor();
    await account.getByText("Direction d'atelier (Atelier Canopé 33 – Bordeaux)").waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("turns reminders off with the keyboard, and finds them off after a reload (the API agrees)", async () => {
    const { page, problems } = await newPage();
    await signInAt(page, DIRECTOR, "/profil");
    await page.getByRole("heading", { level: 2, name: "Courriels" }).waitFor();
    expect(await reminders(page).isChecked()).toBe(true);
    await reminders(page).focus();
    await page.keyboard.press("Space");
    await page.getByRole("status").filter({ hasText: "Préférences enregistrées." }).waitFor();
    expect(await reminders(page).isChecked()).toBe(false);
    await expect.poll(async () => (await savedPreferences(page)).reminders).toBe(false);

    await page.reload();
    await page.getByRole("heading", { level: 2, name: "Courriels" }).waitFor();
    await reminders(page).waitFor();
    expect(await reminders(page).isChecked()).toBe(false);
    expect(await validationNotices(page).isChecked()).toBe(true);
    expect(await savedPreferences(page)).toEqual({ reminders: false, report_validated: true, report_returned: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps the essential email on, says why, and the API refuses to turn it off", async () => {
    const { page } = await newPage();
    await signInAt(page, DIRECTOR, "/profil");
    // A line of text with a lock, not a disabled switch (a greyed label fails the contrast).
    const essential = page.locator("#courriel-report_returned");
    await essential.waitFor();
    expect(await returnNotices(page).count()).toBe(0);
    const text = await essential.textContent();
    expect(text).toContain("Avis de renvoi d'un rapport");
    expect(text).toContain("toujours activé");
    expect(text).toContain("il ne peut pas être désactivé");

    const refused = await page.request.put(`${baseUrl}/api/me/notifications`, { data: { preferences: { report_returned: false } } });
    expect(refused.status()).toBe(422);
    expect((await savedPreferences(page)).report_returned).toBe(true);
    await page.close();
  });

  it("explains a refused save in French and puts the switch back", async () => {
    const { page } = await newPage();
    await signInAt(page, DIRECTOR, "/profil");
    await validationNotices(page).waitFor();
    await page.route("**/api/me/notifications", async (route) => {
      if (route.request().method() !== "PUT") return await route.continue();
      await route.fulfill({
        status: 422,
        contentType: "application/json",
        body: JSON.stringify({
          code: "VALIDATION_FAILED",
          message: "Certaines préférences ne peuvent pas être enregistrées.",
          errors: [{ field: "preferences.report_validated", message: "Ce type de message ne vous concerne pas." }],
        }),
      });
    });
    await validationNotices(page).focus();
    await page.keyboard.press("Space");
    const alert = page.getByRole("alert").filter({ hasText: "Préférences non enregistrées" });
    await alert.getByText("Certaines préférences ne peuvent pas être enregistrées.").waitFor();
    await alert.getByText("Ce type de message ne vous concerne pas.").waitFor();
    expect(await validationNotices(page).isChecked()).toBe(true);
    expect((await savedPreferences(page)).report_validated).toBe(true);
    await page.close();
  });

  it("shows a non-administrator that the outbox is reserved, and the API refuses them", async () => {
    const { page } = await newPage();
    await signInAt(page, DIRECTOR, "/administration/courriels");
    await page.getByRole("heading", { level: 1, name: "Courriels envoyés par la plateforme" }).waitFor();
    await page.getByRole("heading", { name: "Accès réservé à l'administration de la plateforme" }).waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
    expect((await page.request.get(`${baseUrl}/api/outbox`)).status()).toBe(403);
    await page.close();
  });

  it("works on a phone 360 px wide: the profile's switches and the outbox, without horizontal scroll of the page", async () => {
    const phone = await launchBrowser(chromiumPath as string, { width: 360, height: 740 });
    try {
      const page = await phone.context.newPage();
      await signInAt(page, DIRECTOR, "/profil");
      await reminders(page).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      await phone.context.clearCookies();
      await signInAt(page, ADMIN, "/administration/courriels");
      await page.getByRole("table").waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  // The delivery job runs every minute: the email may take that long to be tried.
  it("shows the administrator the email of atelier 33's return, and why it was not sent without SMTP", { timeout: 150_000 }, async () => {
    const admin = await apiSignIn(ADMIN);
    expect(await returnEmail(admin)).toMatchObject({ status: expect.stringMatching(/^(pending|failed)$/) });
    await expect.poll(async () => (await returnEmail(admin))?.status, { timeout: 120_000, interval: 2_000 }).toBe("failed");

    const { page, problems } = await newPage();
    await signInAt(page, ADMIN, "/");
    await page.getByRole("region", { name: "Administration" }).getByRole("link", { name: "Courriels", exact: true }).click();
    await page.waitForURL(/\/administration\/courriels$/);
    await page.getByRole("heading", { level: 1, name: "Courriels envoyés par la plateforme" }).waitFor();
    expect(await page.title()).toBe("Courriels envoyés par la plateforme – Enquête atelier");
    await page.getByRole("heading", { name: "Aucun serveur SMTP n'est configuré" }).waitFor();

    const row = page.getByRole("row").filter({ hasText: RETURN_SUBJECT }).filter({ hasText: DIRECTOR });
    await row.first().waitFor();
    const text = ((await row.first().textContent()) ?? "").replace(/\s+/g, " ");
    expect(text).toContain("Avis de renvoi");
    expect(text).toContain("En échec");
    expect(text).toContain("aucun serveur SMTP n'est configuré");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The page is in the address; one past the last says so and leads back.
    await page.goto(`${baseUrl}/administration/courriels?page=999`);
    await page.getByText("Cette page n'existe pas").waitFor();
    expect(await page.title()).toBe("Courriels envoyés par la plateforme (page 999) – Enquête atelier");
    await page.getByRole("link", { name: "Aller à la dernière page" }).click();
    await row.first().or(page.getByRole("table")).first().waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
