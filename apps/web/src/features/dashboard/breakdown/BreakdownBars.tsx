import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { figureText } from "../format.ts";
import type { BreakdownGroup, IndicatorValue } from "../types.ts";

type Props = { groups: readonly BreakdownGroup[]; indicators: readonly IndicatorValue[] };

const BAR = { height: "0.75rem", backgroundColor: "var(--text-action-high-blue-france)" } as const;
const TRACK = { display: "flex", alignItems: "center", gap: "0.5rem" } as const;

/**
 * One indicator across the groups, as bars: a picture of the table below,
 * which holds the same numbers for assistive technologies (the bars are
 * hidden from them).
 */
export function BreakdownBars({ groups, indicators }: Props) {
  const [code, setCode] = useState(indicators[0]?.code ?? "");
  const indicator = indicators.find((i) => i.code === code) ?? indicators[0];
  if (!indicator) return null;
  const values = groups.map((g) => ({
    key: g.key,
    label: g.label,
    value: g.indicators.find((v) => v.code === indicator.code)?.value ?? null,
    included: g.completeness.included,
  }));
  const max = Math.max(0, ...values.map((v) => v.value ?? 0));

  return (
    <div className="fr-mb-3w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-8">
          <Select
            label="Indicateur représenté en barres"
            hint="Les mêmes chiffres figurent dans le tableau ci-dessous."
            nativeSelectProps={{ value: indicator.code, onChange: (e) => setCode(e.target.value) }}
          >
            {indicators.map((i) => (
              <option key={i.code} value={i.code}>
                {i.code} – {i.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <ul className="fr-raw-list fr-mt-2w" aria-hidden="true">
        {values.map((v) => (
          <li key={v.key} className="fr-mb-1w">
            <span className="fr-text--sm fr-mb-0" style={{ display: "block" }}>
              {v.label}
            </span>
            <span style={TRACK}>
              <span style={{ ...BAR, width: `${max > 0 && v.value ? (v.value / max) * 80 : 0}%` }} />
              <span className="fr-text--sm fr-mb-0">{figureText(v.value, indicator.unit, v.included)}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
