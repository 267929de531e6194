/**
 * CAVI on a correlated bivariate Gaussian target p(z) = N(μ, Σ), with precision Λ = Σ⁻¹ and the
 * mean-field family q(z) = q₁(z₁) q₂(z₂). The optimal factor q_j ∝ exp E_{−j}[log p(z)] is
 *
 *   q_j = N(m_j, 1/Λ_jj),   m_j = μ_j − (Λ_jk / Λ_jj)(m_k − μ_k),
 *
 * so each update moves one coordinate of the mean (a staircase on the contours of p), the
 * variances jump to 1/Λ_jj at their first update and stay there, and the fixed point is
 * m = μ with Var_q(z_j) = 1/Λ_jj ≤ Σ_jj.
 */

export interface BivariateGaussian {
  mean: [number, number];
  /** Covariance [Σ11, Σ12, Σ22]. */
  cov: [number, number, number];
}

export interface MeanFieldGaussian {
  m: [number, number];
  /** Factor variances [s1², s2²]. */
  v: [number, number];
}

/** Target with standard deviations sd1, sd2 and correlation rho. */
export function correlatedGaussian(rho: number, sd1 = 1, sd2 = 1, mean: [number, number] = [0, 0]): BivariateGaussian {
  return { mean, cov: [sd1 * sd1, rho * sd1 * sd2, sd2 * sd2] };
}

/** Λ = Σ⁻¹ as [Λ11, Λ12, Λ22]. */
export function precisionOf(p: BivariateGaussian): [number, number, number] {
  const [a, b, c] = p.cov;
  const det = a * c - b * b;
  if (!(det > 0)) throw new Error('Covariance must be positive definite');
  return [c / det, -b / det, a / det];
}

/**
 * KL(q ‖ p) for a diagonal Gaussian q and a full Gaussian p (closed form):
 * ½ [tr(Λ S) + (μ − m)ᵀ Λ (μ − m) − 2 + log det Σ − log det S].
 * Because p is normalized, ELBO(q) = −KL(q ‖ p).
 */
export function meanFieldKl(q: MeanFieldGaussian, p: BivariateGaussian): number {
  const [l11, l12, l22] = precisionOf(p);
  const d1 = p.mean[0] - q.m[0];
  const d2 = p.mean[1] - q.m[1];
  const trace = l11 * q.v[0] + l22 * q.v[1];
  const quad = l11 * d1 * d1 + 2 * l12 * d1 * d2 + l22 * d2 * d2;
  const logDetSigma = Math.log(p.cov[0] * p.cov[2] - p.cov[1] * p.cov[1]);
  return 0.5 * (trace + quad - 2 + logDetSigma - Math.log(q.v[0] * q.v[1]));
}

/** The CAVI update of factor j ∈ {0, 1}, returning a new q. */
export function updateFactor(q: MeanFieldGaussian, p: BivariateGaussian, j: 0 | 1): MeanFieldGaussian {
  const [l11, l12, l22] = precisionOf(p);
  const k = 1 - j;
  const ljj = j === 0 ? l11 : l22;
  const m: [number, number] = [q.m[0], q.m[1]];
  const v: [number, number] = [q.v[0], q.v[1]];
  m[j] = p.mean[j] - (l12 / ljj) * (q.m[k] - p.mean[k]);
  v[j] = 1 / ljj;
  return { m, v };
}

/** The closed-form fixed point: m = μ, v_j = 1/Λ_jj. */
export function meanFieldOptimum(p: BivariateGaussian): MeanFieldGaussian {
  const [l11, , l22] = precisionOf(p);
  return { m: [p.mean[0], p.mean[1]], v: [1 / l11, 1 / l22] };
}

/** Var_q(z_j) / Var_p(z_j) at the optimum, = 1 − ρ² for both coordinates. */
export function meanFieldVarianceRatio(p: BivariateGaussian): number {
  const opt = meanFieldOptimum(p);
  return opt.v[0] / p.cov[0];
}

export interface CaviPath {
  /** Means visited, [steps+1][2]: the staircase drawn on the contours. */
  path: Array<[number, number]>;
  /** −KL(q ‖ p) after each step, [steps+1]. */
  elbo: number[];
  q: MeanFieldGaussian;
}

/** Runs `steps` single-coordinate updates alternating j = 0, 1, 0, … from q0. */
export function runGaussianCavi(p: BivariateGaussian, q0: MeanFieldGaussian, steps: number): CaviPath {
  let q = q0;
  const path: Array<[number, number]> = [[q.m[0], q.m[1]]];
  const elbo = [-meanFieldKl(q, p)];
  for (let s = 0; s < steps; s++) {
    q = updateFactor(q, p, (s % 2) as 0 | 1);
    path.push([q.m[0], q.m[1]]);
    elbo.push(-meanFieldKl(q, p));
  }
  return { path, elbo, q };
}
