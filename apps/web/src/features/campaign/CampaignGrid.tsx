import type { TCampaign } from "@enquete/contract";
import { MONTHS_FR } from "@enquete/domain";
import { memo } from "react";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { type CampaignCell, CELL_TEXTS, cellKind, LATE_BADGE, waitsOnAtelier } from "./cells.ts";

type Props = { campaign: TCampaign; currentPeriod: string };

const MONTH_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

// The visually hidden texts stay inside the scrolling area, or they would widen the page on a phone.
const CONTAINED = { position: "relative" } as const;
const NO_MARGIN = { margin: 0 } as const;

/**
 * Ateliers (rows, grouped by territory) by months (columns): 1,212 cells for
 * the network, so plain table markup with one text per cell and no component
 * per cell. The atelier column stays in view when the table scrolls sideways.
 */
export const CampaignGrid = memo(function CampaignGrid({ campaign, currentPeriod }: Props) {
  const columns = campaign.months.length + 1;
  return (
    <ScrollTable
      caption={<>Statut des rapports mensuels {campaign.year}, par atelier et par mois</>}
      className="fr-table--bordered fr-table--no-caption"
      tableStyle={CONTAINED}
    >
      <thead>
        <tr>
          <th scope="col" className="fr-cell--fixed">
            Atelier
          </th>
          {campaign.months.map((m, i) => (
            <th key={m} scope="col">
              <span aria-hidden="true">{MONTH_SHORT[i]}</span>
              <span className="fr-sr-only">{MONTHS_FR[i]}</span>
            </th>
          ))}
        </tr>
      </thead>
      {campaign.territories.map((t) => (
        <tbody key={t.code}>
          <tr>
            <th scope="rowgroup" colSpan={columns} className="fr-cell--multiline">
              {t.name}
            </th>
          </tr>
          {t.ateliers.map((a) => (
            <tr key={a.code}>
              <th scope="row" className="fr-cell--fixed">
                <AtelierName name={a.name} />
              </th>
              {a.cells.map((c) => (
                <td key={c.period}>{cellContent(c, currentPeriod)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </ScrollTable>
  );
});

const PREFIX = "Atelier Canopé ";

/** "14 – Caen" on screen, the full name read aloud: the column stays narrow on a phone. */
function AtelierName({ name }: { name: string }) {
  if (!name.startsWith(PREFIX)) return <>{name}</>;
  return (
    <>
      <span className="fr-sr-only">{PREFIX}</span>
      {name.slice(PREFIX.length)}
    </>
  );
}

/** A plain function, not a component: it runs 1,212 times per render. */
function cellContent(cell: CampaignCell, currentPeriod: string) {
  const kind = cellKind(cell, currentPeriod);
  const text = CELL_TEXTS[kind];
  const late = cell.late && kind !== "future" && kind !== "elsewhere";
  const badge = late && waitsOnAtelier(kind) ? LATE_BADGE : text.badge;
  const spoken = late ? `${text.label}, en retard` : text.label;
  if (!badge) {
    return (
      <>
        <span aria-hidden="true">{text.short}</span>
        <span className="fr-sr-only">{spoken}</span>
      </>
    );
  }
  return (
    <span className={badge} style={NO_MARGIN}>
      <span aria-hidden="true">
        {text.short}
        {late && <span className="fr-icon-time-line fr-icon--xs fr-ml-1v" />}
      </span>
      <span className="fr-sr-only">{spoken}</span>
    </span>
  );
}
