/**
 * Pure layout of a bar chart as primitives: bars from a zero baseline (negative values hang
 * below it), value labels, category labels, y ticks. Used for the ELBO = reconstruction − KL
 * split and per-dimension KL bars.
 */
import { plotStyle } from '../axes';
import { formatValue, type ValueFormat } from '../formatValue';
import { categoryColor } from '../palette';
import type { Primitive, Scene, Theme } from '../primitives';
import { formatTick, linearScale, niceTicks } from '../scale';

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

export interface BarLayoutOptions {
  width: number;
  height: number;
  theme: Theme;
  presenting: boolean;
  /** Fixed value range; default from the data, always including 0. */
  domain?: readonly [number, number];
  yLabel?: string;
  showValues?: boolean;
  formatValue?: ValueFormat;
}

export function barChartScene(bars: readonly Bar[], o: BarLayoutOptions): Scene {
  const style = plotStyle(o.presenting);
  const f = style.font;
  const left = Math.round(f * (o.yLabel ? 5.2 : 3.9));
  const right = Math.round(f);
  const top = Math.round(f * 1.6);
  const bottom = Math.round(f * 2.2);
  const finite = bars.map((b) => (Number.isFinite(b.value) ? b.value : 0));
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (hi === lo) hi = lo + 1;
  // Room for the value labels beyond the longest bars (below the negative ones, clear of the
  // category labels).
  const pad = o.showValues === false ? 0 : 0.15 * (hi - lo);
  if (lo < 0) lo -= pad;
  if (hi > 0) hi += pad;
  if (o.domain) [lo, hi] = o.domain;
  const sy = linearScale([lo, hi], [o.height - bottom, top]);
  const plotW = Math.max(1, o.width - left - right);
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(1, slot * 0.7);
  const prims: Primitive[] = [];
  const marks: number[] = [];
  for (const t of niceTicks(lo, hi, Math.max(2, Math.round((o.height - top - bottom) / (f * 4))))) {
    const y = sy(t);
    marks.push(left - f * 0.4, y, left, y);
    prims.push({ kind: 'text', x: left - f * 0.6, y, text: formatTick(t), fill: o.theme.muted, size: f, anchor: 'end', baseline: 'middle' });
  }
  const zero = sy(0);
  bars.forEach((b, k) => {
    const v = finite[k];
    const x = left + k * slot + (slot - barW) / 2;
    const y = Math.min(sy(v), zero);
    prims.push({ kind: 'rect', x, y, w: barW, h: Math.abs(sy(v) - zero), fill: b.color ?? categoryColor(k) });
    if (o.showValues !== false) {
      const above = v >= 0;
      prims.push({ kind: 'text', x: x + barW / 2, y: above ? y - 2 : y + Math.abs(sy(v) - zero) + 2, text: formatValue(b.value, o.formatValue), fill: o.theme.fg, size: f, anchor: 'middle', baseline: above ? 'bottom' : 'top' });
    }
    prims.push({ kind: 'text', x: x + barW / 2, y: o.height - bottom + f * 0.5, text: b.label, fill: o.theme.fg, size: f, anchor: 'middle', baseline: 'top' });
  });
  marks.push(left, zero, o.width - right, zero, left, top, left, o.height - bottom);
  prims.push({ kind: 'segments', coords: marks, stroke: o.theme.muted, strokeWidth: style.line });
  if (o.yLabel) {
    prims.push({ kind: 'text', x: f * 0.9, y: (top + o.height - bottom) / 2, text: o.yLabel, fill: o.theme.fg, size: f * 1.1, anchor: 'middle', baseline: 'middle', rotate: -90 });
  }
  return { width: o.width, height: o.height, primitives: prims };
}
