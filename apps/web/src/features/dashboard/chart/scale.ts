/** A round top for an axis, and its ticks: 0, 250, 500, 750, 1 000. */
const STEPS = [1, 2, 2.5, 5, 10];

/** `minStep`: 1 for a count, whose axis never reads "0,5 session". */
export function axisTicks(max: number, count = 4, minStep = 0): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(minStep, (STEPS.find((s) => s * magnitude >= raw) ?? 10) * magnitude);
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Math.round(t * 1e6) / 1e6);
  return ticks;
}
