/**
 * The one way a figure writes a data value as text: on screen (bar labels, hover readouts) and in
 * what a screen reader hears (the hidden tables beside charts, a chart's summary). A widget may
 * pass its own format (e.g. `v => v.toFixed(3)`); without one, four significant digits without
 * float noise. Non-finite values read "—" rather than "NaN".
 */
import { formatTick } from './scale';

export type ValueFormat = (v: number) => string;

export function formatValue(v: number, format?: ValueFormat): string {
  if (!Number.isFinite(v)) return '—';
  return format ? format(v) : formatTick(Number(v.toPrecision(4)));
}
