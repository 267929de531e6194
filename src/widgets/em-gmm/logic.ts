/**
 * Data shaping for the em-gmm and mcem-vs-em widgets, outside React: responsibilities to
 * colours, snapshot arrays to ellipse layers, the plot domain, and reader-facing labels.
 */
import { categoryColor, hexToRgb } from '../plots/palette';
import type { EllipseLayer } from '../plots';

/** Per-point RGB in [0, 1] [n*3]: the component colours averaged with weights r_ik. @param resp [n*k] */
export function responsibilityColors(resp: ArrayLike<number>, n: number, k: number): Float32Array {
  const palette = Array.from({ length: k }, (_, c) => hexToRgb(categoryColor(c)));
  const out = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const w = resp[i * k + c];
      for (let j = 0; j < 3; j++) out[3 * i + j] += (w * palette[c][j]) / 255;
    }
  }
  return out;
}


/** A square domain covering every coordinate with a 10% margin, at least [-minHalf, minHalf]. */
export function squareDomain(xy: ArrayLike<number>, minHalf = 1): [number, number] {
  let lo = -minHalf;
  let hi = minHalf;
  for (let i = 0; i < xy.length; i++) {
    if (!Number.isFinite(xy[i])) continue;
    lo = Math.min(lo, xy[i]);
    hi = Math.max(hi, xy[i]);
  }
  const pad = 0.1 * (hi - lo);
  return [lo - pad, hi + pad];
}

/**
 * One ellipse layer per component (1σ and 2σ), in the component's colour; degenerate
 * components are drawn dashed and filled so the reader's eye goes to them.
 * @param means [k*2] @param covariances [k*4] row-major 2×2
 */
export function componentEllipses(
  means: ArrayLike<number>,
  covariances: ArrayLike<number>,
  k: number,
  opts: { degenerate?: ArrayLike<number>; dashed?: boolean; lineWidth?: number; nSigma?: number[] } = {},
): EllipseLayer[] {
  const out: EllipseLayer[] = [];
  for (let c = 0; c < k; c++) {
    const cov = [covariances[4 * c], covariances[4 * c + 1], covariances[4 * c + 2], covariances[4 * c + 3]];
    if (![...cov, means[2 * c], means[2 * c + 1]].every(Number.isFinite)) continue;
    const bad = opts.degenerate ? opts.degenerate[c] === 1 : false;
    out.push({
      mean: [means[2 * c], means[2 * c + 1]],
      cov,
      nSigma: opts.nSigma ?? [1, 2],
      color: categoryColor(c),
      lineWidth: opts.lineWidth ?? 2,
      dashed: opts.dashed || bad,
      fillAlpha: bad ? 0.25 : 0,
    });
  }
  return out;
}

export function phaseLabel(phase: string, step: number): string {
  if (phase === 'M') return `after the M-step of iteration ${step}: ellipses moved, colours still from the previous E-step`;
  if (phase === 'E') return step === 0 ? 'initialized' : `after the E-step of iteration ${step}: colours are the responsibilities of the ellipses shown`;
  return 'initialized by k-means++ (no iteration yet)';
}

/**
 * Metric traces carried in a snapshot → chart history, one point per step (entry i at step i + firstStep).
 * A fast run finishes between two progress reports, so the chart draws from the demo's own
 * trace instead of the throttled reports. `floor` clamps values for a log axis.
 */
export function traceToHistory(
  trace: Record<string, ArrayLike<number>>,
  floor?: number,
  firstStep = 1,
): { step: number; metrics: Record<string, number> }[] {
  const keys = Object.keys(trace);
  const len = keys.length ? Math.min(...keys.map((k) => trace[k].length)) : 0;
  return Array.from({ length: len }, (_, i) => {
    const metrics: Record<string, number> = {};
    for (const k of keys) metrics[k] = floor === undefined ? trace[k][i] : Math.max(floor, trace[k][i]);
    return { step: i + firstStep, metrics };
  });
}
