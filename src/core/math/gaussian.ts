/**
 * Gaussian log-densities in one, two and d dimensions.
 * log N(x | μ, Σ) = −½ [ d log 2π + log det Σ + (x − μ)ᵀ Σ⁻¹ (x − μ) ].
 */
import { cholesky, forwardSubstitute, logDetFromCholesky } from './linalg';

export const LOG_2PI = Math.log(2 * Math.PI);

/** log N(x | mu, variance) in one dimension. */
export function logNormal1d(x: number, mu: number, variance: number): number {
  const r = x - mu;
  return -0.5 * (LOG_2PI + Math.log(variance) + (r * r) / variance);
}

/**
 * log N((x, y) | (mx, my), [[sxx, sxy], [sxy, syy]]); -Infinity density (NaN-free) is not
 * attempted for a singular covariance: the result is then NaN or ±Infinity, as the math says.
 */
export function logNormal2d(x: number, y: number, mx: number, my: number, sxx: number, sxy: number, syy: number): number {
  const det = sxx * syy - sxy * sxy;
  const dx = x - mx;
  const dy = y - my;
  const quad = (syy * dx * dx - 2 * sxy * dx * dy + sxx * dy * dy) / det;
  return -0.5 * (2 * LOG_2PI + Math.log(det) + quad);
}

/** A d-dimensional Gaussian prepared for repeated evaluation: Cholesky factor and log det cached. */
export interface PreparedGaussian {
  d: number;
  mean: Float64Array;
  chol: Float64Array;
  logDet: number;
}

/** Factorizes Σ once; throws if Σ [d×d] is not positive definite. */
export function prepareGaussian(mean: ArrayLike<number>, cov: ArrayLike<number>, d: number): PreparedGaussian {
  const chol = cholesky(cov, d);
  if (!chol) throw new Error('prepareGaussian: covariance is not positive definite');
  return { d, mean: Float64Array.from(mean), chol, logDet: logDetFromCholesky(chol, d) };
}

/** log N(x | μ, Σ) for a prepared Gaussian; x read from `x` at `offset` (rows of a [n×d] array). */
export function logNormalPrepared(g: PreparedGaussian, x: ArrayLike<number>, offset = 0): number {
  const r = new Float64Array(g.d);
  for (let i = 0; i < g.d; i++) r[i] = x[offset + i] - g.mean[i];
  const z = forwardSubstitute(g.chol, r, g.d);
  let quad = 0;
  for (let i = 0; i < g.d; i++) quad += z[i] * z[i];
  return -0.5 * (g.d * LOG_2PI + g.logDet + quad);
}

/** log N(x | μ, Σ) in d dimensions (factorizes Σ on every call; prepare once for many points). */
export function logNormalNd(x: ArrayLike<number>, mean: ArrayLike<number>, cov: ArrayLike<number>, d: number): number {
  return logNormalPrepared(prepareGaussian(mean, cov, d), x);
}
