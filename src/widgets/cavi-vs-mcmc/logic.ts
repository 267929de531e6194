/**
 * The race chart's data: each method's error against its own cumulative milliseconds, from the
 * trainer's history (points whose time did not advance are dropped, so a converged CAVI stops).
 */
import type { HistoryPoint } from '../frame';

export interface TimedPoint {
  ms: number;
  error: number;
}

export function raceSeries(history: readonly HistoryPoint[], method: 'cavi' | 'mcmc'): TimedPoint[] {
  const out: TimedPoint[] = [];
  for (const h of history) {
    const ms = h.metrics[`${method}Ms`];
    const error = h.metrics[`${method}Error`];
    if (!Number.isFinite(ms) || !Number.isFinite(error) || error <= 0) continue;
    if (out.length > 0 && ms <= out[out.length - 1].ms) continue;
    out.push({ ms, error });
  }
  return out;
}
