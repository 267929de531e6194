/**
 * ADVI's map from R^{K−1} to the probability simplex in R^K, by stick breaking (the transform
 * Stan uses): for k = 1..K−1,
 *   z_k = σ(y_k − log(K − k)),   x_k = (1 − Σ_{j<k} x_j) z_k,   x_K = 1 − Σ_{j<K} x_j,
 * with σ the logistic function; the shift log(K − k) maps y = 0 to the centre (1/K, …, 1/K).
 * The Jacobian of y ↦ x_{1:K−1} is lower triangular, so
 *   log|det J| = Σ_k [log z_k + log(1 − z_k) + log(1 − Σ_{j<k} x_j)],
 * the term ADVI adds to log p(x, ·) for a simplex-valued latent.
 */
export function stickBreaking(y: ArrayLike<number>): { x: Float64Array; logDetJacobian: number } {
  const K = y.length + 1;
  const x = new Float64Array(K);
  let remaining = 1;
  let logDet = 0;
  for (let k = 0; k < K - 1; k++) {
    const a = y[k] - Math.log(K - k - 1);
    // log σ(a) and log(1 − σ(a)) = log σ(−a), computed stably.
    const logZ = -softplus(-a);
    const log1mZ = -softplus(a);
    const z = Math.exp(logZ);
    logDet += logZ + log1mZ + Math.log(remaining);
    x[k] = remaining * z;
    remaining -= x[k];
  }
  x[K - 1] = remaining;
  return { x, logDetJacobian: logDet };
}

function softplus(a: number): number {
  return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
}
