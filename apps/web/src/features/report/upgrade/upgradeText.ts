/** The words of the offer to move a draft to a newer questionnaire version (pure, no React). */
import type { TFormUpgrade } from "@enquete/contract";
import { ofPeriod } from "@enquete/domain";

const count = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;
const labels = (items: { label: string }[]) => items.map((i) => i.label).join(", ");

/** Retired fields whose value was typed: those are the values the move does not keep. */
export function droppedValues(upgrade: TFormUpgrade): TFormUpgrade["retired"] {
  return upgrade.retired.filter((r) => r.value !== null && r.value !== "");
}

/**
 * "Une nouvelle version du questionnaire s'applique à partir de septembre
 * 2026 : 2 nouveaux champs (…). Vos valeurs sont conservées."
 */
export function offerText(upgrade: TFormUpgrade): string {
  const parts: string[] = [];
  if (upgrade.added.length > 0) parts.push(`${count(upgrade.added.length, "nouveau champ", "nouveaux champs")} (${labels(upgrade.added)})`);
  if (upgrade.retired.length > 0)
    parts.push(`${count(upgrade.retired.length, "champ retiré", "champs retirés")} (${labels(upgrade.retired)})`);
  const what = parts.length > 0 ? parts.join(", ") : "des libellés, des aides ou des règles changent";
  const kept =
    droppedValues(upgrade).length > 0 ? "Vos valeurs sont conservées, sauf celles des champs retirés." : "Vos valeurs sont conservées.";
  return `Une nouvelle version du questionnaire s'applique à partir ${ofPeriod(upgrade.validFrom)} : ${what}. ${kept}`;
}

export const upgradeButtonLabel = (upgrade: Pick<TFormUpgrade, "version">) => `Passer à la version ${upgrade.version}`;
