import { periodLabel } from "@enquete/domain";

/** "de novembre 2026", "d'octobre 2026": French elides "de" before a vowel (avril, août, octobre). */
export function ofMonth(period: string): string {
  const label = periodLabel(period);
  return /^[aeiouyâàéèêîôû]/i.test(label) ? `d'${label}` : `de ${label}`;
}
