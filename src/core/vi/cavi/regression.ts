/**
 * The race's model: a random-effects (ridge-type) linear regression with known variances,
 *   β ~ N(0, τ² I_d),   y | β ~ N(X β, σ² I_n),
 * whose posterior is Gaussian with Λ = XᵀX/σ² + I/τ² and b = Xᵀy/σ² (so the exact posterior mean
 * Λ⁻¹ b is known). Covariates are equicorrelated with correlation ρ, which makes the posterior of β
 * correlated: what slows both CAVI and Gibbs down.
 */
import type { Rng } from '../../random';
import type { GaussianInformationTarget } from '../../mcmc/gaussianTarget';

export interface RegressionProblem {
  target: GaussianInformationTarget;
  trueBeta: Float64Array;
}

export function regressionPosterior(
  n: number,
  d: number,
  rho: number,
  rng: Rng,
  sigma2 = 1,
  tau2 = 1,
): RegressionProblem {
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const shared = rng.normal();
    for (let j = 0; j < d; j++) X[i * d + j] = Math.sqrt(rho) * shared + Math.sqrt(1 - rho) * rng.normal();
  }
  const trueBeta = new Float64Array(d);
  for (let j = 0; j < d; j++) trueBeta[j] = Math.sqrt(tau2) * rng.normal();
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += X[i * d + j] * trueBeta[j];
    y[i] = s + Math.sqrt(sigma2) * rng.normal();
  }
  const precision = new Float64Array(d * d);
  const shift = new Float64Array(d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += X[i * d + a] * X[i * d + b];
      precision[a * d + b] = s / sigma2 + (a === b ? 1 / tau2 : 0);
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * d + a] * y[i];
    shift[a] = s / sigma2;
  }
  return { target: { d, precision, shift }, trueBeta };
}
