/**
 * MetricChart's figure as pixel-space primitives (pure): grid, reference lines, one thinned
 * polyline per series, axes and a legend under the x label. The canvas draws it on screen and
 * the SVG export writes the same scene, so exports look like the screen.
 */
import { axesPrimitives, plotMargins, type PlotStyle } from '../axes';
import { categoryColor } from '../palette';
import type { Primitive, Scene, Theme } from '../primitives';
import { formatTick, linearScale, niceTicks, type LinearScale } from '../scale';
import { thinPolyline, yAxisTicks, type ChartColumns } from './chartData';

export interface ChartSeries {
  key: string;
  label?: string;
  color?: string;
  dashed?: boolean;
}

export interface ChartReference {
  y: number;
  label?: string;
  color?: string;
}

export interface ChartOptions {
  series: readonly ChartSeries[];
  references: readonly ChartReference[];
  logY: boolean;
  yDomain?: readonly [number | 'auto', number | 'auto'];
  xLabel?: string;
  yLabel?: string;
  /** Shown in the plot area while the history is empty. */
  emptyText?: string;
}

export interface ChartGeometry {
  /** Step → pixel x. */
  sx: LinearScale;
  /** Plotted y (log10 of the value on a log axis) → pixel y. */
  sy: LinearScale;
  logY: boolean;
}

/** Legend rows are laid out with an estimated glyph width: the scene stays pure (no measureText). */
const GLYPH = 0.6;

export function legendHeight(opts: ChartOptions, style: PlotStyle): number {
  return opts.series.length > 1 ? Math.round(style.font * 1.9) : 0;
}

export function chartGeometry(columns: ChartColumns, opts: ChartOptions, width: number, height: number, style: PlotStyle): ChartGeometry & { yTicks: number[] } {
  const m = plotMargins(style, Boolean(opts.xLabel), Boolean(opts.yLabel));
  const bottom = height - m.bottom - legendHeight(opts, style);
  const n = columns.steps.length;
  const first = n > 0 ? columns.steps[0] : 0;
  const last = n > 0 ? columns.steps[n - 1] : 1;
  const sx = linearScale([first, Math.max(last, first + 1)], [m.left, width - m.right]);

  const plotted = [...columns.values, ...(opts.logY ? [] : [Float64Array.from(opts.references.map((r) => r.y))])];
  const auto = yAxisTicks(plotted, opts.logY, Math.max(2, Math.round((bottom - m.top) / (style.font * 4))));
  let lo = auto?.domain[0] ?? (opts.logY ? 0.1 : 0);
  let hi = auto?.domain[1] ?? (opts.logY ? 10 : 1);
  if (opts.yDomain) {
    if (opts.yDomain[0] !== 'auto') lo = opts.yDomain[0];
    if (opts.yDomain[1] !== 'auto') hi = opts.yDomain[1];
  }
  const ticks = opts.yDomain || !auto ? (opts.logY ? powersOfTen(lo, hi) : niceTicks(lo, hi, 5)) : auto.ticks;
  const toY = (v: number) => (opts.logY ? Math.log10(v) : v);
  const sy = linearScale([toY(lo), toY(hi)], [bottom, m.top]);
  return { sx, sy, logY: opts.logY, yTicks: ticks };
}

function powersOfTen(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(Number(`1e${e}`));
  return out;
}

export function buildChartScene(columns: ChartColumns, opts: ChartOptions, width: number, height: number, theme: Theme, style: PlotStyle): Scene {
  const geo = chartGeometry(columns, opts, width, height, style);
  const { sx, sy } = geo;
  const toY = (v: number) => (opts.logY ? Math.log10(v) : v);
  const [x0, x1] = sx.range;
  const [yBottom, yTop] = sy.range;
  const prims: Primitive[] = [];

  // Grid at the ticks, under everything.
  const xTicks = niceTicks(sx.domain[0], sx.domain[1], Math.max(2, Math.round((x1 - x0) / (style.font * 9))));
  const grid: number[] = [];
  for (const t of xTicks) grid.push(sx(t), yTop, sx(t), yBottom);
  for (const t of geo.yTicks) grid.push(x0, sy(toY(t)), x1, sy(toY(t)));
  prims.push({ kind: 'segments', coords: grid, stroke: theme.border, strokeWidth: style.line, alpha: 0.7 });

  prims.push({ kind: 'clip', x: x0, y: yTop, w: x1 - x0, h: yBottom - yTop });
  for (const r of opts.references) {
    if (opts.logY && !(r.y > 0)) continue;
    const y = sy(toY(r.y));
    prims.push({ kind: 'polyline', points: [x0, y, x1, y], stroke: r.color ?? theme.muted, strokeWidth: 1.5 * style.line, dashed: true });
  }
  const n = columns.steps.length;
  const px = new Float64Array(n);
  for (let i = 0; i < n; i++) px[i] = sx(columns.steps[i]);
  opts.series.forEach((s, k) => {
    const col = columns.values[k];
    const py = new Float64Array(n);
    for (let i = 0; i < n; i++) py[i] = Number.isFinite(col[i]) ? sy(toY(col[i])) : NaN;
    const line = thinPolyline(px, py);
    const color = s.color ?? categoryColor(k);
    // A single point has no segment to stroke: show it as a dot.
    if (line.length === 0) return;
    if (line.length === 2) prims.push({ kind: 'circle', x: line[0], y: line[1], r: 2.5 * style.point, fill: color });
    else prims.push({ kind: 'polyline', points: line, stroke: color, strokeWidth: 2 * style.line, dashed: s.dashed });
  });
  prims.push({ kind: 'unclip' });
  if (n === 0) {
    prims.push({ kind: 'text', x: (x0 + x1) / 2, y: (yTop + yBottom) / 2, text: opts.emptyText ?? 'No steps yet', fill: theme.muted, size: style.font * 1.1, anchor: 'middle', baseline: 'middle' });
  }
  for (const r of opts.references) {
    if (!r.label || (opts.logY && !(r.y > 0))) continue;
    prims.push({ kind: 'text', x: x1 - 4, y: sy(toY(r.y)) - 3, text: r.label, fill: theme.fg, size: style.font, anchor: 'end', baseline: 'bottom' });
  }

  const ticks = {
    x: xTicks.map((at) => ({ at, label: formatTick(at) })),
    y: geo.yTicks.map((t) => ({ at: toY(t), label: formatTick(t) })),
  };
  prims.push(...axesPrimitives(sx, sy, theme, style, { x: opts.xLabel, y: opts.yLabel }, ticks));
  prims.push(...legendPrimitives(opts, width, height, theme, style));
  return { width, height, primitives: prims };
}

function legendPrimitives(opts: ChartOptions, width: number, height: number, theme: Theme, style: PlotStyle): Primitive[] {
  if (opts.series.length < 2) return [];
  const out: Primitive[] = [];
  const f = style.font;
  const swatch = 1.8 * f;
  const items = opts.series.map((s, k) => ({ s, k, w: swatch + 0.4 * f + GLYPH * f * (s.label ?? s.key).length + 1.2 * f }));
  const total = items.reduce((a, it) => a + it.w, 0);
  let x = Math.max(4, (width - total) / 2);
  const y = height - Math.round(f * 0.9);
  for (const { s, k, w } of items) {
    const color = s.color ?? categoryColor(k);
    out.push({ kind: 'polyline', points: [x, y, x + swatch, y], stroke: color, strokeWidth: 2 * style.line, dashed: s.dashed });
    out.push({ kind: 'text', x: x + swatch + 0.4 * f, y, text: s.label ?? s.key, fill: theme.fg, size: f, anchor: 'start', baseline: 'middle' });
    x += w;
  }
  return out;
}
