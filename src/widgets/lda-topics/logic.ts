/**
 * The lda-topics widget's data: the race's score traces as a chart history (x = documents each
 * run has seen), run colours, and the topics of a passage ordered by weight.
 */
import type { HistoryPoint } from '../frame/trainerTypes';
import { OKABE_ITO } from '../plots';

/** batch EM grey (dashed), then the stochastic runs */
export const RUN_COLORS = [OKABE_ITO.grey, OKABE_ITO.orange, OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen];

/** One history point per evaluation: step = documents seen, metrics run0… = held-out log predictive per word. */
export function raceHistory(traceDocs: ArrayLike<number>, traceHeldOut: readonly ArrayLike<number>[]): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (let p = 0; p < traceDocs.length; p++) {
    const metrics: Record<string, number> = {};
    traceHeldOut.forEach((t, i) => {
      if (p < t.length && Number.isFinite(t[p])) metrics[`run${i}`] = t[p];
    });
    out.push({ step: traceDocs[p], metrics });
  }
  return out;
}

/** Topic indices of θ̂ by decreasing weight, those above `min` only. */
export function leadingTopics(theta: ArrayLike<number>, min = 0.05): number[] {
  return Array.from(theta, (_, j) => j)
    .filter((j) => theta[j] >= min)
    .sort((a, b) => theta[b] - theta[a]);
}

/** "1,234 docs/s" (all runs together). */
export function formatDocsRate(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r) || r <= 0) return '– docs/s';
  return `${Math.round(r).toLocaleString('en-US')} docs/s`;
}
