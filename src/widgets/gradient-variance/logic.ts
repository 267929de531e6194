/**
 * Pure helpers for the gradient-variance widget: a common plotting range for several samples
 * (central quantiles, so one wild score-function estimate does not squash the rest) and
 * histograms as step paths normalized to a density.
 */
import type { ParamTable } from '../../core/params';

/** The widget's settings (in the URL); `npm run lab -- gradient-variance` takes the same. */
export const gradientVarianceParams = {
  qMean: { kind: 'number', label: 'q mean m', min: -3, max: 3, step: 0.1, default: 1 },
  qLogScale: { kind: 'number', label: 'q log-scale log s', min: -2, max: 1, step: 0.05, default: 0 },
  logZ: { kind: 'number', label: 'log Z of the target', help: 'Adds a constant to log p̃: invisible to reparameterization.', min: -5, max: 10, step: 0.5, default: 0 },
  samples: { kind: 'int', label: 'Draws per estimate S', min: 2, max: 100, default: 10 },
  repeats: { kind: 'int', label: 'Repeated estimates', min: 200, max: 5000, step: 100, default: 2000 },
  component: { kind: 'select', label: 'Gradient component', options: ['m', 'logS'], optionLabels: { m: '∂/∂m', logS: '∂/∂ log s' }, default: 'm' },
  controlVariate: {
    kind: 'select',
    label: 'Control variate',
    options: ['score-baseline', 'score-loo'],
    optionLabels: { 'score-baseline': 'baseline (pilot batch)', 'score-loo': 'leave-one-out' },
    default: 'score-loo',
  },
} satisfies ParamTable;

/** [lo, hi] covering the central `coverage` of every sample, plus `extra` points that must show. */
export function commonRange(samples: readonly ArrayLike<number>[], coverage = 0.98, extra: number[] = []): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const tail = (1 - coverage) / 2;
  for (const s of samples) {
    const sorted = Float64Array.from(s).sort();
    const n = sorted.length;
    if (n === 0) continue;
    lo = Math.min(lo, sorted[Math.floor(tail * (n - 1))]);
    hi = Math.max(hi, sorted[Math.ceil((1 - tail) * (n - 1))]);
  }
  for (const v of extra) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 1];
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  const pad = 0.05 * (hi - lo);
  return [lo - pad, hi + pad];
}

/**
 * Histogram of `values` on [lo, hi] with `bins` equal bins, as a closed step outline whose area
 * is the fraction of values inside the range (a density estimate).
 */
export function histogramPath(values: ArrayLike<number>, lo: number, hi: number, bins: number): { x: number[]; y: number[]; peak: number } {
  const counts = new Float64Array(bins);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - lo) / width);
    if (b >= 0 && b < bins) counts[b]++;
  }
  const x: number[] = [lo];
  const y: number[] = [0];
  let peak = 0;
  for (let b = 0; b < bins; b++) {
    const d = counts[b] / (values.length * width);
    peak = Math.max(peak, d);
    x.push(lo + b * width, lo + (b + 1) * width);
    y.push(d, d);
  }
  x.push(hi);
  y.push(0);
  return { x, y, peak };
}
