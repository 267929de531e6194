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
