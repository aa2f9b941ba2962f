/** The page's anchors, named in French: they show in the address when the summary is used. */
export const SECTION_IDS = { indicators: "indicateurs", breakdown: "ventilation", figures: "autres-chiffres", exports: "exports" } as const;

export function indicatorAnchor(code: string): string {
  return `indicateur-${code}`;
}
