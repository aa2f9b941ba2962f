import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { TReport } from "@enquete/contract";
import { type FieldDef, type FormDefinition, type ListedStatus, STATUS_LABELS } from "@enquete/domain";
import { ReferenceLine } from "../form/ReferenceLine.tsx";
import { SectionTotals } from "../form/SectionTotals.tsx";
import { liveTotals } from "../form/totals.ts";
import { displayValue } from "../valueText.ts";

type Props = { report: TReport; form: FormDefinition; isDirector: boolean };

function why(report: TReport, isDirector: boolean): string {
  if (!isDirector) return "Vous consultez ce rapport : seule la direction de l'atelier peut le saisir.";
  if (report.status === "not_started") return "Ce rapport ne peut pas encore être saisi.";
  return `Ce rapport est ${STATUS_LABELS[report.status as ListedStatus].toLowerCase()} : il n'est plus modifiable.`;
}

function Value({ field, report }: { field: FieldDef; report: TReport }) {
  const value = displayValue(report.values[field.code]);
  return (
    <>
      <dt className="fr-text--bold fr-mb-1v">{field.label}</dt>
      <dd className="fr-mb-3w fr-ml-0">
        <span style={{ whiteSpace: "pre-line" }} data-field={field.code}>
          {value}
        </span>
        {field.type !== "text" && <ReferenceLine code={field.code} reference={report.reference} />}
      </dd>
    </>
  );
}

/** The same layout as the form, with the values instead of inputs. */
export function ReadOnlyReport({ report, form, isDirector }: Props) {
  const totals = liveTotals(form);
  return (
    <>
      <p className="fr-mb-4w">{why(report, isDirector)}</p>
      {form.sections.map((section) => {
        const warnings = report.warnings.filter((w) => section.fields.some((f) => f.code === w.fields[w.fields.length - 1]));
        return (
          <section key={section.code} className="fr-mb-4w" aria-labelledby={`section-${section.code}`}>
            <h2 id={`section-${section.code}`} className="fr-h4">
              {section.title}
            </h2>
            <dl>
              {section.fields.map((field) => (
                <Value key={field.code} field={field} report={report} />
              ))}
            </dl>
            {warnings.map((w) => (
              <Alert
                key={w.code}
                className="fr-mb-2w"
                severity="warning"
                small
                role="status"
                description={
                  <>
                    <p className="fr-mb-1v">{w.message}</p>
                    <p className="fr-mb-0">
                      <strong>Justification :</strong> {report.justifications[w.code] || "aucune"}
                    </p>
                  </>
                }
              />
            ))}
            <SectionTotals totals={totals.filter((t) => t.section === section.code)} values={report.values} />
          </section>
        );
      })}
    </>
  );
}
