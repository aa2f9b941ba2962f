import { CELL_TEXTS, LATE_BADGE, LEGEND_ORDER } from "./cells.ts";

const NO_MARGIN = { margin: 0 } as const;

/** What each cell's letter and colour mean, shown above the grid. */
export function CampaignLegend() {
  return (
    <div className="fr-mb-2w">
      <p className="fr-text--bold fr-mb-1w" id="campaign-legend">
        Légende du tableau
      </p>
      <ul className="fr-raw-list fr-grid-row" aria-labelledby="campaign-legend" style={{ columnGap: "1.5rem", rowGap: "0.5rem" }}>
        {LEGEND_ORDER.map((kind) => {
          const text = CELL_TEXTS[kind];
          return (
            <li key={kind}>
              <span aria-hidden="true" className={text.badge} style={NO_MARGIN}>
                {text.short || " "}
              </span>{" "}
              {kind === "future" ? "Case vide : mois à venir" : text.label}
            </li>
          );
        })}
        <li>
          <span aria-hidden="true" className={LATE_BADGE} style={NO_MARGIN}>
            – <span className="fr-icon-time-line fr-icon--xs fr-ml-1v" />
          </span>{" "}
          En retard (en rouge tant que l'atelier n'a pas soumis son rapport)
        </li>
      </ul>
    </div>
  );
}
