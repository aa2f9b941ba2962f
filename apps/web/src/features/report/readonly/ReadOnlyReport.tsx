import type { TReportState } from "@enquete/contract";
import { type FieldDef, type FormDefinition, type ListedStatus, STATUS_LABELS } from "@enquete/domain";
import { visibleSections } from "../form/SectionFieldset.tsx";
import { SectionTotals } from "../form/SectionTotals.tsx";
import { liveTotals } from "../form/totals.ts";
import { displayValue } from "../valueText.ts";
import { ComparisonTable } from "./ComparisonTable.tsx";
import { SectionWarnings } from "./SectionWarnings.tsx";

type Props = { report: TReportState; form: FormDefinition; isDirector: boolean };

function why(report: TReportState, isDirector: boolean): string {
  if (!isDirector) return "Vous consultez ce rapport : seule la direction de l'atelier peut le saisir.";
  if (report.status === "not_started") return "Ce rapport ne peut pas encore être saisi.";
  return `Ce rapport est ${STATUS_LABELS[report.status as ListedStatus].toLowerCase()} : il n'est plus modifiable.`;
}

/** A text answer (the month's highlights), kept with its line breaks. */
function TextValue({ field, report }: { field: FieldDef; report: TReportState }) {
  return (
    <dl className="fr-mb-2w fr-pl-0">
      <dt className="fr-text--bold fr-mb-1v">{field.label}</dt>
      <dd className="fr-ml-0">
        <span style={{ whiteSpace: "pre-line" }} data-field={field.code}>
          {displayValue(report.values[field.code])}
        </span>
      </dd>
    </dl>
  );
}

/**
 * The report for reading, block by block: each figure beside the previous
 * month and the same month last year, the soft warnings with the atelier's
 * justification, the block's totals.
 */
export function ReadOnlyReport({ report, form, isDirector }: Props) {
  const totals = liveTotals(form);
  return (
    <>
      <p className="fr-mb-4w">{why(report, isDirector)}</p>
      {visibleSections(form).map((section) => (
        <section key={section.code} className="fr-mb-4w" aria-labelledby={`section-${section.code}`}>
          <h2 id={`section-${section.code}`} className="fr-h4">
            {section.title}
          </h2>
          <ComparisonTable section={section} report={report} isDirector={isDirector} />
          {section.fields
            .filter((f) => f.type === "text")
            .map((field) => (
              <TextValue key={field.code} field={field} report={report} />
            ))}
          <SectionWarnings section={section} report={report} />
          <SectionTotals totals={totals.filter((t) => t.section === section.code)} values={report.values} />
        </section>
      ))}
    </>
  );
}
