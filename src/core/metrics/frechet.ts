/**
 * The Fréchet (2-Wasserstein) distance between two Gaussians (Dowson & Landau 1982), the quantity
 * behind the FID of Heusel et al. (2017) when the Gaussians are fitted to a network's features:
 *   d²(N(μ₁, Σ₁), N(μ₂, Σ₂)) = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}.
 * The trace term uses the symmetric form (Σ₁^{1/2} Σ₂ Σ₁^{1/2} is symmetric PSD, with the same
 * eigenvalues as Σ₁Σ₂), so both square roots come from a symmetric eigendecomposition.
 */
import { symmetricEigen } from '../math/eigen';
import { matmul } from '../math/linalg';
import { covariance, mean } from '../math/stats';

/** The PSD square root U diag(√max(λ, 0)) Uᵀ of a symmetric matrix. @param a [d*d] */
export function sqrtPsd(a: ArrayLike<number>, d: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, d);
  const out = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const s = Math.sqrt(Math.max(values[k], 0));
    if (s === 0) continue;
    for (let i = 0; i < d; i++) {
      const ui = vectors[i * d + k] * s;
      if (ui === 0) continue;
      for (let j = 0; j < d; j++) out[i * d + j] += ui * vectors[j * d + k];
    }
  }
  return out;
}

/** tr (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}: the sum of the square roots of its eigenvalues. */
export function traceSqrtProduct(s1: ArrayLike<number>, s2: ArrayLike<number>, d: number): number {
  return traceSqrtProductWithRoot(sqrtPsd(s1, d), s2, d);
}

/** traceSqrtProduct with Σ₁^{1/2} given (@param r = sqrtPsd(Σ₁)): one eigendecomposition, not two. */
export function traceSqrtProductWithRoot(r: ArrayLike<number>, s2: ArrayLike<number>, d: number): number {
  const m = matmul(matmul(r, s2, d, d, d), r, d, d, d);
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) m[i * d + j] = m[j * d + i] = (m[i * d + j] + m[j * d + i]) / 2;
  return symmetricEigen(m, d).values.reduce((a, v) => a + Math.sqrt(Math.max(v, 0)), 0);
}

export interface GaussianStats {
  mean: Float64Array;
  /** [d*d] */
  cov: Float64Array;
  d: number;
}

/** ML mean and covariance of rows. @param x [n*d] */
export function gaussianStats(x: ArrayLike<number>, n: number, d: number): GaussianStats {
  const m = mean(x, n, d);
  return { mean: m, cov: covariance(x, n, d, undefined, m), d };
}

/** The squared Fréchet distance d² between two Gaussians (the number FID reports). */
export function frechetDistance(a: GaussianStats, b: GaussianStats): number {
  return frechetDistanceWithRoot(a, sqrtPsd(a.cov, a.d), b);
}

/**
 * frechetDistance(a, b) with a's covariance root given (@param aRoot = sqrtPsd(a.cov)): for many b
 * against one fixed a, as the yardstick's bootstrap does (./yardstickErrors.ts).
 */
export function frechetDistanceWithRoot(a: GaussianStats, aRoot: ArrayLike<number>, b: GaussianStats): number {
  const d = a.d;
  if (b.d !== d) throw new Error(`Fréchet distance: dimensions differ (${a.d} vs ${b.d})`);
  let dist = 0;
  for (let i = 0; i < d; i++) dist += (a.mean[i] - b.mean[i]) ** 2 + a.cov[i * d + i] + b.cov[i * d + i];
  return Math.max(0, dist - 2 * traceSqrtProductWithRoot(aRoot, b.cov, d));
}
