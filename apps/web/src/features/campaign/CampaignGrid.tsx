import type { TCampaign } from "@enquete/contract";
import { MONTHS_FR } from "@enquete/domain";
import { memo, useId } from "react";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { type CampaignCell, CELL_TEXTS, cellKind, LATE_BADGE, waitsOnAtelier } from "./cells.ts";

type Props = { campaign: TCampaign; currentPeriod: string };

const MONTH_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

// The visually hidden texts stay inside the scrolling area, or they would widen the page on a phone.
const CONTAINED = { position: "relative" } as const;
const NO_MARGIN = { margin: 0 } as const;
// A territory's name at the top of its ateliers, where its group starts.
const TOP = { verticalAlign: "top" } as const;

/**
 * Ateliers (rows, grouped by territory) by months (columns): 1,212 cells for
 * the network, so plain table markup with one text per cell and no component
 * per cell. The atelier column stays in view when the table scrolls sideways.
 *
 * Two levels of row headers (territory, atelier) make it a complex table: each
 * cell names its three headers with `headers` (RGAA 5.7). The territory is a
 * cell spanning its ateliers' rows, not a row across the table: a header
 * across every month would be read, by the table model assistive technologies
 * and HTML_CodeSniffer share, as a header of every month's column.
 */
export const CampaignGrid = memo(function CampaignGrid({ campaign, currentPeriod }: Props) {
  const base = useId();
  const ids = headerIds(base);
  return (
    <ScrollTable
      caption={<>Statut des rapports mensuels {campaign.year}, par atelier et par mois</>}
      className="fr-table--bordered fr-table--no-caption"
      tableStyle={CONTAINED}
    >
      <thead>
        <tr>
          <th id={ids.territoryColumn} scope="col">
            Direction territoriale
          </th>
          <th id={ids.atelierColumn} scope="col" className="fr-cell--fixed">
            Atelier
          </th>
          {campaign.months.map((m, i) => (
            <th key={m} id={ids.month(i)} scope="col">
              <span aria-hidden="true">{MONTH_SHORT[i]}</span>
              <span className="fr-sr-only">{MONTHS_FR[i]}</span>
            </th>
          ))}
        </tr>
      </thead>
      {campaign.territories
        .filter((t) => t.ateliers.length > 0)
        .map((t) => (
          <tbody key={t.code}>
            {t.ateliers.map((a, row) => {
              const atelierId = ids.atelier(t.code, a.code);
              const rowHeaders = `${ids.territory(t.code)} ${atelierId}`;
              return (
                <tr key={a.code}>
                  {row === 0 && (
                    <th id={ids.territory(t.code)} scope="rowgroup" rowSpan={t.ateliers.length} className="fr-cell--multiline" style={TOP}>
                      {t.name}
                    </th>
                  )}
                  <th id={atelierId} scope="row" className="fr-cell--fixed">
                    <AtelierName name={a.name} />
                  </th>
                  {a.cells.map((c, i) => (
                    <td key={c.period} headers={`${rowHeaders} ${ids.month(i)}`}>
                      {cellContent(c, currentPeriod)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        ))}
    </ScrollTable>
  );
});

/** The ids the cells point to, unique in the page (an atelier moved during the year is under two territories). */
function headerIds(base: string) {
  return {
    territoryColumn: `${base}-territories`,
    atelierColumn: `${base}-ateliers`,
    month: (index: number) => `${base}-m${index + 1}`,
    territory: (code: string) => `${base}-t${code}`,
    atelier: (territoryCode: string, code: string) => `${base}-t${territoryCode}-a${code}`,
  };
}

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
