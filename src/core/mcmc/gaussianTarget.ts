/**
 * A Gaussian target in information form, p(z) ∝ exp(−½ zᵀ Λ z + bᵀ z), z ∈ ℝᵈ: the posterior of
 * any linear-Gaussian random-effects model (Bayesian linear regression, the chapter-3 model).
 * Its mean is Λ⁻¹ b and its covariance Λ⁻¹, so samplers and VI can be scored exactly.
 */
import { cholesky, choleskySolve, inverse } from '../math/linalg';

export interface GaussianInformationTarget {
  d: number;
  /** Λ [d*d], symmetric positive definite. */
  precision: Float64Array;
  /** b [d]. */
  shift: Float64Array;
}

/** log p(z) up to its normalizing constant. @param z [d] */
export function unnormalizedLogDensity(t: GaussianInformationTarget, z: ArrayLike<number>): number {
  const { d, precision, shift } = t;
  let quad = 0;
  let lin = 0;
  for (let i = 0; i < d; i++) {
    let row = 0;
    for (let j = 0; j < d; j++) row += precision[i * d + j] * z[j];
    quad += z[i] * row;
    lin += shift[i] * z[i];
  }
  return -0.5 * quad + lin;
}

/** Exact mean Λ⁻¹ b [d] and covariance Λ⁻¹ [d*d]. */
export function exactMoments(t: GaussianInformationTarget): { mean: Float64Array; cov: Float64Array } {
  const l = cholesky(t.precision, t.d);
  if (!l) throw new Error('precision matrix is not positive definite');
  return { mean: choleskySolve(l, t.shift, t.d), cov: inverse(t.precision, t.d) };
}
