import type { TReportState } from "@enquete/contract";
import { formatFrenchNumber } from "@enquete/domain";

type Reference = TReportState["reference"];

function shown(values: Record<string, unknown> | null, code: string): string {
  if (values === null) return "pas de rapport";
  const v = values[code];
  return typeof v === "number" ? formatFrenchNumber(v) : "non renseigné";
}

/** The same field last month and the same month last year, to compare at a glance. */
export function ReferenceLine({ id, code, reference }: { id?: string; code: string; reference: Reference }) {
  return (
    <p id={id} className="fr-hint-text fr-mt-1v fr-mb-0">
      Mois précédent : {shown(reference.previousMonth, code)} · Même mois l'an dernier : {shown(reference.sameMonthLastYear, code)}
    </p>
  );
}
