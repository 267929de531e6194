/**
 * The MLE and the variational estimate of θ = (μ, τ²) in chapter 3's random-effects model with J
 * observations per group (chapter 9), each with three standard errors:
 *
 *   z_i ~ N(μ, τ²),  x_ij | z_i ~ N(z_i, σ²),  i = 1…n groups,  j = 1…J,  σ² known.
 *
 * With σ² known the group means x̄_i are sufficient for θ, and x̄_i ~ N(μ, τ² + a), a = σ²/J. The
 * variational family is chapter 3's q(z_i) = N(m_i, v₀) with its variance fixed at v₀ = c·a, a
 * multiple c of the group's sampling variance (c = v₀/σ² at J = 1, chapter 3's slider).
 *
 * Profiling q out of the ELBO (chapter 9, eq. profiled-elbo) leaves, per group, with d = x̄_i − μ,
 *
 *   exact EM (q = posterior):  ℓ_i(μ, t)  = −½ log(t + a) − d²/(2(t + a)),
 *   variational EM:            ℓ̃_i(μ, t) = −½ log t − d²/(2(t + a)) − v₀/(2t),     t = τ²,
 *
 * up to constants. Both fixed points are closed-form: μ = x̄ (mean of the group means), and
 * τ̂² = max(0, s² − a) for the MLE, τ̃² = the largest root of (t − v₀)(t + a)² = s² t² for
 * variational EM (s² = (1/n) Σ (x̄_i − x̄)²), the value variational EM started above it converges to.
 *
 * Standard errors (each a 2×2 covariance, reported on the diagonal):
 *  - naive: the curvature of the ELBO in θ with q frozen at its optimum, −∇²_θ L(q̂, θ); for the
 *    MLE this is Louis's complete-data information I_c. Var(μ) = t/n, Var(τ²) = 2t²/n.
 *  - curvature: the inverse Hessian of the profiled objective, A⁻¹/n (for the MLE, I_obs⁻¹).
 *  - sandwich: A⁻¹ B A⁻¹ / n with A = −(1/n) Σ ∇²ℓ̃_i, B = (1/n) Σ ∇ℓ̃_i ∇ℓ̃_iᵀ at the estimate.
 */

export type EstimatorKind = 'mle' | 'variational';

export interface Design {
  /** observations per group J ≥ 1 */
  J: number;
  /** known noise variance σ² */
  sigma2: number;
  /** q's variance as a multiple of σ²/J (variational only), c > 0 */
  c: number;
}

export interface FitWithErrors {
  mu: number;
  tau2: number;
  /** standard errors [μ, τ²] */
  naive: [number, number];
  curvature: [number, number];
  sandwich: [number, number];
}

export const groupSamplingVariance = (d: Design) => d.sigma2 / d.J;
export const familyVariance = (d: Design) => (d.c * d.sigma2) / d.J;

/** s² = (1/n) Σ (x̄_i − x̄)² and x̄. @param xbar [n] group means */
export function groupMeanMoments(xbar: ArrayLike<number>): { mean: number; s2: number } {
  const n = xbar.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xbar[i];
  mean /= n;
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += (xbar[i] - mean) ** 2;
  return { mean, s2: s2 / n };
}

/**
 * The largest root of g(t) = (t − v₀)(t + a)² − s² t², v₀ > 0: the variational EM fixed point
 * τ̃² = w² s² + v₀ (w = t/(t + a)) reached from above. g(0) = −v₀a² < 0 and g(s² + v₀) > 0, and g
 * is a cubic with positive leading coefficient, so the largest root lies where g last turns positive.
 */
export function variationalTau2(s2: number, a: number, v0: number): number {
  if (!(v0 > 0 && a > 0 && s2 >= 0)) throw new Error(`variationalTau2 needs v₀ > 0, a > 0, s² ≥ 0 (got ${v0}, ${a}, ${s2}).`);
  const g = (t: number) => (t - v0) * (t + a) ** 2 - s2 * t * t;
  const hi = s2 + v0;
  // g'(t) = 3t² + 2Bt + C with B = 2a − v₀ − s², C = a² − 2a v₀
  const B = 2 * a - v0 - s2;
  const C = a * a - 2 * a * v0;
  const disc = B * B - 3 * C;
  let lo = 0;
  if (disc > 0) {
    const t2 = (-B + Math.sqrt(disc)) / 3; // local minimum of g
    const t1 = (-B - Math.sqrt(disc)) / 3; // local maximum
    if (t2 > 0 && g(t2) < 0) lo = t2;
    else if (t2 > 0 && t1 > 0 && g(t2) >= 0) return bisect(g, 0, t1);
  }
  return bisect(g, lo, hi);
}

function bisect(g: (t: number) => number, lo: number, hi: number): number {
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, hi); it++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Per-group score [∂μ, ∂t] and negative Hessian [μμ, μt, tt] of ℓ_i (MLE) or ℓ̃_i (variational). */
export function groupDerivatives(kind: EstimatorKind, d: number, t: number, a: number, v0: number) {
  const u = t + a;
  if (kind === 'mle') {
    return {
      score: [d / u, -1 / (2 * u) + (d * d) / (2 * u * u)] as const,
      negHessian: [1 / u, d / (u * u), -1 / (2 * u * u) + (d * d) / (u * u * u)] as const,
    };
  }
  return {
    score: [d / u, -1 / (2 * t) + (d * d) / (2 * u * u) + v0 / (2 * t * t)] as const,
    negHessian: [1 / u, d / (u * u), -1 / (2 * t * t) + (d * d) / (u * u * u) + v0 / (t * t * t)] as const,
  };
}

function inverse2(a: number, b: number, c: number): [number, number, number] {
  const det = a * c - b * b;
  return [c / det, -b / det, a / det];
}

const sqrtOrNaN = (v: number) => (v >= 0 ? Math.sqrt(v) : NaN);

/** Fits one data set (its group means) by the MLE or variational EM, with the three standard errors. */
export function fitWithStandardErrors(kind: EstimatorKind, xbar: ArrayLike<number>, design: Design): FitWithErrors {
  const n = xbar.length;
  const a = groupSamplingVariance(design);
  const v0 = familyVariance(design);
  const { mean: mu, s2 } = groupMeanMoments(xbar);
  const tau2 = kind === 'mle' ? Math.max(0, s2 - a) : variationalTau2(s2, a, v0);
  // A and B, averaged over groups
  let [aMM, aMT, aTT, bMM, bMT, bTT] = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    const { score, negHessian } = groupDerivatives(kind, xbar[i] - mu, tau2, a, v0);
    aMM += negHessian[0] / n;
    aMT += negHessian[1] / n;
    aTT += negHessian[2] / n;
    bMM += (score[0] * score[0]) / n;
    bMT += (score[0] * score[1]) / n;
    bTT += (score[1] * score[1]) / n;
  }
  const [iMM, iMT, iTT] = inverse2(aMM, aMT, aTT);
  // A⁻¹ B A⁻¹ for symmetric 2×2 matrices
  const sMM = iMM * (bMM * iMM + bMT * iMT) + iMT * (bMT * iMM + bTT * iMT);
  const sTT = iMT * (bMM * iMT + bMT * iTT) + iTT * (bMT * iMT + bTT * iTT);
  return {
    mu,
    tau2,
    naive: [Math.sqrt(tau2 / n), Math.sqrt((2 * tau2 * tau2) / n)],
    curvature: [sqrtOrNaN(iMM / n), sqrtOrNaN(iTT / n)],
    sandwich: [sqrtOrNaN(sMM / n), sqrtOrNaN(sTT / n)],
  };
}

/** Draws the n group means of one data set: x̄_i = μ + τ ε_i + √a η_i (the law of the mean of J draws). */
export function sampleGroupMeans(n: number, mu: number, tau2: number, design: Design, rng: { normal(): number }): Float64Array {
  const tau = Math.sqrt(tau2);
  const sa = Math.sqrt(groupSamplingVariance(design));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = mu + tau * rng.normal() + sa * rng.normal();
  return out;
}
