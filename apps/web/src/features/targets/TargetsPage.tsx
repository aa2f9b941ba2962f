import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { TTarget } from "@enquete/contract";
import { CONTRACT_INDICATORS, parisDate, periodOfDate } from "@enquete/domain";
import { useState } from "react";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useSession } from "../session/useSession.ts";
import { AddYearForm } from "./AddYearForm.tsx";
import { IndicatorTargets } from "./IndicatorTargets.tsx";
import { loadTargets, type TargetsData } from "./loadTargets.ts";
import { RECENT_YEARS, shownYears } from "./targetYears.ts";

const TITLE = "Cibles des indicateurs du contrat";

/** /cibles: the national team sets each indicator's yearly targets; the administration and the tutelle read them. */
export function TargetsPage() {
  useDocumentTitle(TITLE);
  const { user } = useSession();
  const roles = user?.roles.map((r) => r.role) ?? [];
  const national = roles.includes("national");
  const reader = national || roles.includes("admin") || roles.includes("viewer");

  return (
    <div className="fr-container fr-my-4w">
      <Breadcrumb currentPageLabel={TITLE} segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} />
      <PageHeading>{TITLE}</PageHeading>
      {reader ? (
        <TargetsContent editable={national} />
      ) : (
        <Alert
          severity="info"
          as="h2"
          title="Page réservée à l'équipe nationale"
          description="Les cibles du contrat sont fixées par la direction de l'ingénierie des services (DIS) et consultées par l'administration et la tutelle."
        />
      )}
    </div>
  );
}

function TargetsContent({ editable }: { editable: boolean }) {
  const currentYear = periodOfDate(parisDate()).year;
  const { state, retry } = useApiData((signal) => loadTargets(currentYear, signal), [currentYear]);
  return (
    <div aria-busy={state.status === "loading"}>
      <p>
        Pour chaque indicateur du contrat d'objectifs et de performance : la cible de chaque année (et la valeur de référence), à côté de la
        valeur nationale en chiffres officiels (rapports validés) des {RECENT_YEARS} dernières années et de l'année en cours ; pour les
        autres années, un lien mène à leur tableau de bord, qui détaille toutes les valeurs.
      </p>
      {editable && (
        <p className="fr-text--sm">
          Deux décimales au plus ; pour un indicateur en %, un pourcentage (15 pour 15 %). Chaque cible s'enregistre seule, avec son bouton
          ou la touche Entrée.
        </p>
      )}
      {!editable && <p className="fr-hint-text">Accès en consultation : seule la direction nationale fixe les cibles.</p>}
      {state.status === "loading" && <Loading label="Chargement des cibles et des valeurs nationales…" />}
      {state.status === "error" && <LoadError as="h2" title="Impossible de charger les cibles" error={state.error} onRetry={retry} />}
      {state.status === "success" && <TargetTables initial={state.data} currentYear={currentYear} editable={editable} />}
    </div>
  );
}

function TargetTables({ initial, currentYear, editable }: { initial: TargetsData; currentYear: number; editable: boolean }) {
  const [targets, setTargets] = useState<TTarget[]>(initial.targets);
  const [added, setAdded] = useState<number[]>([]);
  const years = shownYears(targets, currentYear, added);

  const saved = (target: TTarget) =>
    setTargets((list) => [...list.filter((t) => !(t.indicatorCode === target.indicatorCode && t.year === target.year)), target]);

  const add = (year: number) => setAdded((list) => [...list, year]);

  return (
    <>
      {editable && <AddYearForm shown={years} onAdd={add} />}
      {CONTRACT_INDICATORS.map((indicator) => (
        <IndicatorTargets
          key={indicator.code}
          indicator={indicator}
          years={years}
          targets={targets}
          values={initial.values}
          currentYear={currentYear}
          editable={editable}
          onSaved={saved}
        />
      ))}
    </>
  );
}
