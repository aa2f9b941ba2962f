import { Button } from "@codegouvfr/react-dsfr/Button";
import { dayInFrench } from "@enquete/domain";
import { actionLabel, draftLabel, draftMonth, type MonthView, primaryMonth, reportPath } from "./months.ts";

type Props = { atelierCode: string; months: readonly MonthView[] };

/**
 * What to do first: the oldest report that is due (a month over, not yet
 * submitted, or returned) as the primary button; the current month, while it is
 * not over, as a secondary one to note its figures in a draft.
 */
export function MonthActions({ atelierCode, months }: Props) {
  const primary = primaryMonth(months);
  const draft = draftMonth(months);
  return (
    <div className="fr-mb-4w">
      {primary ? (
        <MonthAction to={reportPath(atelierCode, primary.period)} label={actionLabel(primary)} hint={primary.timeliness.label} primary />
      ) : (
        <p>Aucun rapport à soumettre : chaque mois terminé est soumis.</p>
      )}
      {draft && (
        <MonthAction
          to={reportPath(atelierCode, draft.period)}
          label={draftLabel(draft)}
          hint={`Le mois n'est pas terminé : vos saisies sont gardées en brouillon, et le rapport pourra être soumis à partir du ${dayInFrench(draft.submittableFrom)}.`}
          primary={false}
        />
      )}
    </div>
  );
}

function MonthAction({ to, label, hint, primary }: { to: string; label: string; hint: string; primary: boolean }) {
  return (
    <div className="fr-mb-3w">
      <Button linkProps={{ to }} priority={primary ? "primary" : "secondary"} iconId="fr-icon-edit-line" iconPosition="left">
        {label}
      </Button>
      <p className="fr-hint-text fr-mt-1w fr-mb-0">{hint}</p>
    </div>
  );
}
