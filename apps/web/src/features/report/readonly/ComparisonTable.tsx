import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { TReportState } from "@enquete/contract";
import type { FieldDef, SectionDef } from "@enquete/domain";
import { ScrollTable } from "../../../shared/ScrollTable.tsx";
import { useIsPhone } from "../useIsPhone.ts";
import { displayValue } from "../valueText.ts";
import { comparedMonths, fieldChanges, NO_VALUE, referenceText } from "./comparison.ts";

type Props = { section: SectionDef; report: TReportState; isDirector: boolean };

// Keeps the visually hidden caption inside the table's scrolling area (it would widen the page on a phone);
// on a phone the table keeps a readable width and scrolls sideways in its frame, not the page.
const TABLE = { position: "relative", minWidth: "32rem" } as const;
// "dont …" lines are parts of the line above: set in like a sub-item.
const PART = { paddingLeft: "1.5rem" } as const;

function ColumnHeader({ title, month }: { title: string; month: string }) {
  return (
    <th scope="col" className="fr-cell--right">
      {title}
      {month && <span className="fr-text--xs fr-text--regular fr-mb-0 fr-hint-text">{month}</span>}
    </th>
  );
}

/** A month's figure of the other columns; "—" is read out in words. */
function Reference({ values, code }: { values: TReportState["reference"]["previousMonth"]; code: string }) {
  const text = referenceText(values, code);
  if (text !== NO_VALUE) return <>{text}</>;
  return (
    <>
      <span aria-hidden="true">{NO_VALUE}</span>
      <span className="fr-sr-only">Aucune valeur</span>
    </>
  );
}

/** The director's note on the figure, on its own line under the figure's row, with the field named for who reads it alone. */
function NoteRow({ field, note, isDirector }: { field: FieldDef; note: string; isDirector: boolean }) {
  return (
    <tr data-note={field.code}>
      <td colSpan={4} style={PART}>
        <p className="fr-text--sm fr-mb-0" style={{ whiteSpace: "pre-line" }}>
          <span className="fr-sr-only">« {field.label} », </span>
          <strong>{isDirector ? "Votre note" : "Note de l'atelier"} :</strong> {note}
        </p>
      </td>
    </tr>
  );
}

function FieldRow({ field, report, isDirector }: { field: FieldDef; report: TReportState; isDirector: boolean }) {
  const { reference } = report;
  const changes = fieldChanges(field.code, report.values, reference);
  const note = report.notes?.[field.code]?.trim();
  return (
    <>
      <tr>
        <th scope="row" style={field.label.startsWith("dont ") ? PART : undefined}>
          {field.label}
        </th>
        <td className="fr-cell--right">
          <span className="fr-text--bold" data-field={field.code}>
            {displayValue(report.values[field.code])}
          </span>
          {changes.map((text) => (
            <span key={text} style={{ display: "block" }} className="fr-mt-1v">
              {" "}
              <Badge as="span" small noIcon severity="warning">
                {text}
              </Badge>
            </span>
          ))}
        </td>
        <td className="fr-cell--right">
          <Reference values={reference.previousMonth} code={field.code} />
        </td>
        <td className="fr-cell--right">
          <Reference values={reference.sameMonthLastYear} code={field.code} />
        </td>
      </tr>
      {note && <NoteRow field={field} note={note} isDirector={isDirector} />}
    </>
  );
}

/**
 * A block's figures beside the same atelier's previous month and the same
 * month last year, in DSFR's table markup (it scrolls on a phone, not the
 * page); a change of half or more is written out, not only coloured; the
 * atelier's note on a figure on the line under it.
 */
export function ComparisonTable({ section, report, isDirector }: Props) {
  // On a phone the table scrolls in its frame: the frame then takes the keyboard, to be scrolled without a mouse.
  const phone = useIsPhone();
  const fields = section.fields.filter((f) => f.type !== "text");
  if (fields.length === 0) return null;
  const months = comparedMonths(report.period);
  return (
    <ScrollTable
      caption={<>{section.title} : les chiffres du mois, du mois précédent et du même mois l'an dernier</>}
      className="fr-table--multiline fr-table--no-caption fr-mb-2w"
      tableStyle={TABLE}
      focusable={phone}
    >
      <thead>
        <tr>
          <th scope="col" style={{ width: "38%" }}>
            Champ
          </th>
          <ColumnHeader title="Ce mois" month={months.current} />
          <ColumnHeader title="Mois précédent" month={months.previous} />
          <ColumnHeader title="Même mois l'an dernier" month={months.lastYear} />
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <FieldRow key={field.code} field={field} report={report} isDirector={isDirector} />
        ))}
      </tbody>
    </ScrollTable>
  );
}
