/**
 * Closed-form optima of the factorized (per-observation) Gaussian q, for the two linear models.
 * For a Gaussian joint, mean-field Gaussian VI gets the means exactly (m = posterior mean) and
 * sets each variance to 1/Λ_nn, the inverse diagonal of the posterior precision Λ.
 */
import { CHAIN_PHI, MODEL_SIGMA } from './models';

/** Conjugate model: m_n = x_n/(1 + σ²), s² = σ²/(1 + σ²); the q is exact, so ELBO = log p(x). */
export function conjugateOptimum(x: ArrayLike<number>): { m: Float64Array; s2: number } {
  const r2 = MODEL_SIGMA * MODEL_SIGMA;
  return { m: Float64Array.from(x, (v) => v / (1 + r2)), s2: r2 / (1 + r2) };
}

/**
 * AR(1) chain: Λ is tridiagonal (prior precision of the chain + I/σ²); m solves Λ m = x/σ²
 * (Thomas algorithm), s_n² = 1/Λ_nn.
 */
export function chainMeanFieldOptimum(x: ArrayLike<number>): { m: Float64Array; s2: Float64Array } {
  const n = x.length;
  const v = 1 - CHAIN_PHI * CHAIN_PHI;
  const r2 = MODEL_SIGMA * MODEL_SIGMA;
  const diag = new Float64Array(n);
  const off = -CHAIN_PHI / v; // Λ_{n,n+1}
  for (let i = 0; i < n; i++) {
    // Prior precision: first state 1 + ρ²/v, middle (1 + ρ²)/v, last 1/v.
    const prior = i === 0 ? 1 + (CHAIN_PHI * CHAIN_PHI) / v : i === n - 1 ? 1 / v : (1 + CHAIN_PHI * CHAIN_PHI) / v;
    diag[i] = prior + 1 / r2;
  }
  if (n === 1) diag[0] = 1 + 1 / r2;
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  c[0] = off / diag[0];
  d[0] = x[0] / r2 / diag[0];
  for (let i = 1; i < n; i++) {
    const den = diag[i] - off * c[i - 1];
    c[i] = off / den;
    d[i] = (x[i] / r2 - off * d[i - 1]) / den;
  }
  const m = new Float64Array(n);
  m[n - 1] = d[n - 1];
  for (let i = n - 2; i >= 0; i--) m[i] = d[i] - c[i] * m[i + 1];
  return { m, s2: Float64Array.from(diag, (a) => 1 / a) };
}
