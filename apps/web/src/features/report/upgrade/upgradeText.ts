/** The words of the offer to move a draft to a newer questionnaire version, and of its outcome (pure, no React). */
import type { TFormUpgrade } from "@enquete/contract";
import { ofPeriod, type ReportValues } from "@enquete/domain";
import { displayValue } from "../valueText.ts";

const count = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;
const labels = (items: { label: string }[]) => items.map((i) => i.label).join(", ");

/** The report as last saved: what the move carries over, or not. */
type Carried = { values: ReportValues; notes: Record<string, string> };

/**
 * Retired fields whose value was typed: those are the values the move does not keep. The report's
 * latest values when given (typed since the offer was read), else those of the offer.
 */
export function droppedValues(upgrade: TFormUpgrade, report?: Pick<Carried, "values">): TFormUpgrade["retired"] {
  return upgrade.retired
    .map((r) => (report ? { ...r, value: report.values[r.code] ?? null } : r))
    .filter((r) => r.value !== null && r.value !== "");
}

/** Notes on retired fields: they go with their field. */
export function droppedNotes(upgrade: TFormUpgrade, notes: Carried["notes"]): { code: string; label: string; note: string }[] {
  return upgrade.retired.flatMap((r) => {
    const note = notes[r.code]?.trim();
    return note ? [{ code: r.code, label: r.label, note }] : [];
  });
}

/** What a move did to the report, for the notice after it. */
export type UpgradeOutcome = {
  version: number;
  added: string[];
  /** "Label (12)". */
  droppedValues: string[];
  /** "Label (« the note »)". */
  droppedNotes: string[];
  /** The report had notes before the move. */
  hadNotes: boolean;
};

export function upgradeOutcome(upgrade: TFormUpgrade, report: Carried): UpgradeOutcome {
  return {
    version: upgrade.version,
    added: upgrade.added.map((f) => f.label),
    droppedValues: droppedValues(upgrade, report).map((r) => `${r.label} (${displayValue(r.value)})`),
    droppedNotes: droppedNotes(upgrade, report.notes).map((n) => `${n.label} (« ${n.note} »)`),
    hadNotes: Object.values(report.notes).some((n) => n.trim() !== ""),
  };
}

/**
 * "Vos valeurs et vos notes ont été conservées, sauf celles des champs retirés. Valeur non
 * reprise : … Note non reprise : … Le nouveau champ est à remplir : …". Nothing said kept that was not.
 */
export function upgradedText(o: UpgradeOutcome): string {
  const what = o.hadNotes ? "Vos valeurs et vos notes ont été conservées" : "Vos valeurs ont été conservées";
  const lost = o.droppedValues.length + o.droppedNotes.length > 0;
  const parts = [lost ? `${what}, sauf celles des champs retirés.` : `${what}.`];
  const n = (list: string[], one: string, many: string) => `${list.length > 1 ? many : one} : ${list.join(", ")}.`;
  if (o.droppedValues.length > 0) parts.push(n(o.droppedValues, "Valeur non reprise", "Valeurs non reprises"));
  if (o.droppedNotes.length > 0) parts.push(n(o.droppedNotes, "Note non reprise", "Notes non reprises"));
  if (o.added.length > 0) parts.push(n(o.added, "Le nouveau champ est à remplir", `Les ${o.added.length} nouveaux champs sont à remplir`));
  return parts.join(" ");
}

/**
 * "Une nouvelle version du questionnaire s'applique à partir de septembre
 * 2026 : 2 nouveaux champs (…). Vos valeurs sont conservées."
 */
export function offerText(upgrade: TFormUpgrade, report: Carried): string {
  const parts: string[] = [];
  if (upgrade.added.length > 0) parts.push(`${count(upgrade.added.length, "nouveau champ", "nouveaux champs")} (${labels(upgrade.added)})`);
  if (upgrade.retired.length > 0)
    parts.push(`${count(upgrade.retired.length, "champ retiré", "champs retirés")} (${labels(upgrade.retired)})`);
  const what = parts.length > 0 ? parts.join(", ") : "des libellés, des aides ou des règles changent";
  const lost = droppedValues(upgrade, report).length + droppedNotes(upgrade, report.notes).length > 0;
  const kept = lost ? "Vos valeurs et vos notes sont conservées, sauf celles des champs retirés." : "Vos valeurs sont conservées.";
  return `Une nouvelle version du questionnaire s'applique à partir ${ofPeriod(upgrade.validFrom)} : ${what}. ${kept}`;
}

export const upgradeButtonLabel = (upgrade: Pick<TFormUpgrade, "version">) => `Passer à la version ${upgrade.version}`;
