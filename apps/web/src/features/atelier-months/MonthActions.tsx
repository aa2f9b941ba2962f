import { Button } from "@codegouvfr/react-dsfr/Button";
import { Link } from "react-router";
import { formatDay } from "../../shared/format.ts";
import { actionLabel, dueSoonMonths, type MonthView, ofMonth, reportPath } from "./months.ts";

type Props = { atelierCode: string; months: readonly MonthView[]; currentPeriod: string };

/** The button to start or continue this month's report, and the previous month's while it is not yet due. */
export function MonthActions({ atelierCode, months, currentPeriod }: Props) {
  const current = months.find((m) => m.period === currentPeriod);
  const dueSoon = dueSoonMonths(months);
  return (
    <div className="fr-mb-4w">
      {dueSoon.map((m) => (
        <MonthAction key={m.period} atelierCode={atelierCode} month={m} primary={false} />
      ))}
      {current && <MonthAction atelierCode={atelierCode} month={current} primary />}
    </div>
  );
}

function MonthAction({ atelierCode, month, primary }: { atelierCode: string; month: MonthView; primary: boolean }) {
  const to = reportPath(atelierCode, month.period);
  const due = `À envoyer à la direction territoriale au plus tard le ${formatDay(month.dueDate)}.`;
  if (month.status === "submitted" || month.status === "validated") {
    const state = month.status === "submitted" ? "soumis à la direction territoriale" : "validé";
    return (
      <p>
        Le rapport {ofMonth(month.period)} est {state}.{" "}
        <Link to={to}>
          Voir le rapport<span className="fr-sr-only"> {ofMonth(month.period)}</span>
        </Link>
      </p>
    );
  }
  return (
    <div className="fr-mb-3w">
      <Button linkProps={{ to }} priority={primary ? "primary" : "secondary"} iconId="fr-icon-edit-line" iconPosition="left">
        {actionLabel(month)}
      </Button>
      <p className="fr-hint-text fr-mt-1w fr-mb-0">{due}</p>
    </div>
  );
}
