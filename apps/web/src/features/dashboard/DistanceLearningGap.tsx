import { isMonthOver, parisDate, yearMonths } from "@enquete/domain";
import { Link } from "react-router";
import { plural } from "../../shared/format.ts";
import { distanceLearningPath } from "../distance-learning/paths.ts";
import type { DashboardSettings } from "./settings.ts";

type Props = {
  /** Months of the period with national FOAD figures, as the API counts them. */
  entered: number;
  /** Those months' totals, by month. */
  months: ReadonlyMap<string, number>;
  settings: Pick<DashboardSettings, "year" | "yearType">;
  /** May the reader enter the missing months (national team)? */
  canEnter: boolean;
};

/**
 * How many months of national distance learning 1-1 includes, and which
 * finished months lack them: a month not entered is missing data, not zero.
 */
export function DistanceLearningGap({ entered, months, settings, canEnter }: Props) {
  const today = parisDate();
  const missing = yearMonths(settings.year, settings.yearType).filter((p) => isMonthOver(p, today) && !months.has(p));
  const years = [...new Set(missing.map((p) => Number(p.slice(0, 4))))];
  return (
    <p className="fr-text--sm fr-hint-text fr-mb-1w">
      Formation à distance saisie pour {entered} mois sur 12.
      {missing.length > 0 && (
        <>
          {" "}
          {plural(missing.length, "mois terminé n'a pas ses chiffres", "mois terminés n'ont pas leurs chiffres")} : la 1-1 nationale ne les
          compte pas encore.
          {canEnter &&
            years.map((year) => (
              <span key={year}>
                {" "}
                <Link to={distanceLearningPath(year)}>Saisir les journées FOAD de {year}</Link>
              </span>
            ))}
        </>
      )}
    </p>
  );
}
