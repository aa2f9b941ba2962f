/**
 * Each role signs in in a real browser, lands on its own home page with real
 * data, and signs out. Also: a wrong password, the 404 page, a phone screen.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { newPage as freshPage, signIn } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (chromiumPath) browser = await launchBrowser(chromiumPath);
});
afterAll(async () => await browser?.close());

const newPage = () => freshPage(browser.context);

const journeys = [
  { email: "atelier.86@canope.test", section: "Atelier Canopé 86 – Poitiers", shows: "Aquitaine – Limousin – Poitou-Charentes" },
  // The queue lists only the reports waiting for review (on this server, maybe none): the territory's ateliers are always counted.
  { email: "dt.normandie@canope.test", section: "Normandie", shows: "5 ateliers :" },
  { email: "dis@canope.test", section: "Réseau national", shows: "Atelier Canopé 971 – " },
  { email: "tutelle@canope.test", section: "Réseau national (consultation)", shows: "Normandie" },
  // The administrator's home leads to the administration's pages (the accounts themselves are on theirs).
  { email: "admin@canope.test", section: "Administration", shows: "Créer les comptes, inviter" },
];

describe.skipIf(!chromiumPath)("each role in a real browser", () => {
  for (const j of journeys) {
    it(`${j.email} signs in, sees their own home page, and signs out`, async () => {
      const { page, problems } = await newPage();
      await signIn(page, j.email);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Tableau de bord");
      await page.getByRole("heading", { level: 2, name: j.section, exact: true }).waitFor();
      await page.getByText(j.shows, { exact: false }).first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole("button", { name: "Se déconnecter" }).click();
      await page.waitForURL(/\/connexion/);
      // The session is gone on the server: going back does not show the home page.
      await page.goto(`${baseUrl}/`);
      await page.waitForURL(/\/connexion/);
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it("explains a wrong password in French and keeps what was typed", async () => {
    const { page } = await newPage();
    await signIn(page, "atelier.86@canope.test", "/", "pas-le-bon-mot-de-passe");
    await page.getByText("Adresse électronique ou mot de passe incorrect.").waitFor();
    expect(await page.getByLabel("Adresse électronique").inputValue()).toBe("atelier.86@canope.test");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it("points at the empty fields and focuses the first one", async () => {
    const { page } = await newPage();
    await page.goto(`${baseUrl}/connexion`);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByText("Saisissez votre adresse électronique.").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("email");
    await page.close();
  });

  it("shows a French 404 page for an unknown address", async () => {
    const { page } = await newPage();
    await page.goto(`${baseUrl}/nulle-part/ici`);
    await page.getByRole("heading", { level: 1, name: "Page non trouvée" }).waitFor();
    await page.close();
  });

  it("works on a phone 360 px wide: no horizontal scroll of the page, and the form by keyboard", async () => {
    await onPhone(chromiumPath as string, async (page) => {
      await page.goto(`${baseUrl}/connexion`);
      await page.getByLabel("Adresse électronique").focus();
      await page.keyboard.type("dt.normandie@canope.test");
      await page.keyboard.press("Tab");
      await page.keyboard.type("canope-demo");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 2, name: "Normandie", exact: true }).waitFor();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });
  });
});
