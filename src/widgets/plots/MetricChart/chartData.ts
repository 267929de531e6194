/** A trainer's history as columns, the y axis that encloses it, and polylines thinned to the pixel grid. */
import type { HistoryPoint } from '../../frame/trainerTypes';
import { niceStep } from '../scale';

export interface ChartColumns {
  steps: Float64Array;
  /** One column per series, aligned with `steps`; NaN where a value is missing, non-finite, or ≤ 0 on a log axis. */
  values: Float64Array[];
}

/** Columns from history points: the lines skip missing values instead of breaking the scale. */
export function chartColumns(history: readonly HistoryPoint[], keys: readonly string[], logY: boolean): ChartColumns {
  const n = history.length;
  const steps = new Float64Array(n);
  const values = keys.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const h = history[i];
    steps[i] = h.step;
    for (let s = 0; s < keys.length; s++) {
      const v = h.metrics[keys[s]];
      values[s][i] = typeof v === 'number' && Number.isFinite(v) && (!logY || v > 0) ? v : NaN;
    }
  }
  return { steps, values };
}

/**
 * A y axis with round ticks covering the plotted values: [first tick, last tick] and the ticks.
 * Log axes get powers of ten. Null when there is nothing finite to plot.
 */
export function yAxisTicks(
  columns: readonly ArrayLike<number>[],
  logY: boolean,
  count = 5,
): { domain: [number, number]; ticks: number[] } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const col of columns) {
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo <= hi)) return null;
  if (logY) {
    const a = Math.floor(Math.log10(lo));
    const b = Math.max(a + 1, Math.ceil(Math.log10(hi)));
    const ticks: number[] = [];
    for (let e = a; e <= b; e++) ticks.push(Number(`1e${e}`));
    return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
  }
  if (hi === lo) {
    const pad = Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(lo, hi, count);
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = first; t <= last + step * 1e-6; t += step) ticks.push(Number(t.toPrecision(12)));
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

/**
 * A polyline through (px[i], py[i]) in pixels, thinned to at most four vertices per pixel column
 * (first, lowest, highest, last, in drawing order), so a 10⁵-step history costs what the chart's
 * width costs and still shows every spike. NaN vertices are skipped: the line joins across them.
 */
export function thinPolyline(px: ArrayLike<number>, py: ArrayLike<number>): Float32Array {
  const out: number[] = [];
  let column = NaN;
  let first = -1;
  let lo = -1;
  let hi = -1;
  let last = -1;
  const flush = () => {
    if (first < 0) return;
    const picks = [first, lo, hi, last].filter((v, k, a) => a.indexOf(v) === k).sort((a, b) => a - b);
    for (const i of picks) out.push(px[i], py[i]);
  };
  for (let i = 0; i < px.length; i++) {
    if (!Number.isFinite(px[i]) || !Number.isFinite(py[i])) continue;
    const c = Math.floor(px[i]);
    if (c !== column) {
      flush();
      column = c;
      first = lo = hi = last = i;
      continue;
    }
    last = i;
    if (py[i] < py[lo]) lo = i;
    if (py[i] > py[hi]) hi = i;
  }
  flush();
  return Float32Array.from(out);
}

/** Index of the point whose step is nearest to `step` (steps ascending); -1 for no points. */
export function nearestIndex(steps: ArrayLike<number>, step: number): number {
  if (steps.length === 0) return -1;
  let a = 0;
  let b = steps.length - 1;
  while (b - a > 1) {
    const m = (a + b) >> 1;
    if (steps[m] <= step) a = m;
    else b = m;
  }
  return Math.abs(steps[a] - step) <= Math.abs(steps[b] - step) ? a : b;
}
