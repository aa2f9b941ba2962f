import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TSettings } from "@enquete/contract";
import { parisDate, periodOfDate } from "@enquete/domain";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { closeYear } from "../../api/campaign.ts";
import { campaignYears } from "../campaign/years.ts";

const confirmModal = createModal({ id: "clore-annee", isOpenedByDefault: false });

type Props = { closedYears: readonly number[]; onClosed: (settings: TSettings) => void };

/** Finished years not yet closed, the most recent first. */
function closableYears(closed: readonly number[]): number[] {
  const current = periodOfDate(parisDate()).year;
  return campaignYears().filter((y) => y < current && !closed.includes(y));
}

/**
 * Closing a finished year, after a DSFR confirmation modal: no report of that
 * year changes afterwards, except by a national reopening.
 */
export function CloseYearForm({ closedYears, onClosed }: Props) {
  const headingId = useId();
  const years = useMemo(() => closableYears(closedYears), [closedYears]);
  const [chosen, setChosen] = useState<number | null>(null);
  const year = chosen !== null && years.includes(chosen) ? chosen : (years[0] ?? null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [closed, setClosed] = useState<number | null>(null);

  const confirm = async () => {
    if (year === null) return;
    setPending(true);
    setError(null);
    try {
      const settings = await closeYear(year);
      confirmModal.close();
      setClosed(year);
      onClosed(settings);
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="fr-mt-6w">
      <h2 id={headingId} className="fr-h4">
        Clôture des années
      </h2>
      <p>
        Une fois l'année close, plus aucun rapport de cette année ne peut être modifié, soumis, validé ou renvoyé ; seule une réouverture
        par l'équipe nationale permet encore de corriger un rapport.
      </p>
      {closed !== null && <ClosedNotice key={closed} year={closed} onClose={() => setClosed(null)} />}
      <p className="fr-text--bold fr-mb-1w">Années closes</p>
      {closedYears.length === 0 ? (
        <p>Aucune année n'est close pour l'instant.</p>
      ) : (
        <ul>
          {[...closedYears]
            .sort((a, b) => b - a)
            .map((y) => (
              <li key={y}>{y}</li>
            ))}
        </ul>
      )}
      {year === null ? (
        <p>Toutes les années terminées sont closes.</p>
      ) : (
        <div className="fr-grid-row fr-grid-row--bottom" style={{ gap: "1rem" }}>
          <Select
            label="Année terminée à clore"
            nativeSelectProps={{ value: String(year), onChange: (e) => setChosen(Number(e.target.value)) }}
            style={{ marginBottom: 0, minWidth: "12rem" }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
          <Button
            priority="secondary"
            iconId="fr-icon-lock-line"
            nativeButtonProps={{ ...confirmModal.buttonProps, onClick: () => setError(null) }}
          >
            Clore l'année {year}
          </Button>
        </div>
      )}
      <confirmModal.Component
        title={year === null ? "Clore une année" : `Clore l'année ${year} ?`}
        titleAs="h2"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          {
            children: pending ? "Clôture en cours…" : `Clore l'année ${year ?? ""}`,
            priority: "primary",
            iconId: "fr-icon-lock-line",
            doClosesModal: false,
            disabled: pending || year === null,
            onClick: () => void confirm(),
          },
        ]}
      >
        <p>
          Plus aucun rapport de {year} ne pourra être modifié, soumis, validé ou renvoyé. Seule l'équipe nationale pourra encore rouvrir un
          rapport validé.
        </p>
        {error !== null && <Alert small severity="error" description={errorMessage(error)} className="fr-mt-2w" />}
      </confirmModal.Component>
    </section>
  );
}

/** Takes the focus when it appears: the button that opened the confirmation may be gone with the year it closed. */
function ClosedNotice({ year, onClose }: { year: number; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
      <p>
        L'année {year} est close.{" "}
        <Button priority="tertiary no outline" size="small" onClick={onClose}>
          Masquer ce message
        </Button>
      </p>
    </div>
  );
}
