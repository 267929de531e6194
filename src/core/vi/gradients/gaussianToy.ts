/**
 * The smallest problem where ∇ELBO is known exactly: q_λ(z) = N(z | m, s²) with λ = (m, ω = log s),
 * fitted to the unnormalized Gaussian target p̃(z) = Z N(z | μ₀, σ₀²), so that
 *   ELBO(λ) = log Z − ((m − μ₀)² + s²) / 2σ₀² − ½ log(2πσ₀²) + ½ log(2πe) + ω,
 *   ∂ELBO/∂m = −(m − μ₀)/σ₀²,   ∂ELBO/∂ω = 1 − s²/σ₀².
 */
export interface GaussianToy {
  /** Variational mean m and log-scale ω. */
  m: number;
  logS: number;
  /** Target mean μ₀ and standard deviation σ₀. */
  mu0: number;
  sigma0: number;
  /** log Z of the unnormalized target (default 0). It shifts f = log p̃ − log q by a constant:
   * invisible to the reparameterization estimator, not to the score function. */
  logZ?: number;
}

export function toyLogTarget(p: GaussianToy, z: number): number {
  const r = (z - p.mu0) / p.sigma0;
  return (p.logZ ?? 0) - 0.5 * r * r - Math.log(p.sigma0) - 0.5 * Math.log(2 * Math.PI);
}

/** d/dz log p(z). */
export function toyGradLogTarget(p: GaussianToy, z: number): number {
  return -(z - p.mu0) / (p.sigma0 * p.sigma0);
}

export function toyLogQ(p: GaussianToy, z: number): number {
  const s = Math.exp(p.logS);
  const r = (z - p.m) / s;
  return -0.5 * r * r - p.logS - 0.5 * Math.log(2 * Math.PI);
}

export function toyElbo(p: GaussianToy): number {
  const s2 = Math.exp(2 * p.logS);
  const v0 = p.sigma0 * p.sigma0;
  return (p.logZ ?? 0) - ((p.m - p.mu0) ** 2 + s2) / (2 * v0) - 0.5 * Math.log(2 * Math.PI * v0) + 0.5 * Math.log(2 * Math.PI * Math.E) + p.logS;
}

/** The exact gradient (∂/∂m, ∂/∂ω). */
export function toyExactGradient(p: GaussianToy): [number, number] {
  const v0 = p.sigma0 * p.sigma0;
  return [-(p.m - p.mu0) / v0, 1 - Math.exp(2 * p.logS) / v0];
}
