/**
 * The Gaussian random-effects model of chapter 3, where every quantity of variational EM is exact:
 *
 *   z_i ~ N(μ, τ²),   x_i | z_i ~ N(z_i, σ²),   i = 1…n,   θ = (μ, τ²), σ² known.
 *
 * The marginal is x_i ~ N(μ, τ² + σ²), the posterior p_θ(z_i | x_i) is N(m*_i, v*) with
 * v* = (1/τ² + 1/σ²)⁻¹ and m*_i = v* (μ/τ² + x_i/σ²), and the MLE is μ̂ = x̄,
 * τ̂² = max(0, s² − σ²) with s² = (1/n) Σ (x_i − x̄)².
 *
 * A variational distribution is a product of Gaussians q(z) = Π_i N(z_i; m_i, v_i).
 */

const LOG_2PI = Math.log(2 * Math.PI);

export interface RandomEffectsTheta {
  mu: number;
  /** Variance of the random effects, τ² > 0. */
  tau2: number;
}

/** q(z) = Π_i N(m_i, v_i). @param m [n] @param v [n] (all > 0) */
export interface GaussianFactors {
  m: Float64Array;
  v: Float64Array;
}

/** log N(x; mean, variance). */
export function logNormalDensity(x: number, mean: number, variance: number): number {
  const d = x - mean;
  return -0.5 * (LOG_2PI + Math.log(variance) + (d * d) / variance);
}

/** Exact log-likelihood log p_θ(x) = Σ_i log N(x_i; μ, τ² + σ²). @param x [n] */
export function logMarginalLikelihood(x: ArrayLike<number>, theta: RandomEffectsTheta, sigma2: number): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) total += logNormalDensity(x[i], theta.mu, theta.tau2 + sigma2);
  return total;
}

/** The exact posterior p_θ(z | x) as Gaussian factors (it factorizes over i). */
export function exactPosterior(x: ArrayLike<number>, theta: RandomEffectsTheta, sigma2: number): GaussianFactors {
  const n = x.length;
  const precision = 1 / theta.tau2 + 1 / sigma2;
  const vStar = 1 / precision;
  const m = new Float64Array(n);
  const v = new Float64Array(n).fill(vStar);
  for (let i = 0; i < n; i++) m[i] = vStar * (theta.mu / theta.tau2 + x[i] / sigma2);
  return { m, v };
}

/**
 * ELBO(q, θ) = E_q[log p_θ(x, z)] + H(q), written term by term (no use of the KL identity), so the
 * test ELBO + KL = log p_θ(x) checks two independent computations.
 */
export function elbo(x: ArrayLike<number>, q: GaussianFactors, theta: RandomEffectsTheta, sigma2: number): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const m = q.m[i];
    const v = q.v[i];
    const dx = x[i] - m;
    const dz = m - theta.mu;
    const expectedLogLik = -0.5 * (LOG_2PI + Math.log(sigma2) + (dx * dx + v) / sigma2);
    const expectedLogPrior = -0.5 * (LOG_2PI + Math.log(theta.tau2) + (dz * dz + v) / theta.tau2);
    const entropy = 0.5 * (LOG_2PI + 1 + Math.log(v));
    total += expectedLogLik + expectedLogPrior + entropy;
  }
  return total;
}

/** KL(N(m1, v1) ‖ N(m2, v2)) for scalars. */
export function gaussianKl(m1: number, v1: number, m2: number, v2: number): number {
  const d = m1 - m2;
  return 0.5 * (Math.log(v2 / v1) + (v1 + d * d) / v2 - 1);
}

/** KL(q ‖ p_θ(z | x)) = Σ_i KL(N(m_i, v_i) ‖ N(m*_i, v*)). */
export function klToPosterior(x: ArrayLike<number>, q: GaussianFactors, theta: RandomEffectsTheta, sigma2: number): number {
  const post = exactPosterior(x, theta, sigma2);
  let total = 0;
  for (let i = 0; i < x.length; i++) total += gaussianKl(q.m[i], q.v[i], post.m[i], post.v[i]);
  return total;
}

/** The closed-form MLE (μ̂, τ̂²); τ̂² is clamped at `floor` when s² ≤ σ² (the boundary case). */
export function exactMle(x: ArrayLike<number>, sigma2: number, floor = 1e-8): RandomEffectsTheta {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let s2 = 0;
  for (let i = 0; i < n; i++) s2 += (x[i] - mean) ** 2;
  s2 /= n;
  return { mu: mean, tau2: Math.max(floor, s2 - sigma2) };
}

/** Draws x [n] from the model with the given θ and σ². */
export function sampleRandomEffects(
  n: number,
  theta: RandomEffectsTheta,
  sigma2: number,
  rng: { normal(): number },
): Float64Array {
  const x = new Float64Array(n);
  const tau = Math.sqrt(theta.tau2);
  const sigma = Math.sqrt(sigma2);
  for (let i = 0; i < n; i++) x[i] = theta.mu + tau * rng.normal() + sigma * rng.normal();
  return x;
}
