/** Rows for recharts from a trainer's history, and the chart's <svg> as a standalone document. */
import type { HistoryPoint } from '../../frame/trainerTypes';
import { niceStep } from '../scale';

/**
 * One row per history point: { step, [series key]: value }. Non-finite values, and on a log
 * axis non-positive ones, become null: the line skips them instead of breaking the scale.
 */
export function chartRows(
  history: readonly HistoryPoint[],
  series: readonly { key: string }[],
  logY: boolean,
): Record<string, number | null>[] {
  return history.map((h) => {
    const row: Record<string, number | null> = { step: h.step };
    for (const s of series) {
      const v = h.metrics[s.key];
      row[s.key] = typeof v === 'number' && Number.isFinite(v) && (!logY || v > 0) ? v : null;
    }
    return row;
  });
}

/**
 * A y axis with round ticks covering the plotted values: [first tick, last tick] and the ticks.
 * Log axes get powers of ten. Null when there is nothing finite to plot.
 */
export function yAxisTicks(
  rows: readonly Record<string, number | null>[],
  keys: readonly string[],
  logY: boolean,
  count = 5,
): { domain: [number, number]; ticks: number[] } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of rows) {
    for (const k of keys) {
      const v = row[k];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
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

export function serializeChartSvg(container: HTMLElement | null, width: number, height: number, background: string): string {
  const svg = container?.querySelector('svg.recharts-surface') ?? container?.querySelector('svg');
  if (!svg) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"/>`;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  clone.insertBefore(bg, clone.firstChild);
  // The legend is HTML outside the <svg>; the series names are in the line elements' names.
  return new XMLSerializer().serializeToString(clone);
}
