import type { TReportState } from "@enquete/contract";
import { formatFrenchNumber } from "@enquete/domain";

type Reference = TReportState["reference"];

/**
 * A month's figure for this field. A report of another questionnaire version
 * may not have the field at all: that is "—" (with words for screen readers),
 * never 0.
 */
function Shown({ values, code }: { values: Record<string, unknown> | null; code: string }) {
  if (values === null) return <>pas de rapport</>;
  const v = values[code];
  if (typeof v === "number") return <>{formatFrenchNumber(v)}</>;
  if (v === null) return <>non renseigné</>;
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="fr-sr-only">aucune valeur</span>
    </>
  );
}

/** The same field last month and the same month last year, to compare at a glance. */
export function ReferenceLine({ id, code, reference }: { id?: string; code: string; reference: Reference }) {
  return (
    <p id={id} className="fr-hint-text fr-mt-1v fr-mb-0">
      Mois précédent : <Shown values={reference.previousMonth} code={code} /> · Même mois l'an dernier :{" "}
      <Shown values={reference.sameMonthLastYear} code={code} />
    </p>
  );
}
