import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TDistanceLearningMonth, TDistanceLearningYear } from "@enquete/contract";
import { DISTANCE_LEARNING_FIRST_PERIOD, hasStarted, parisDate, periodOfDate, round2, yearMonths } from "@enquete/domain";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { fetchDistanceLearning } from "../../api/distanceLearning.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { formatNumber } from "../dashboard/format.ts";
import { useSession } from "../session/useSession.ts";
import { CsvImport } from "./CsvImport.tsx";
import { MonthEntry } from "./MonthEntry.tsx";
import { YEAR_PARAM } from "./paths.ts";

const TITLE = "Journées stagiaires de formation à distance (FOAD)";
const FIRST_YEAR = Number(DISTANCE_LEARNING_FIRST_PERIOD.slice(0, 4));

/** The years offered, the latest first; an unknown year in the address falls back on the current one. */
function yearsUpTo(current: number): number[] {
  return Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
}

/** /journees-foad: the national MOOC and M@gistère trainee-days, month by month, that indicator 1-1 adds nationally. */
export function DistanceLearningPage() {
  useDocumentTitle(TITLE);
  const { user } = useSession();
  const roles = user?.roles.map((r) => r.role) ?? [];
  const national = roles.includes("national");
  const reader = national || roles.includes("admin") || roles.includes("viewer");
  const [search, setSearch] = useSearchParams();
  const today = parisDate();
  const current = periodOfDate(today).year;
  const years = yearsUpTo(current);
  const asked = Number(search.get(YEAR_PARAM));
  const year = years.includes(asked) ? asked : current;
  // Bumped by an applied import: the months shown are read again, the import's report stays.
  const [revision, setRevision] = useState(0);

  return (
    <div className="fr-container fr-my-4w">
      <Breadcrumb currentPageLabel={TITLE} segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} />
      <PageHeading>{TITLE}</PageHeading>
      {reader ? (
        <>
          <p>
            Les journées stagiaires des MOOC et des parcours M@gistère de Réseau Canopé, fournies chaque mois par la Direction des projets
            et la DT Aquitaine. Elles s'ajoutent à l'indicateur 1-1 du réseau national (jamais à celui d'un territoire ou d'un atelier).
          </p>
          {!national && (
            <p className="fr-hint-text">Accès en consultation : seule la direction nationale saisit et importe ces chiffres.</p>
          )}
          <div className="fr-grid-row">
            <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
              <Select
                label="Année"
                nativeSelectProps={{
                  value: String(year),
                  onChange: (e) => setSearch({ [YEAR_PARAM]: e.target.value }, { replace: true }),
                }}
              >
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          <YearContent key={year} year={year} revision={revision} today={today} editable={national} />
          {national && <CsvImport onApplied={() => setRevision((n) => n + 1)} />}
        </>
      ) : (
        <Alert
          severity="info"
          as="h2"
          title="Page réservée à l'équipe nationale"
          description="Les journées de formation à distance sont saisies par la direction de l'ingénierie des services (DIS) et consultées par l'administration et la tutelle."
        />
      )}
    </div>
  );
}

function YearContent({ year, revision, today, editable }: { year: number; revision: number; today: string; editable: boolean }) {
  const { state, retry } = useApiData((signal) => fetchDistanceLearning(year, signal), [year, revision]);
  return (
    <div aria-busy={state.status === "loading"}>
      {state.status === "loading" && <Loading label={`Chargement des journées FOAD de ${year}…`} />}
      {state.status === "error" && (
        <LoadError as="h2" title="Impossible de charger les journées FOAD" error={state.error} onRetry={retry} />
      )}
      {state.status === "success" && <Months initial={state.data} today={today} editable={editable} />}
    </div>
  );
}

function Months({ initial, today, editable }: { initial: TDistanceLearningYear; today: string; editable: boolean }) {
  const [months, setMonths] = useState<TDistanceLearningMonth[]>(initial.months);
  const periods = yearMonths(initial.year, "calendar");
  const byPeriod = new Map(months.map((m) => [m.period, m]));
  const mooc = round2(months.reduce((s, m) => s + m.moocTraineeDays, 0));
  const magistere = round2(months.reduce((s, m) => s + m.magistereTraineeDays, 0));
  const started = periods.filter((p) => hasStarted(p, today)).length;
  const saved = (month: TDistanceLearningMonth) => setMonths((list) => [...list.filter((m) => m.period !== month.period), month]);

  return (
    <section aria-labelledby="mois-titre" className="fr-mt-4w">
      <h2 id="mois-titre">Mois par mois, {initial.year}</h2>
      <p role="status">
        {months.length === 0
          ? `Total ${initial.year} : aucun mois saisi (aucune donnée, ce n'est pas zéro)`
          : `Total ${initial.year} : MOOC ${formatNumber(mooc)} · M@gistère ${formatNumber(magistere)} · saisie pour ${months.length} mois sur 12`}
        {started < 12 && ` (${started} mois commencé${started > 1 ? "s" : ""})`}.
      </p>
      {editable && (
        <p className="fr-text--sm">
          Chaque mois s'enregistre seul, avec son bouton ou la touche Entrée dans l'un de ses champs. Saisissez 0 pour un mois sans journée.
        </p>
      )}
      <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
        {periods.map((period) => (
          <li key={period} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <MonthEntry
              period={period}
              saved={byPeriod.get(period)}
              started={hasStarted(period, today)}
              editable={editable}
              onSaved={saved}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
