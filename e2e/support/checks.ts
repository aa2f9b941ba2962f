/**
 * Checks every page goes through: two accessibility engines (axe, serious and
 * critical only; HTML_CodeSniffer, errors only) and a 360 px phone.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { launchBrowser } from "../browser.ts";

/** HTML_CodeSniffer's build, read once: it is evaluated in every page checked. */
const htmlcsSource = readFileSync(createRequire(import.meta.url).resolve("html_codesniffer/build/HTMLCS.js"), "utf8");

/**
 * Texts HTML_CodeSniffer 2.5.1 uses but ships in no language: without them its
 * autocomplete rule (H98) throws on `undefined.replace` instead of reporting.
 */
const MISSING_TEXTS: Record<string, string> = {
  ...Object.fromEntries(
    (
      [
        ["Text", "text"],
        ["Multiline", "multi-line text"],
        ["Password", "password"],
        ["Url", "URL"],
        ["Telephone", "telephone"],
        ["Numeric", "numeric"],
        ["Month", "month"],
        ["Date", "date"],
      ] as const
    ).map(([suffix, kind]) => [
      `1_3_5_H98.InvalidAutoComplete_${suffix}`,
      `The autocomplete token "{{x}}" is only valid on ${kind} fields, which this control is not.`,
    ]),
  ),
  "1_3_5_H98.FaultyValue": 'The autocomplete value "{{x}}" is not a valid token.',
  "1_3_5_H98.Purpose": "Check that the input purpose of this field is identified with autocomplete.",
  "1_3_5_H98.MissingAutocomplete": "This field collects information about the user and has no autocomplete attribute.",
  "4_1_2_attribute": "attribute",
};

/** Runs in the page: HTMLCS.getTranslation falls back on MISSING_TEXTS, then on the key itself. */
function completeTranslations(missing: Record<string, string>) {
  const htmlcs = (window as unknown as { HTMLCS: { getTranslation(key: string): string | undefined } }).HTMLCS;
  const original = htmlcs.getTranslation.bind(htmlcs);
  htmlcs.getTranslation = (key) => original(key) ?? missing[key] ?? key;
}

/** One HTML_CodeSniffer message as it leaves the page. */
type HtmlcsError = { code: string; message: string; where: string };

/**
 * HTML_CodeSniffer's WCAG2AA standard, the rule set pa11y runs by default,
 * errors only (type 1): its warnings and notices ask a person to check
 * something and are not failures.
 *
 * `within` (a CSS selector) limits it to one part of the page.
 *
 * The source is evaluated through the DevTools protocol (page.evaluate of a
 * string), which the app's Content-Security-Policy (script-src 'self') does not
 * govern, where an injected inline script tag would be refused.
 */
export async function htmlcsErrors(page: Page, within?: string): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as { HTMLCS?: unknown }).HTMLCS !== "undefined");
  if (!loaded) {
    await page.evaluate(htmlcsSource);
    await page.evaluate(completeTranslations, MISSING_TEXTS);
  }
  const errors = await page.evaluate(
    (within) =>
      new Promise<HtmlcsError[]>((resolve, reject) => {
        type Message = { type: number; code: string; msg: string; element: Element | Document };
        const htmlcs = (
          window as unknown as {
            HTMLCS: {
              process(standard: string, root: Document | Element, done: () => void, failed: () => void, lang: string): void;
              getMessages(): Message[];
            };
          }
        ).HTMLCS;
        // A short, stable way back to the element: its id, or its path of tags and positions.
        const where = (element: Element | Document): string => {
          if (!(element instanceof Element)) return "document";
          if (element.id) return `#${CSS.escape(element.id)}`;
          const steps: string[] = [];
          for (let e: Element | null = element; e && e !== document.documentElement; e = e.parentElement) {
            if (e.id) {
              steps.unshift(`#${CSS.escape(e.id)}`);
              break;
            }
            const siblings = e.parentElement ? [...e.parentElement.children].filter((s) => s.tagName === e?.tagName) : [];
            const tag = e.tagName.toLowerCase();
            steps.unshift(siblings.length > 1 ? `${tag}:nth-of-type(${siblings.indexOf(e) + 1})` : tag);
          }
          return `${steps.join(" > ")} ${element.outerHTML.slice(0, 120)}`;
        };
        const root = within ? document.querySelector(within) : document;
        if (!root) return reject(new Error(`Rien ne correspond à ${within} dans la page.`));
        htmlcs.process(
          "WCAG2AA",
          root,
          () =>
            resolve(
              htmlcs
                .getMessages()
                .filter((m) => m.type === 1)
                .map((m) => ({ code: m.code, message: m.msg, where: where(m.element) })),
            ),
          () => reject(new Error("HTML_CodeSniffer n'a pas pu analyser la page.")),
          "en",
        );
      }),
    within,
  );
  return errors.map((e) => `htmlcs ${e.code}: ${e.message} (${e.where})`);
}

export async function seriousA11yViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const axe = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  const htmlcs = await htmlcsErrors(page);
  // A survey of every page a test visits: HTMLCS_SURVEY=<file> notes its errors there instead of failing on them.
  const survey = process.env.HTMLCS_SURVEY;
  if (survey && htmlcs.length > 0) {
    appendFileSync(survey, `${[`${expect.getState().currentTestName} @ ${page.url()}`, ...htmlcs].join("\n")}\n\n`);
    return axe;
  }
  return [...axe, ...htmlcs];
}

/** How far the page scrolls sideways: 0 or less when it fits. */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Runs on a page of a phone 360 px wide, closed afterwards. */
export async function onPhone<T>(chromiumPath: string, run: (page: Page) => Promise<T>): Promise<T> {
  const phone = await launchBrowser(chromiumPath, { width: 360, height: 740 });
  try {
    return await run(await phone.context.newPage());
  } finally {
    await phone.close();
  }
}
