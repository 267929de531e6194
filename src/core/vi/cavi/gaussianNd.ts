/**
 * Mean-field CAVI for a d-dimensional Gaussian target in information form (Λ, b):
 * q_j = N(m_j, 1/Λ_jj) with m_j = (b_j − Σ_{k≠j} Λ_jk m_k) / Λ_jj. A sweep is one Gauss–Seidel
 * pass for Λ m = b, so the means converge geometrically to the exact posterior mean while the
 * variances stay at 1/Λ_jj ≤ Σ_jj.
 */
import type { GaussianInformationTarget } from '../../mcmc/gaussianTarget';

/** One sweep over j = 0…d−1, updating the means m [d] in place; returns max |Δm_j|. */
export function meanFieldGaussianSweep(t: GaussianInformationTarget, m: Float64Array): number {
  const { d, precision, shift } = t;
  let change = 0;
  for (let j = 0; j < d; j++) {
    let s = shift[j];
    for (let k = 0; k < d; k++) if (k !== j) s -= precision[j * d + k] * m[k];
    const next = s / precision[j * d + j];
    change = Math.max(change, Math.abs(next - m[j]));
    m[j] = next;
  }
  return change;
}

/** The mean-field variances 1/Λ_jj [d]. */
export function meanFieldVariances(t: GaussianInformationTarget): Float64Array {
  const v = new Float64Array(t.d);
  for (let j = 0; j < t.d; j++) v[j] = 1 / t.precision[j * t.d + j];
  return v;
}

/**
 * KL(q ‖ p) minus the constant ½ log det Σ, for q = N(m, diag(v)):
 * ½ [tr(Λ diag v) + (μ − m)ᵀ Λ (μ − m) − d − Σ_j log v_j].
 * Differences between two q's are exact, which is what a monotonicity check needs.
 * @param exactMean μ = Λ⁻¹ b [d]
 */
export function meanFieldGaussianKlShifted(
  t: GaussianInformationTarget,
  m: ArrayLike<number>,
  v: ArrayLike<number>,
  exactMean: ArrayLike<number>,
): number {
  const { d, precision } = t;
  let trace = 0;
  let quad = 0;
  let logDet = 0;
  for (let i = 0; i < d; i++) {
    trace += precision[i * d + i] * v[i];
    logDet += Math.log(v[i]);
    const di = exactMean[i] - m[i];
    for (let j = 0; j < d; j++) quad += di * precision[i * d + j] * (exactMean[j] - m[j]);
  }
  return 0.5 * (trace + quad - d - logDet);
}
