import type { TReportState } from "@enquete/contract";
import { numericFields } from "@enquete/domain";

export type FieldNote = { code: string; label: string; text: string };

/** The atelier's notes, in the order of the report's own questionnaire version. */
export function notesOf(report: TReportState): FieldNote[] {
  return numericFields(report.form)
    .map((f) => ({ code: f.code, label: f.label, text: report.notes?.[f.code]?.trim() ?? "" }))
    .filter((n) => n.text !== "");
}

/** The notes a reviewer may want to answer in the comment, above it. */
export function NotesToAnswer({ notes }: { notes: readonly FieldNote[] }) {
  return (
    <div className="fr-mb-3w">
      <h3 className="fr-h6 fr-mb-1w">Notes de l'atelier sur ses chiffres</h3>
      <ul className="fr-mb-0">
        {notes.map((n) => (
          <li key={n.code} style={{ whiteSpace: "pre-line" }}>
            <strong>{n.label}</strong> : {n.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
