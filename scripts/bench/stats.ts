/** Small statistics for bench reports. Pure. */

/**
 * The p-quantile of the values by the nearest-rank rule: the smallest value with at least a
 * fraction p of the values at or below it (p = 0.5: the median's lower neighbour for even counts).
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 1)) throw new Error(`percentile: p = ${p} is outside [0, 1]`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1];
}

/**
 * How close a training step comes to the backend's matrix-multiply limit: (step FLOP rate) /
 * (bare-matMul FLOP rate) on the same products, which is (matMul-only time) / (step time).
 * 1 means the step costs no more than its products alone.
 */
export function matmulShare(stepMs: number, matmulOnlyMs: number): number {
  if (!(stepMs > 0) || !(matmulOnlyMs > 0)) throw new Error('matmulShare needs positive times');
  return matmulOnlyMs / stepMs;
}

/** GFLOP/s of `flops` floating-point operations done in `ms` milliseconds. */
export function gflopsPerSecond(flops: number, ms: number): number {
  return flops / ms / 1e6;
}

/** Least-squares slope of y on x (x in minutes) expressed per hour; 0 for fewer than two points. */
export function slopePerHour(minutes: readonly number[], y: readonly number[]): number {
  if (minutes.length !== y.length) throw new Error('slopePerHour: x and y differ in length');
  const n = minutes.length;
  if (n < 2) return 0;
  const mx = minutes.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (minutes[i] - mx) * (y[i] - my);
    sxx += (minutes[i] - mx) ** 2;
  }
  if (sxx === 0) throw new Error('slopePerHour: all samples at one time');
  return (sxy / sxx) * 60;
}

/**
 * Flat when an hour at this slope grows the quantity by less than `relative` of its mean level
 * or `floor` (in its own unit), whichever is larger: a leak of one tensor per step fails it at
 * once, the jitter of a snapshot in flight does not.
 */
export function isFlat(slopePerHourValue: number, meanLevel: number, floor: number, relative = 0.05): boolean {
  return slopePerHourValue <= Math.max(floor, relative * Math.abs(meanLevel));
}
