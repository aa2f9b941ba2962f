import { formatNumber } from "../format.ts";
import { axisTicks } from "./scale.ts";
import type { Series } from "./series.ts";

type Props = { series: Series; width: number; unit: "nombre" | "%" };

const HEIGHT = 240;
const TOP = 12;
const BOTTOM = 28;
const RIGHT = 12;
const INITIALS = ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"];
const SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

// DSFR colour tokens: they follow the light and dark themes.
const LINE = { stroke: "var(--text-action-high-blue-france)" };
const MARKER = { fill: "var(--text-action-high-blue-france)" };
const TARGET = { stroke: "var(--text-default-error)" };
const GRID = { stroke: "var(--border-default-grey)" };
const TEXT = { fill: "var(--text-mention-grey)", fontSize: 12 };

type Point = { x: number; y: number };

/** 0 for January: a school year starts its axis in September. */
const monthIndex = (period: string) => Number(period.slice(5, 7)) - 1;

/** Runs of consecutive defined values: a month without a figure breaks the line. */
function segments(values: readonly (number | null)[], origin: boolean): { slot: number; value: number }[][] {
  const runs: { slot: number; value: number }[][] = [];
  let run: { slot: number; value: number }[] = origin ? [{ slot: 0, value: 0 }] : [];
  values.forEach((value, i) => {
    if (value === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push({ slot: i + 1, value });
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

const path = (points: readonly Point[]) => points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");

/**
 * The drawing alone, hidden from assistive technologies: the figure around it
 * gives its title, a sentence and the same numbers as a table. Twelve slots,
 * one per month end; a sum starts from zero at the start of the year.
 */
export function ChartSvg({ series, width, unit }: Props) {
  const origin = series.kind === "sum";
  const values = series.points.map((p) => p.cumulative);
  const trajectory = series.points.map((p) => p.trajectory);
  const max = Math.max(0, ...values.map((v) => v ?? 0), ...trajectory.map((v) => v ?? 0));
  // A share is read against a scale of at least 10 %: a flat 0 % must not look like a full axis.
  const ticks = unit === "%" ? axisTicks(Math.max(max, 10)) : axisTicks(max, 4, 1);
  const top = ticks[ticks.length - 1] ?? 1;
  const tickText = (t: number) => (unit === "%" ? `${formatNumber(t)} %` : formatNumber(t));
  const left = Math.max(...ticks.map((t) => tickText(t).length)) * 7 + 10;
  const plotWidth = Math.max(width - left - RIGHT, 120);
  const x = (slot: number) => left + (plotWidth * slot) / 12;
  const y = (value: number) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / top);
  const monthNames = plotWidth / 12 >= 34 ? SHORT : INITIALS;
  const toPoints = (run: { slot: number; value: number }[]) => run.map((p) => ({ x: x(p.slot), y: y(p.value) }));

  return (
    <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} aria-hidden="true" focusable="false" style={{ display: "block" }}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={left + plotWidth} y1={y(t)} y2={y(t)} style={GRID} strokeWidth={1} />
          <text x={left - 6} y={y(t) + 4} textAnchor="end" style={TEXT}>
            {tickText(t)}
          </text>
        </g>
      ))}
      {series.points.map((p, i) => (
        <text key={p.period} x={x(i + 1)} y={HEIGHT - 8} textAnchor="middle" style={TEXT}>
          {monthNames[monthIndex(p.period)]}
        </text>
      ))}
      {segments(trajectory, origin).map((run) => (
        <path key={`t${run[0]?.slot}`} d={path(toPoints(run))} fill="none" style={TARGET} strokeWidth={2} strokeDasharray="6 4" />
      ))}
      {segments(values, origin).map((run) => (
        <g key={`v${run[0]?.slot}`}>
          <path d={path(toPoints(run))} fill="none" style={LINE} strokeWidth={2.5} />
          {toPoints(run).map((p, i) =>
            i === 0 && origin && run[0]?.slot === 0 ? null : <circle key={p.x} cx={p.x} cy={p.y} r={3.5} style={MARKER} />,
          )}
        </g>
      ))}
    </svg>
  );
}
