/** A browser page signed out, its console errors collected, and the sign-in form filled in. */
import type { BrowserContext, Page } from "playwright-core";
import { inject } from "vitest";
import { PASSWORD } from "./api.ts";

/** A 401 from GET /api/me is how the app learns nobody is signed in; the browser logs it. */
export const SIGNED_OUT = /status of 401/;

/** Collects the page's errors, but for the console errors the test expects. */
export function watchProblems(page: Page, expected: RegExp = SIGNED_OUT): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !expected.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return problems;
}

/** A fresh page, signed out, with its problems collected. */
export async function newPage(context: BrowserContext, expected: RegExp = SIGNED_OUT): Promise<{ page: Page; problems: string[] }> {
  await context.clearCookies();
  const page = await context.newPage();
  return { page, problems: watchProblems(page, expected) };
}

/** Opens a page of the app signed out, is sent to the sign-in form, and fills it in. */
export async function signIn(page: Page, email: string, path = "/", password = PASSWORD) {
  await page.goto(`${inject("baseUrl")}${path}`);
  await page.waitForURL(/\/connexion/).catch(async (error: Error) => {
    const heading = await page
      .locator("h1")
      .first()
      .textContent({ timeout: 1_000 })
      .catch(() => null);
    throw new Error(`${error.message}\nPage : ${page.url()} ; titre : ${heading}`);
  });
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}
