import { Highlight } from "@codegouvfr/react-dsfr/Highlight";
import type { ReportValues } from "@enquete/domain";
import type { LiveTotal } from "./totals.ts";

/** The block's totals for given values (read-only view, or the live form through LiveSectionTotals). */
export function SectionTotals({ totals, values }: { totals: LiveTotal[]; values: ReportValues }) {
  if (totals.length === 0) return null;
  return (
    <Highlight size="sm" className="fr-ml-0 fr-mb-2w">
      {totals.map((t) => (
        <span key={t.key} className="fr-text--bold" style={{ display: "block" }}>
          {t.text(values)}
        </span>
      ))}
    </Highlight>
  );
}
