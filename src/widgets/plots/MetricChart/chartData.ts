/** Rows for recharts from a trainer's history, and the chart's <svg> as a standalone document. */
import type { HistoryPoint } from '../../frame/trainerTypes';

/**
 * One row per history point: { step, [series key]: value }. Non-finite values, and on a log
 * axis non-positive ones, become null (a gap) rather than breaking the scale.
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
