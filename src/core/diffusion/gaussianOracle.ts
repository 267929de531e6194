/**
 * The exact noise predictor when the data are Gaussian, x_0 ~ N(m, S) (chapter 8).
 * Then x_t ~ N(√ᾱ_t m, Σ_t), Σ_t = ᾱ_t S + (1−ᾱ_t) I, and Cov(ε, x_t) = √(1−ᾱ_t) I, so by
 * Gaussian conditioning
 *   ε*(x_t, t) = E[ε | x_t] = √(1−ᾱ_t) Σ_t⁻¹ (x_t − √ᾱ_t m),
 * the minimizer of the simplified loss over all functions. Because ε* is linear in x_t, the
 * ancestral sampler driven by it is a linear-Gaussian chain whose output moments are exact too.
 */
import { identity, inverse, matmul, transpose } from '../math/linalg';
import type { EpsPredictor, ReverseVariance } from './epsilon';
import { reverseVariance } from './epsilon';
import type { NoiseSchedule } from './schedule';

/** M_t = √(1−ᾱ_t) (ᾱ_t S + (1−ᾱ_t) I)⁻¹, [d*d], for t = 0..T (M_0 unused). */
function predictorMatrices(S: ArrayLike<number>, d: number, s: NoiseSchedule): Float64Array[] {
  const out: Float64Array[] = [new Float64Array(d * d)];
  for (let t = 1; t <= s.T; t++) {
    const ab = s.alphaBar[t];
    const cov = new Float64Array(d * d);
    for (let i = 0; i < d * d; i++) cov[i] = ab * S[i];
    for (let i = 0; i < d; i++) cov[i * d + i] += 1 - ab;
    out.push(inverse(cov, d).map((v) => Math.sqrt(1 - ab) * v));
  }
  return out;
}

/** ε*(x_t, t) for data N(m, S). @param m [d] @param S [d*d] */
export function gaussianNoisePredictor(m: ArrayLike<number>, S: ArrayLike<number>, d: number, s: NoiseSchedule): EpsPredictor {
  const M = predictorMatrices(S, d, s);
  return (xt, t, n) => {
    const out = new Float64Array(n * d);
    const r = new Float64Array(d);
    const c = Math.sqrt(s.alphaBar[t]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) r[j] = xt[i * d + j] - c * m[j];
      for (let a = 0; a < d; a++) {
        let acc = 0;
        for (let b = 0; b < d; b++) acc += M[t][a * d + b] * r[b];
        out[i * d + a] = acc;
      }
    }
    return out;
  };
}

/**
 * Exact mean [d] and covariance [d*d] of the ancestral sampler's output under ε*: each step is
 * x_{t−1} = A_t x_t + b_t + σ_t z with A_t = (I − c_t M_t)/√α_t, b_t = c_t √ᾱ_t M_t m/√α_t,
 * c_t = β_t/√(1−ᾱ_t), σ_1 = 0; so μ ← A μ + b and C ← A C Aᵀ + σ_t² I from μ = 0, C = I.
 * The gap between these and (m, S) is the sampler's discretization error (fixed σ_t² I reverse steps).
 */
export function gaussianSamplerMoments(
  m: ArrayLike<number>,
  S: ArrayLike<number>,
  d: number,
  s: NoiseSchedule,
  choice: ReverseVariance,
): { mean: Float64Array; cov: Float64Array } {
  const M = predictorMatrices(S, d, s);
  let mu: Float64Array = new Float64Array(d);
  let C = identity(d);
  for (let t = s.T; t >= 1; t--) {
    const c = s.beta[t] / Math.sqrt(1 - s.alphaBar[t]);
    const inv = 1 / Math.sqrt(s.alpha[t]);
    const A = identity(d);
    for (let i = 0; i < d * d; i++) A[i] = inv * (A[i] - c * M[t][i]);
    const Mm = matmul(M[t], m, d, d, 1);
    const next = matmul(A, mu, d, d, 1);
    for (let j = 0; j < d; j++) next[j] += inv * c * Math.sqrt(s.alphaBar[t]) * Mm[j];
    mu = next;
    C = matmul(matmul(A, C, d, d, d), transpose(A, d, d), d, d, d);
    if (t > 1) {
      const v = reverseVariance(s, t, choice);
      for (let j = 0; j < d; j++) C[j * d + j] += v;
    }
  }
  return { mean: mu, cov: C };
}

/**
 * The true reverse variance Var(x_{t−1} | x_t) for one-dimensional data x_0 ~ N(·, v), by Gaussian
 * conditioning of the pair (x_{t−1}, x_t): V_{t−1} − α_t V_{t−1}² / V_t with V_t = ᾱ_t v + 1 − ᾱ_t the
 * marginal variance and Cov(x_{t−1}, x_t) = √α_t V_{t−1}. Along an eigenvector of S with eigenvalue v
 * this is the reverse covariance of chapter 8's exercise on Gaussian data; β̃_t bounds it from below
 * for every v, and β_t from above only when v ≤ 1.
 */
export function gaussianReverseVariance(v: number, s: NoiseSchedule, t: number): number {
  if (!(t >= 1 && t <= s.T)) throw new Error(`t must be in 1..${s.T}, got ${t}`);
  if (!(v >= 0)) throw new Error(`the data variance must be ≥ 0, got ${v}`);
  const prev = s.alphaBar[t - 1] * v + 1 - s.alphaBar[t - 1];
  const cur = s.alphaBar[t] * v + 1 - s.alphaBar[t];
  return prev - (s.alpha[t] * prev * prev) / cur;
}
