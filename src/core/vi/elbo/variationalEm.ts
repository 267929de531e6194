/**
 * Variational EM on the Gaussian random-effects model: coordinate ascent on ELBO(q, θ),
 * alternating an E-step (maximize over q in a family) and an M-step (maximize over θ).
 *
 * Families:
 *  - 'gaussian': q(z_i) = N(m_i, v_i) with m_i, v_i free. It contains the exact posterior, so the
 *    E-step makes KL = 0 and variational EM is exact EM.
 *  - 'fixed-variance': q(z_i) = N(m_i, v₀) with v₀ fixed. The E-step can only match the posterior
 *    mean; the KL gap that remains biases the M-step's τ² (the variational MLE).
 */
import { elbo, exactMle, type GaussianFactors, type RandomEffectsTheta } from './gaussianRandomEffects';

export type VariationalFamily = 'gaussian' | 'fixed-variance';

export interface FamilySpec {
  family: VariationalFamily;
  /** v₀ for 'fixed-variance'; ignored otherwise. */
  fixedVariance: number;
}

/**
 * E-step: argmax_q ELBO(q, θ) over the family. The ELBO's dependence on m_i is
 * −(x_i − m_i)²/(2σ²) − (m_i − μ)²/(2τ²), maximized at the precision-weighted average whatever v_i is;
 * its dependence on v_i is −v_i/(2σ²) − v_i/(2τ²) + ½ log v_i, maximized at v_i = (1/σ² + 1/τ²)⁻¹.
 */
export function variationalEStep(
  x: ArrayLike<number>,
  theta: RandomEffectsTheta,
  sigma2: number,
  spec: FamilySpec,
): GaussianFactors {
  const n = x.length;
  const precision = 1 / sigma2 + 1 / theta.tau2;
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) m[i] = (x[i] / sigma2 + theta.mu / theta.tau2) / precision;
  const v = new Float64Array(n).fill(spec.family === 'gaussian' ? 1 / precision : spec.fixedVariance);
  return { m, v };
}

/**
 * M-step: argmax_θ ELBO(q, θ) = argmax_θ Σ_i E_q log N(z_i; μ, τ²):
 * μ = mean(m_i), τ² = mean((m_i − μ)² + v_i).
 */
export function variationalMStep(q: GaussianFactors, floor = 1e-10): RandomEffectsTheta {
  const n = q.m.length;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += q.m[i];
  mu /= n;
  let tau2 = 0;
  for (let i = 0; i < n; i++) tau2 += (q.m[i] - mu) ** 2 + q.v[i];
  return { mu, tau2: Math.max(floor, tau2 / n) };
}

/**
 * One iteration of classical EM, written from the textbook shrinkage formulas rather than from the
 * ELBO: with w = τ²/(τ² + σ²), E[z_i | x_i] = μ + w (x_i − μ) and Var[z_i | x_i] = w σ²;
 * then μ' = mean E[z_i | x_i], τ²' = mean E[(z_i − μ')² | x_i].
 */
export function exactEmStep(x: ArrayLike<number>, theta: RandomEffectsTheta, sigma2: number): RandomEffectsTheta {
  const n = x.length;
  const w = theta.tau2 / (theta.tau2 + sigma2);
  const posteriorVar = w * sigma2;
  const ez = new Float64Array(n);
  let mu = 0;
  for (let i = 0; i < n; i++) {
    ez[i] = theta.mu + w * (x[i] - theta.mu);
    mu += ez[i];
  }
  mu /= n;
  let tau2 = 0;
  for (let i = 0; i < n; i++) tau2 += (ez[i] - mu) ** 2 + posteriorVar;
  return { mu, tau2: tau2 / n };
}

export interface VariationalEmRun {
  theta: RandomEffectsTheta;
  q: GaussianFactors;
  iterations: number;
  elbo: number;
}

/** Runs E/M iterations from θ₀ until |Δτ²| + |Δμ| < tol or maxIter. */
export function runVariationalEm(
  x: ArrayLike<number>,
  theta0: RandomEffectsTheta,
  sigma2: number,
  spec: FamilySpec,
  maxIter = 100_000,
  tol = 1e-13,
): VariationalEmRun {
  let theta = theta0;
  let q = variationalEStep(x, theta, sigma2, spec);
  let it = 0;
  for (; it < maxIter; it++) {
    const next = variationalMStep(q);
    const change = Math.abs(next.mu - theta.mu) + Math.abs(next.tau2 - theta.tau2);
    theta = next;
    q = variationalEStep(x, theta, sigma2, spec);
    if (change < tol) break;
  }
  return { theta, q, iterations: it + 1, elbo: elbo(x, q, theta, sigma2) };
}

/**
 * The variational MLE's bias in τ² for the fixed-variance family: the fixed point of variational EM
 * started at the exact MLE, minus the exact MLE. With s² the sample variance the fixed point solves
 * τ² = τ⁴ s² / (τ² + σ²)² + v₀ (μ converges to x̄ exactly).
 */
export function varianceBias(
  x: ArrayLike<number>,
  sigma2: number,
  fixedVariance: number,
): { exact: RandomEffectsTheta; variational: RandomEffectsTheta; bias: number } {
  const exact = exactMle(x, sigma2);
  const run = runVariationalEm(x, exact, sigma2, { family: 'fixed-variance', fixedVariance });
  return { exact, variational: run.theta, bias: run.theta.tau2 - exact.tau2 };
}
