/**
 * Sample moments of row-major data X [n×d], optionally weighted (EM's M-step uses the
 * responsibilities as weights).
 */

/** Weighted mean Σ w_i x_i / Σ w_i (unweighted if `weights` omitted). @param x [n×d] */
export function mean(x: ArrayLike<number>, n: number, d: number, weights?: ArrayLike<number>): Float64Array {
  const out = new Float64Array(d);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    for (let j = 0; j < d; j++) out[j] += w * x[i * d + j];
  }
  for (let j = 0; j < d; j++) out[j] /= total;
  return out;
}

/**
 * Weighted covariance Σ w_i (x_i − m)(x_i − m)ᵀ / Σ w_i — the maximum-likelihood (biased,
 * divide-by-total-weight) estimator, which is what EM's M-step needs.
 * @param x [n×d]; @param m the mean to centre at (computed if omitted)
 */
export function covariance(
  x: ArrayLike<number>,
  n: number,
  d: number,
  weights?: ArrayLike<number>,
  m: ArrayLike<number> = mean(x, n, d, weights),
): Float64Array {
  const out = new Float64Array(d * d);
  let total = 0;
  const r = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    for (let j = 0; j < d; j++) r[j] = x[i * d + j] - m[j];
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) out[a * d + b] += w * r[a] * r[b];
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      out[a * d + b] /= total;
      out[b * d + a] = out[a * d + b];
    }
  }
  return out;
}

/** Mean and sample variance (divisor m − 1) of m scalars. */
export function meanAndVariance(x: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i];
  mean /= x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) ** 2;
  return { mean, variance: ss / (x.length - 1) };
}
