/**
 * The race chart's data: a method's (ms, error) trace from the demo's snapshot as points, and a
 * log-scale domain that covers every point (rounded out to powers of ten).
 */
export interface TimedPoint {
  ms: number;
  error: number;
}

/** Pairs ms [T] with error [T], keeping points with positive finite values. */
export function tracePoints(ms: ArrayLike<number>, error: ArrayLike<number>): TimedPoint[] {
  const out: TimedPoint[] = [];
  for (let i = 0; i < Math.min(ms.length, error.length); i++) {
    if (ms[i] > 0 && error[i] > 0 && Number.isFinite(ms[i]) && Number.isFinite(error[i])) out.push({ ms: ms[i], error: error[i] });
  }
  return out;
}

/** [10^floor(log10 min), 10^ceil(log10 max)] of a positive quantity over all series. */
export function logDomain(series: readonly TimedPoint[][], key: 'ms' | 'error'): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const p of s) {
      lo = Math.min(lo, p[key]);
      hi = Math.max(hi, p[key]);
    }
  }
  if (!(hi >= lo)) return [1e-3, 1];
  const a = 10 ** Math.floor(Math.log10(lo));
  const b = 10 ** Math.ceil(Math.log10(hi));
  return [a, b > a ? b : a * 10];
}
