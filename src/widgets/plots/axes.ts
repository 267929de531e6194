/** Plot area, axes, ticks and labels as primitives, sized for reading or for presenting. */
import type { Primitive, Theme } from './primitives';
import { formatTick, niceTicks, type LinearScale } from './scale';

export interface PlotStyle {
  /** Multiplies every line width. */
  line: number;
  /** Tick-label font size in CSS px. */
  font: number;
  /** Multiplies point radii. */
  point: number;
}

export function plotStyle(presenting: boolean): PlotStyle {
  return presenting ? { line: 2.25, font: 18, point: 1.6 } : { line: 1, font: 11, point: 1 };
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function plotMargins(style: PlotStyle, hasXLabel: boolean, hasYLabel: boolean): Margins {
  const f = style.font;
  return {
    top: Math.round(f * 0.8),
    right: Math.round(f * 1.2),
    bottom: Math.round(f * (hasXLabel ? 3.4 : 2.1)),
    left: Math.round(f * (hasYLabel ? 5.2 : 3.9)),
  };
}

/** Tick positions (in the scale's domain) with their labels, when the nice defaults do not fit (log axes). */
export interface AxisTicks {
  x?: readonly { at: number; label: string }[];
  y?: readonly { at: number; label: string }[];
}

export function axesPrimitives(
  sx: LinearScale,
  sy: LinearScale,
  theme: Theme,
  style: PlotStyle,
  labels: { x?: string; y?: string },
  ticks: AxisTicks = {},
): Primitive[] {
  const [x0, x1] = sx.range;
  const [y0, y1] = sy.range; // y0 is the bottom (larger pixel y)
  const out: Primitive[] = [
    { kind: 'rect', x: x0, y: y1, w: x1 - x0, h: y0 - y1, stroke: theme.border, strokeWidth: style.line },
  ];
  const tick = style.font * 0.4;
  const xTicks = ticks.x ?? defaultTicks(sx, Math.round((x1 - x0) / (style.font * 7)));
  const yTicks = ticks.y ?? defaultTicks(sy, Math.round((y0 - y1) / (style.font * 4)));
  const marks: number[] = [];
  for (const t of xTicks) {
    const px = sx(t.at);
    marks.push(px, y0, px, y0 + tick);
    out.push({ kind: 'text', x: px, y: y0 + tick + 2, text: t.label, fill: theme.muted, size: style.font, anchor: 'middle', baseline: 'top' });
  }
  for (const t of yTicks) {
    const py = sy(t.at);
    marks.push(x0 - tick, py, x0, py);
    out.push({ kind: 'text', x: x0 - tick - 3, y: py, text: t.label, fill: theme.muted, size: style.font, anchor: 'end', baseline: 'middle' });
  }
  out.push({ kind: 'segments', coords: marks, stroke: theme.muted, strokeWidth: style.line });
  if (labels.x) {
    out.push({ kind: 'text', x: (x0 + x1) / 2, y: y0 + tick + style.font * 1.6, text: labels.x, fill: theme.fg, size: style.font * 1.1, anchor: 'middle', baseline: 'top' });
  }
  if (labels.y) {
    out.push({ kind: 'text', x: style.font * 0.9, y: (y0 + y1) / 2, text: labels.y, fill: theme.fg, size: style.font * 1.1, anchor: 'middle', baseline: 'middle', rotate: -90 });
  }
  return out;
}

function defaultTicks(s: LinearScale, count: number): { at: number; label: string }[] {
  return niceTicks(s.domain[0], s.domain[1], Math.max(2, count)).map((at) => ({ at, label: formatTick(at) }));
}
