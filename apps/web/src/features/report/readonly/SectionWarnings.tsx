import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { TReportState } from "@enquete/contract";
import type { SectionDef } from "@enquete/domain";

/** The soft warnings ending in this block, each with what the atelier wrote to justify it. */
export function SectionWarnings({ section, report }: { section: SectionDef; report: TReportState }) {
  const warnings = report.warnings.filter((w) => section.fields.some((f) => f.code === w.fields[w.fields.length - 1]));
  return (
    <>
      {warnings.map((w) => (
        <Alert
          key={w.code}
          className="fr-mb-2w"
          severity="warning"
          small
          description={
            <>
              <p className="fr-mb-1v">{w.message}</p>
              <p className="fr-mb-0" style={{ whiteSpace: "pre-line" }}>
                <strong>Justification de l'atelier :</strong> {report.justifications[w.code] || "aucune"}
              </p>
            </>
          }
        />
      ))}
    </>
  );
}
