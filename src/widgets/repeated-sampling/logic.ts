/** Pure helpers for the repeated-sampling widget: histogram outlines as step paths, and table rows. */
import type { EstimatorView } from '../../core/vi/estimator/demo';

/** The outline of a histogram of `counts` over [lo, hi] as a step path, normalized to a density. */
export function histogramPath(counts: ArrayLike<number>, lo: number, hi: number): { x: number[]; y: number[] } {
  const bins = counts.length;
  const w = (hi - lo) / bins;
  let total = 0;
  for (let b = 0; b < bins; b++) total += counts[b];
  const x: number[] = [lo];
  const y: number[] = [0];
  for (let b = 0; b < bins; b++) {
    const h = total > 0 ? counts[b] / (total * w) : 0;
    x.push(lo + b * w, lo + (b + 1) * w);
    y.push(h, h);
  }
  x.push(hi);
  y.push(0);
  return { x, y };
}

export interface SummaryRow {
  estimator: string;
  parameter: string;
  mean: number;
  bias: number;
  sd: number;
  naive: number;
  curvature: number;
  sandwich: number;
  coverNaive: number;
  coverCurvature: number;
  coverSandwich: number;
  coverLimit: number;
}

interface Summary {
  mean: number;
  bias: number;
  sd: number;
  meanSe: { naive: number; curvature: number; sandwich: number };
  coverage: { naive: number; curvature: number; sandwich: number };
  coverageOfLimit: number;
}

export function summaryRows(views: { mle: EstimatorView; variational: EstimatorView }): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const [key, label] of [
    ['mle', 'MLE (exact EM)'],
    ['variational', 'variational EM'],
  ] as const) {
    for (const [p, pl] of [
      ['mu', 'μ'],
      ['tau2', 'τ²'],
    ] as const) {
      const s = views[key][p] as unknown as Summary;
      rows.push({
        estimator: label,
        parameter: pl,
        mean: s.mean,
        bias: s.bias,
        sd: s.sd,
        naive: s.meanSe.naive,
        curvature: s.meanSe.curvature,
        sandwich: s.meanSe.sandwich,
        coverNaive: s.coverage.naive,
        coverCurvature: s.coverage.curvature,
        coverSandwich: s.coverage.sandwich,
        coverLimit: s.coverageOfLimit,
      });
    }
  }
  return rows;
}

export const fmt3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');
export const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '–');
