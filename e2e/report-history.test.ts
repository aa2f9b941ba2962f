/**
 * The conversation on a report and its history, as the territory reads them
 * in a real browser: the justification, the return comment, the atelier's
 * reply and the new justification in order above the decision; the history
 * naming each remark for what it is and a sitting of autosaves as one line.
 * Atelier 16 two months ago: no other browser test uses it.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser.ts";
import { apiSignIn, call } from "./support/api.ts";
import { horizontalOverflow, onPhone, seriousA11yViolations } from "./support/checks.ts";
import { monthsAgo } from "./support/months.ts";
import { reportAt, returnReport, validateReport } from "./support/reports.ts";
import { newPage as freshPage, signIn } from "./support/session.ts";

const chromiumPath = inject("chromiumPath");
const baseUrl = inject("baseUrl");

const DIRECTOR = "atelier.16@canope.test";
const TERRITORY = "dt.aquitaine-limousin-poitou-charentes@canope.test";
const MONTH = monthsAgo(2);
const PATH = `/ateliers/16/rapports/${MONTH.year}-${String(MONTH.month).padStart(2, "0")}`;

/** A complete report whose five publics add up to 250 for 240 people: a warning to justify. */
const VALUES = {
  trainingActions: 6,
  trainingActionsEspe: 1,
  trainees: 70,
  traineeDaysOnSite: 20,
  traineeDaysOffSite: 10,
  traineeDaysRemote: 5,
  traineeDaysEspe: 2,
  visitorsOnSite: 180,
  beneficiariesOffSite: 60,
  beneficiariesTeachers: 140,
  beneficiariesSupervisors: 40,
  beneficiariesParents: 30,
  beneficiariesLocalStaff: 20,
  beneficiariesOther: 20,
  mediationBeneficiaries: 6,
  adviceBeneficiaries: 4,
  codesignSessions: 1,
  codesignParticipants: 8,
  events: 2,
  eventsDpe: 1,
  eventParticipants: 40,
  agreementsEspe: 0,
  agreementsLocalAuthorities: 1,
  agreementsOther: 0,
  localAuthoritiesServed: 2,
  trainers: 4,
  trainersCertified: 1,
};
const NOTE = "dont 8 néo-titulaires";
const FIRST_JUSTIFICATION = "Dix visiteurs comptés dans deux publics.";
const COMMENT = "Les journées à distance semblent élevées : merci de vérifier.";
const REPLY = "Vérifié : 2 journées à distance, et non 5. Merci.";
const SECOND_JUSTIFICATION = "Toujours les dix visiteurs comptés deux fois.";

/** Saves over the version the report stands at (If-Match), as the form's autosave does. */
async function save(director: string, values: Record<string, unknown>, notes?: Record<string, string>) {
  const { version } = (await call(director, "GET", reportAt("16", MONTH))) as { version: number };
  const res = await fetch(`${baseUrl}/api${reportAt("16", MONTH)}`, {
    method: "PUT",
    headers: { cookie: director, "content-type": "application/json", ...(version > 0 ? { "if-match": `"${version}"` } : {}) },
    body: JSON.stringify({ values, ...(notes ? { notes } : {}) }),
  });
  if (!res.ok) throw new Error(`PUT : ${res.status} ${await res.text()}`);
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
let warning = "";
beforeAll(async () => {
  if (!chromiumPath) return;
  browser = await launchBrowser(chromiumPath);
  const director = await apiSignIn(DIRECTOR);
  await save(director, VALUES, { trainees: NOTE });
  // One sitting: five saves a few seconds apart, by the same person.
  for (const trainingActions of [7, 8, 9, 10, 11]) await save(director, { ...VALUES, trainingActions });
  const submitted = (await call(director, "POST", `${reportAt("16", MONTH)}/submit`, {
    justifications: { beneficiariesByPublic: FIRST_JUSTIFICATION },
  })) as { conversation: { label?: string }[] };
  warning = submitted.conversation[0]?.label ?? "";
  await returnReport(TERRITORY, "16", MONTH, COMMENT);
  await save(director, { ...VALUES, trainingActions: 11, traineeDaysRemote: 2 });
  await call(director, "POST", `${reportAt("16", MONTH)}/submit`, {
    justifications: { beneficiariesByPublic: SECOND_JUSTIFICATION },
    reply: REPLY,
  });
});
afterAll(async () => {
  // Validated, it leaves the territory's queue that other browser tests count.
  if (chromiumPath) await validateReport(TERRITORY, "16", MONTH);
  await browser?.close();
});

const clean = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

async function openAsTerritory(page: Page) {
  await signIn(page, TERRITORY, PATH);
  await page.waitForURL(`${baseUrl}${PATH}`);
  return page.getByRole("region", { name: "Échanges sur ce rapport" });
}

describe.skipIf(!chromiumPath)("the conversation and the history of a report", () => {
  it("the territory reads the exchange in order above its decision, each turn named, with who and when", async () => {
    expect(warning).toMatch(/public/);
    const { page, problems } = await freshPage(browser.context);
    const conversation = await openAsTerritory(page);
    await conversation.waitFor();
    const turns = (await conversation.getByRole("listitem").allTextContents()).map(clean);
    expect(turns).toHaveLength(4);
    const expected = [
      [`Justification : ${warning}`, FIRST_JUSTIFICATION],
      ["Commentaire de renvoi", COMMENT],
      ["Réponse de l'atelier", REPLY],
      [`Justification : ${warning}`, SECOND_JUSTIFICATION],
    ];
    expected.forEach(([title, text], i) => {
      expect(turns[i]?.startsWith(title as string)).toBe(true);
      expect(turns[i]).toContain(text);
      // Who and when: "<name>, le 1er décembre 2026 à 14:02".
      expect(turns[i]).toMatch(/\S, le \d{1,2}(er)? \S+ \d{4} à \d\d:\d\d/);
    });
    // Above the decision: the exchange comes before the buttons that decide.
    const decision = page.getByRole("button", { name: "Valider le rapport" });
    const [conversationTop, decisionTop] = [(await conversation.boundingBox())?.y ?? 0, (await decision.first().boundingBox())?.y ?? 0];
    expect(conversationTop).toBeLessThan(decisionTop);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("the history names each remark and makes one line of the sitting's autosaves", async () => {
    const { page, problems } = await freshPage(browser.context);
    await (await openAsTerritory(page)).waitFor();
    const toggle = page.getByRole("button", { name: "Historique des modifications" });
    await toggle.click();
    const lines = page.locator(`#${await toggle.getAttribute("aria-controls")} ol > li`);
    await lines.first().waitFor();
    const texts = (await lines.allTextContents()).map(clean);
    // Latest first: the resubmission with its reply, the save, the return, the submission, the sitting, the creation.
    expect(texts.map((t) => t.split(" ")[0])).toEqual(["Soumission", "Enregistrement", "Renvoi", "Soumission", "5", "Création"]);
    expect(texts[0]).toContain(`Réponse de l'atelier : ${REPLY}`);
    expect(texts[0]).toContain(`Justification : ${warning} : ${SECOND_JUSTIFICATION}`);
    expect(texts[0]).not.toContain("Commentaire :");
    expect(texts[2]).toContain(`Commentaire de renvoi : ${COMMENT}`);
    expect(texts[3]).toContain(`Justification : ${warning} : ${FIRST_JUSTIFICATION}`);
    expect(texts[4]).toMatch(
      /^5 enregistrements automatiques le \d{1,2}(er)? \S+ \d{4}, de \d{1,2} h \d\d à \d{1,2} h \d\d, par .+ \(versions 2 à 6\)/,
    );
    expect(texts[4]).toContain("Actions de formation réalisées : 6 → 11");
    expect(texts[5]).toContain(`Note sur « Stagiaires formés (personnes) » : ${NOTE}`);
    await page.getByText("6 entrées affichées sur 6, de la plus récente à la plus ancienne.").waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("fits a phone 360 px wide: the exchange and the history without sideways scrolling", async () => {
    await onPhone(chromiumPath as string, async (small) => {
      const conversation = await openAsTerritory(small);
      await conversation.waitFor();
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
      await small.getByRole("button", { name: "Historique des modifications" }).click();
      await small.getByText(/^5 enregistrements automatiques$/).waitFor();
      expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    });
  });
});
