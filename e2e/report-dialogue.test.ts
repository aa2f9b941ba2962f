/**
 * The dialogue on a report, in a real browser, each side on its own screen:
 * the territory returns the report with a comment; the director reads it,
 * corrects, answers it in the confirmation step (the reply kept over a
 * reload) and submits again; the territory reads the reply in its review, in
 * order after its comment, and validates; the history says each remark as
 * what it is, the reply after the return comment. Atelier 56 (previous month)
 * and its territory only: other browser tests use other ateliers.
 */
import { formatPeriod } from "@enquete/domain";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { apiSignIn, call } from "./support/api.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo } from "./support/months.ts";
import { reportAt } from "./support/reports.ts";
import { signIn, watchProblems } from "./support/session.ts";
import { COMPLETE_VALUES } from "./support/values.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");
const MONTH = formatPeriod(monthsAgo(1));
const PATH = `/ateliers/56/rapports/${MONTH}`;
const DIRECTOR = "atelier.56@canope.test";
const TERRITORY = "dt.bretagne-pays-de-la-loire@canope.test";

const JUSTIFICATION = "Des visiteurs venus deux fois sont comptés une seule fois par public.";
const COMMENT = "Les participants aux événements semblent bas pour trois événements : pouvez-vous vérifier ?";
const REPLY = "Vérifié : 45 participants, le chiffre de la conférence du 14 manquait. Merci.";

type Entry = { kind: string; text: string; actor: string };

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  // Submitted by its director as a script would, a warning justified: the dialogue starts at the territory.
  const director = await apiSignIn(DIRECTOR);
  await call(director, "PUT", reportAt("56", MONTH), { values: { ...COMPLETE_VALUES, beneficiariesOther: 0 } });
  await call(director, "POST", `${reportAt("56", MONTH)}/submit`, { justifications: { beneficiariesByPublic: JUSTIFICATION } });
});
afterAll(async () => await browser?.close());

async function openAs(page: Page, email: string) {
  await signIn(page, email, PATH);
  await page.waitForURL(`${baseUrl}${PATH}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
}

async function serverReport(email: string) {
  return (await call(await apiSignIn(email), "GET", reportAt("56", MONTH))) as {
    status: string;
    values: Record<string, unknown>;
    conversation: Entry[];
  };
}

/** The conversation block's entries as read on screen: each one's title and text. */
async function conversationOnScreen(page: Page) {
  const block = page.getByRole("region", { name: "Échanges sur ce rapport" });
  await block.waitFor();
  return await block.locator("ol > li").evaluateAll((lis) =>
    lis.map((li) => {
      const [title, , text] = [...li.querySelectorAll("p")].map((p) => p.textContent?.trim() ?? "");
      return { title, text };
    }),
  );
}

const dialogOf = (page: Page) => page.getByRole("dialog", { name: "Vérifier et soumettre le rapport" });

describe.skipIf(!chromiumPath)("the dialogue on a report", () => {
  it("the territory returns the report with a comment", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await openAs(page, TERRITORY);
    await page.getByRole("button", { name: "Renvoyer à l'atelier" }).click();
    const modal = page.getByRole("dialog", { name: "Renvoyer le rapport à l'atelier" });
    await modal.getByLabel("Commentaire pour l'atelier").fill(COMMENT);
    await modal.getByRole("button", { name: "Confirmer le renvoi" }).click();
    await expect.poll(async () => (await serverReport(TERRITORY)).status).toBe("returned");
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it("the director reads the comment, corrects, answers it in the confirmation step and submits again", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await openAs(page, DIRECTOR);
    await page.getByRole("heading", { name: "Rapport renvoyé par la direction territoriale" }).waitFor();
    await page.getByText(`Commentaire : ${COMMENT}`).waitFor();
    // The exchange so far, in order: the first submission's justification, then the return.
    expect(await conversationOnScreen(page)).toEqual([
      { title: expect.stringMatching(/^Justification/), text: JUSTIFICATION },
      { title: "Commentaire de renvoi", text: COMMENT },
    ]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.locator("#field-eventParticipants").fill("45");
    await page.getByRole("button", { name: "Soumettre le rapport" }).click();
    const dialog = dialogOf(page);
    await dialog.waitFor();
    // The step recalls what was asked, and takes an answer, counted.
    await dialog.getByText(COMMENT).waitFor();
    expect(await dialog.getByText("Participants aux conférences et événements : 45").count()).toBe(1);
    const reply = dialog.getByLabel("Votre réponse à la direction territoriale");
    await reply.fill(REPLY);
    await dialog.getByText(new RegExp(`^${REPLY.length} caractères sur 2\\s000$`)).waitFor();
    expect(await reply.getAttribute("aria-describedby")).toContain("reponse-direction-compte");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Back to the report, then a reload: the answer is still there.
    await dialog.getByRole("button", { name: "Revenir au rapport" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.reload();
    await page.locator("#field-eventParticipants").waitFor();
    await expect.poll(async () => (await serverReport(DIRECTOR)).values.eventParticipants).toBe(45);
    await page.getByRole("button", { name: "Soumettre le rapport" }).click();
    await dialogOf(page).waitFor();
    expect(await dialogOf(page).getByLabel("Votre réponse à la direction territoriale").inputValue()).toBe(REPLY);

    await dialogOf(page).getByRole("button", { name: "Confirmer et soumettre" }).click();
    await page.getByRole("heading", { name: "Rapport soumis" }).waitFor();
    const report = await serverReport(DIRECTOR);
    expect(report.status).toBe("submitted");
    expect(report.conversation.map((e) => [e.kind, e.text])).toEqual([
      ["justification", JUSTIFICATION],
      ["return_comment", COMMENT],
      ["reply", REPLY],
      ["justification", JUSTIFICATION],
    ]);
    // The director reads the whole exchange on the report it can no longer change.
    expect((await conversationOnScreen(page)).map((e) => e.text)).toEqual([JUSTIFICATION, COMMENT, REPLY, JUSTIFICATION]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("enquete-atelier:brouillon")))).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 150_000);

  it("the territory reads the reply after its comment, validates, and the history says each remark as what it is", async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await openAs(page, TERRITORY);
    const entries = await conversationOnScreen(page);
    expect(entries.map((e) => e.title)).toEqual([
      expect.stringMatching(/^Justification/),
      "Commentaire de renvoi",
      "Réponse de l'atelier",
      expect.stringMatching(/^Justification/),
    ]);
    expect(entries[2]?.text).toBe(REPLY);

    await page.getByRole("button", { name: "Valider le rapport" }).click();
    await page.getByRole("dialog", { name: "Valider ce rapport ?" }).getByRole("button", { name: "Confirmer la validation" }).click();
    await expect.poll(async () => (await serverReport(TERRITORY)).status).toBe("validated");

    // The history, latest first: the reply's entry comes before (above) the return's.
    await page.getByRole("button", { name: "Historique des modifications" }).click();
    const history = page.locator("ol.fr-raw-list > li");
    await history.first().waitFor();
    const lines = await history.allTextContents();
    const replyAt = lines.findIndex((l) => l.includes(`Réponse de l'atelier : ${REPLY}`));
    const returnAt = lines.findIndex((l) => l.includes(`Commentaire de renvoi : ${COMMENT}`));
    expect(replyAt).toBeGreaterThanOrEqual(0);
    expect(returnAt).toBeGreaterThan(replyAt);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 150_000);

  it("on a 360 px phone, the director reads the exchange without scrolling sideways", async () => {
    await onPhone(chromiumPath as string, async (page) => {
      await openAs(page, DIRECTOR);
      expect((await conversationOnScreen(page)).map((e) => e.text)).toContain(REPLY);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
  }, 120_000);
});
