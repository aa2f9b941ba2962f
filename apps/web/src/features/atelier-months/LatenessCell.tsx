import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { MonthView } from "./months.ts";

/** Whether the report was, or is being, sent in time. */
export function LatenessCell({ month }: { month: MonthView }) {
  if (!month.begun) {
    // The relative box keeps the hidden text inside the table's scrolling area (it would widen the page on a phone).
    return (
      <span style={{ position: "relative" }}>
        <span aria-hidden="true">–</span>
        <span className="fr-sr-only">Sans objet</span>
      </span>
    );
  }
  const sent = month.status === "submitted" || month.status === "validated";
  if (!month.late) return <>{sent ? "Soumis à temps" : "Dans les délais"}</>;
  if (sent) return <>Soumis en retard</>;
  return (
    <Badge as="span" small severity="error">
      En retard
    </Badge>
  );
}
