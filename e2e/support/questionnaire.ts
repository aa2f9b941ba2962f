/**
 * The draft's change forms driven as a national user with a keyboard does:
 * the focus put on the first input, then Tab, arrows, Space and Enter; the
 * native selects are chosen by value (their keyboard differs from one system
 * to another).
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { tabTo } from "./keyboard.ts";

/** The French message DSFR shows under an input (its `…-desc-error`), or null when there is none. */
export async function messageAt(input: Locator): Promise<string | null> {
  const id = await input.getAttribute("id");
  if (!id) throw new Error("Champ sans identifiant : son message ne peut pas être retrouvé.");
  // React's ids hold colons: an attribute selector, not #id.
  const message = input.page().locator(`[id="${id}-desc-error"]`);
  return (await message.count()) === 0 ? null : ((await message.textContent())?.trim() ?? null);
}

export type TypedField = { code: string; label: string; help?: string };

/**
 * Fills the "Ajouter un champ" form for a decimal flow that is required, from
 * its code to its button, and presses Enter there. The section and position
 * are the form's own defaults: the caller checks them first.
 */
export async function typeDecimalField(page: Page, field: TypedField): Promise<void> {
  const form = page.getByRole("form", { name: "Ajouter un champ" });
  const code = form.getByLabel(/^Code/);
  // After a saved change the form starts afresh: typed into before that, it would lose the keys.
  await expect.poll(() => code.inputValue()).toBe("");
  await code.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(field.code);
  await tabTo(page, /^Libellé/, 2);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(field.label);
  await tabTo(page, /^Aide/, 2);
  await page.keyboard.press("Control+A");
  if (field.help) await page.keyboard.type(field.help);
  else await page.keyboard.press("Delete");
  // Into the radio group on its checked answer, then the arrow to the next one.
  await tabTo(page, /^Nombre entier$/, 2);
  await page.keyboard.press("ArrowDown");
  expect(await form.getByRole("radio", { name: /^Nombre décimal/ }).isChecked()).toBe(true);
  await tabTo(page, /^Flux du mois/, 2);
  await tabTo(page, /^Champ obligatoire/, 2);
  expect(await form.getByRole("checkbox", { name: /^Champ obligatoire/ }).isChecked()).toBe(true);
  await tabTo(page, /^Ajouter ce champ$/, 4);
  await page.keyboard.press("Enter");
}

export type TypedRule = { code: string; fields: string[]; max: string[]; when?: string; message: string };

/** Fills the "Ajouter une règle" form for a ceiling between fields (lte), checkboxes by Space, and presses Enter on its button. */
export async function typeCeilingRule(page: Page, rule: TypedRule): Promise<void> {
  const form = page.getByRole("form", { name: "Ajouter une règle" });
  const code = form.getByLabel(/^Code de la règle/);
  await expect.poll(() => code.inputValue()).toBe("");
  await code.focus();
  await page.keyboard.type(rule.code);
  expect(await form.getByRole("radio", { name: /^Plafond entre champs/ }).isChecked()).toBe(true);
  const tick = async (legend: RegExp, code: string) => {
    // "Libellé (code)": the code ends the checkbox's name, and tells trainingDays from trainingDaysEspe.
    const box = form.getByRole("group", { name: legend }).getByRole("checkbox", { name: new RegExp(`\\(${code}\\)$`) });
    await box.focus();
    await page.keyboard.press("Space");
    expect(await box.isChecked()).toBe(true);
  };
  for (const code of rule.fields) await tick(/^Champs plafonnés/, code);
  for (const code of rule.max) await tick(/^Plafond : la somme de ces champs/, code);
  await form.getByLabel(/^Seulement quand ce champ est supérieur à 0/).selectOption(rule.when ?? "");
  await form.getByLabel(/^Message affiché/).focus();
  await page.keyboard.type(rule.message);
  await tabTo(page, /^Ajouter cette règle$/, 2);
  await page.keyboard.press("Enter");
}
