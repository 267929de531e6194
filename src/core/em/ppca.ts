/**
 * Probabilistic PCA (Tipping & Bishop 1999): x = W z + μ + ε, z ~ N(0, I_q), ε ~ N(0, σ² I_d),
 * so x ~ N(μ, C) with C = W Wᵀ + σ² I. With μ at its MLE (the sample mean) everything depends
 * on the data through the sample covariance S (divide by n):
 *
 *   ℓ(W, σ²) = −(n/2) [ d log 2π + log det C + tr(C⁻¹ S) ].
 *
 * Closed-form MLE: S = U Λ Uᵀ (λ_1 ≥ … ≥ λ_d), σ²_ML = (1/(d − q)) Σ_{j>q} λ_j,
 * W_ML = U_q (Λ_q − σ² I)^{1/2} R for any orthogonal R (W is identified only up to rotation).
 *
 * EM (their eqs. 29–30), with M = Wᵀ W + σ² I [q×q]:
 *   W_new  = S W (σ² I + M⁻¹ Wᵀ S W)⁻¹,
 *   σ²_new = (1/d) tr(S − S W M⁻¹ W_newᵀ).
 * Matrices are row-major Float64Array; W is [d×q].
 */
import { symmetricEigen } from '../math/eigen';
import { LOG_2PI } from '../math/gaussian';
import { cholesky, inverse, logDetFromCholesky, matmul, transpose } from '../math/linalg';
import { covariance } from '../math/stats';
import type { Rng } from '../random';

export interface PpcaParams {
  /** W [d×q] */
  W: Float64Array;
  sigma2: number;
}

/** n draws from a PPCA model with loadings W [d×q] and noise σ², mean 0. @returns x [n×d] */
export function samplePpca(n: number, W: ArrayLike<number>, d: number, q: number, sigma2: number, rng: Rng): Float64Array {
  const x = new Float64Array(n * d);
  const sd = Math.sqrt(sigma2);
  const z = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < q; a++) z[a] = rng.normal();
    for (let j = 0; j < d; j++) {
      let s = sd * rng.normal();
      for (let a = 0; a < q; a++) s += W[j * q + a] * z[a];
      x[i * d + j] = s;
    }
  }
  return x;
}

/** Sample covariance S (divide by n) of x [n×d]: the sufficient statistic for PPCA. */
export function sampleCovariance(x: ArrayLike<number>, n: number, d: number): Float64Array {
  return covariance(x, n, d);
}

/** C = W Wᵀ + σ² I [d×d]. */
export function ppcaCovariance(p: PpcaParams, d: number, q: number): Float64Array {
  const c = matmul(p.W, transpose(p.W, d, q), d, q, d);
  for (let j = 0; j < d; j++) c[j * d + j] += p.sigma2;
  return c;
}

/** ℓ(W, σ²) / n = −½ [ d log 2π + log det C + tr(C⁻¹ S) ]. */
export function ppcaLogLikPerPoint(S: ArrayLike<number>, p: PpcaParams, d: number, q: number): number {
  const c = ppcaCovariance(p, d, q);
  const l = cholesky(c, d);
  if (!l) return NaN;
  const cInv = inverse(c, d);
  let tr = 0;
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) tr += cInv[a * d + b] * S[b * d + a];
  return -0.5 * (d * LOG_2PI + logDetFromCholesky(l, d) + tr);
}

/** One EM iteration for (W, σ²) given S [d×d]. */
export function ppcaEmStep(S: ArrayLike<number>, p: PpcaParams, d: number, q: number): PpcaParams {
  const { W, sigma2 } = p;
  const Wt = transpose(W, d, q);
  const M = matmul(Wt, W, q, d, q);
  for (let a = 0; a < q; a++) M[a * q + a] += sigma2;
  const Minv = inverse(M, q);
  const SW = matmul(S, W, d, d, q); // [d×q]
  const inner = matmul(Minv, matmul(Wt, SW, q, d, q), q, q, q); // M⁻¹ Wᵀ S W
  for (let a = 0; a < q; a++) inner[a * q + a] += sigma2;
  const Wnew = matmul(SW, inverse(inner, q), d, q, q);
  // tr(S − S W M⁻¹ W_newᵀ)
  const corr = matmul(matmul(SW, Minv, d, q, q), transpose(Wnew, d, q), d, q, d);
  let tr = 0;
  for (let j = 0; j < d; j++) tr += S[j * d + j] - corr[j * d + j];
  return { W: Wnew, sigma2: tr / d };
}

export interface PpcaClosedForm extends PpcaParams {
  /** eigenvalues of S, descending [d] */
  eigenvalues: Float64Array;
  /** leading eigenvectors U_q [d×q] */
  Uq: Float64Array;
}

/** The MLE: σ² = mean of the d − q discarded eigenvalues, W = U_q (Λ_q − σ² I)^{1/2} (R = I). */
export function ppcaClosedForm(S: ArrayLike<number>, d: number, q: number): PpcaClosedForm {
  if (!(q >= 1 && q < d)) throw new Error(`PPCA needs 1 ≤ q < d, got q = ${q}, d = ${d}`);
  const { values, vectors } = symmetricEigen(S, d);
  let s = 0;
  for (let j = q; j < d; j++) s += values[j];
  const sigma2 = s / (d - q);
  const Uq = new Float64Array(d * q);
  const W = new Float64Array(d * q);
  for (let j = 0; j < d; j++) {
    for (let a = 0; a < q; a++) {
      Uq[j * q + a] = vectors[j * d + a];
      W[j * q + a] = vectors[j * d + a] * Math.sqrt(Math.max(values[a] - sigma2, 0));
    }
  }
  return { W, sigma2, eigenvalues: values, Uq };
}

/** Orthonormal basis [d×q] of span(A) by modified Gram–Schmidt (A [d×q] of full column rank). */
export function orthonormalize(A: ArrayLike<number>, d: number, q: number): Float64Array {
  const Q = Float64Array.from(A);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < a; b++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += Q[j * q + a] * Q[j * q + b];
      for (let j = 0; j < d; j++) Q[j * q + a] -= dot * Q[j * q + b];
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += Q[j * q + a] ** 2;
    norm = Math.sqrt(norm);
    for (let j = 0; j < d; j++) Q[j * q + a] /= norm;
  }
  return Q;
}

/**
 * Largest principal angle (radians) between span(A) and span(B), A, B [d×q]:
 * sin θ_max = ‖(I − Q_B Q_Bᵀ) Q_A‖₂, computed this way (not via arccos) to stay accurate for tiny angles.
 */
export function subspaceAngle(A: ArrayLike<number>, B: ArrayLike<number>, d: number, q: number): number {
  const Qa = orthonormalize(A, d, q);
  const Qb = orthonormalize(B, d, q);
  const proj = matmul(Qb, matmul(transpose(Qb, d, q), Qa, q, d, q), d, q, q);
  const resid = Qa.map((v, i) => v - proj[i]);
  const g = matmul(transpose(resid, d, q), resid, q, d, q);
  const top = symmetricEigen(g, q).values[0];
  return Math.asin(Math.min(1, Math.sqrt(Math.max(0, top))));
}

/** ‖W Wᵀ − V Vᵀ‖_F: a rotation-invariant distance between loadings [d×q]. */
export function loadingsDistance(W: ArrayLike<number>, V: ArrayLike<number>, d: number, q: number): number {
  const a = matmul(W, transpose(W, d, q), d, q, d);
  const b = matmul(V, transpose(V, d, q), d, q, d);
  let s = 0;
  for (let i = 0; i < d * d; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** A random start: W with N(0, 1) entries, σ² = 1. */
export function ppcaInit(d: number, q: number, rng: Rng): PpcaParams {
  return { W: Float64Array.from({ length: d * q }, () => rng.normal()), sigma2: 1 };
}
