/**
 * Energy distance between two samples (Székely & Rizzo):
 *   D²(P, Q) = 2 E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖ ≥ 0, zero iff P = Q.
 * Estimated exactly over all pairs (O(n m) work): the cross term over all n·m pairs, the
 * within-sample terms as U-statistics (i ≠ j), so the estimate is unbiased and centred on zero
 * when both samples come from one distribution (it can then be slightly negative).
 */

/** Mean Euclidean distance over all pairs between rows of a [n*d] and b [m*d]. */
function meanCrossDistance(a: ArrayLike<number>, n: number, b: ArrayLike<number>, m: number, d: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) {
      let sq = 0;
      for (let j = 0; j < d; j++) {
        const diff = a[i * d + j] - b[k * d + j];
        sq += diff * diff;
      }
      total += Math.sqrt(sq);
    }
  }
  return total / (n * m);
}

/** Mean distance over distinct pairs i ≠ j within rows of a [n*d]. */
function meanWithinDistance(a: ArrayLike<number>, n: number, d: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let k = i + 1; k < n; k++) {
      let sq = 0;
      for (let j = 0; j < d; j++) {
        const diff = a[i * d + j] - a[k * d + j];
        sq += diff * diff;
      }
      total += Math.sqrt(sq);
    }
  }
  return (2 * total) / (n * (n - 1));
}

/**
 * Energy distance D² between samples x [n*d] and y [m*d] (n, m ≥ 2). Returns the squared form
 * 2E‖X−Y‖ − E‖X−X′‖ − E‖Y−Y′‖ (same units as a distance).
 */
export function energyDistance(x: ArrayLike<number>, y: ArrayLike<number>, d = 2): number {
  const n = x.length / d;
  const m = y.length / d;
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 2 || m < 2) {
    throw new Error(`energyDistance needs at least two rows of ${d} coordinates in each sample`);
  }
  return 2 * meanCrossDistance(x, n, y, m, d) - meanWithinDistance(x, n, d) - meanWithinDistance(y, m, d);
}
