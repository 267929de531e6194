/**
 * EM for a Gaussian mixture in d dimensions, float64 reference implementation (chapter 2):
 *
 *   p(x | θ) = Σ_k π_k N(x | μ_k, Σ_k),   θ = (π, μ, Σ).
 *
 * E-step: r_ik = π_k N(x_i | μ_k, Σ_k) / Σ_j π_j N(x_i | μ_j, Σ_j).
 * M-step: N_k = Σ_i r_ik, π_k = N_k / n, μ_k = Σ_i r_ik x_i / N_k,
 *         Σ_k = (Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ + ψ I) / N_k.
 *
 * Covariance floor ψ (COVARIANCE_FLOOR). The GMM likelihood is unbounded: a component with
 * μ_k = x_i and Σ_k → 0 sends ℓ → +∞, so the MLE does not exist in the strict sense. We add ψ I
 * to each component's scatter, which is the exact M-step for the penalized objective
 *
 *   ℓ_ψ(θ) = ℓ(θ) − (ψ/2) Σ_k tr(Σ_k⁻¹)                                     (an inverse-Wishart-type penalty),
 *
 * bounded above, so EM on it is still an exact EM (monotone in ℓ_ψ) and a collapsing component
 * stops at Σ_k ≈ (ψ / N_k) I instead of a singular matrix. With ψ = 1e-4 on unit-variance data
 * the penalty is negligible for any healthy component (N_k ≫ 1, Σ_k ≈ data scale).
 */
import { cholesky, forwardSubstitute, logDetFromCholesky } from '../math/linalg';
import { LOG_2PI } from '../math/gaussian';
import { logSumExp } from '../math/logSumExp';
import { covariance } from '../math/stats';
import { categorical, createRng, type Rng } from '../random';

export const COVARIANCE_FLOOR = 1e-4;
/** Smallest N_k used as a divisor, so an empty component yields finite (huge-variance) parameters. */
export const MIN_COMPONENT_MASS = 1e-10;

export interface GaussianMixture {
  k: number;
  d: number;
  /** π [k] */
  weights: Float64Array;
  /** μ [k×d] */
  means: Float64Array;
  /** Σ [k×d×d], row-major per component */
  covariances: Float64Array;
}

export function cloneMixture(m: GaussianMixture): GaussianMixture {
  return {
    k: m.k,
    d: m.d,
    weights: Float64Array.from(m.weights),
    means: Float64Array.from(m.means),
    covariances: Float64Array.from(m.covariances),
  };
}

/**
 * log π_k + log N(x_i | μ_k, Σ_k) for every point and component.
 * @param x [n×d] @returns [n×k]; a non-positive-definite Σ_k gives NaN for that column.
 */
export function componentLogDensities(x: ArrayLike<number>, n: number, m: GaussianMixture): Float64Array {
  const { k, d } = m;
  const out = new Float64Array(n * k);
  const r = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const chol = cholesky(m.covariances.subarray(c * d * d, (c + 1) * d * d), d);
    if (!chol) {
      for (let i = 0; i < n; i++) out[i * k + c] = NaN;
      continue;
    }
    const base = Math.log(m.weights[c]) - 0.5 * (d * LOG_2PI + logDetFromCholesky(chol, d));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) r[j] = x[i * d + j] - m.means[c * d + j];
      const z = forwardSubstitute(chol, r, d);
      let q = 0;
      for (let j = 0; j < d; j++) q += z[j] * z[j];
      out[i * k + c] = base - 0.5 * q;
    }
  }
  return out;
}

/** ℓ(θ) = Σ_i log Σ_k π_k N(x_i | μ_k, Σ_k). @param x [n×d] */
export function logLikelihood(x: ArrayLike<number>, n: number, m: GaussianMixture): number {
  const lp = componentLogDensities(x, n, m);
  let s = 0;
  for (let i = 0; i < n; i++) s += logSumExp(lp, i * m.k, m.k);
  return s;
}

/** The penalty −(ψ/2) Σ_k tr(Σ_k⁻¹) that the floored M-step maximizes with ℓ (see the file comment). */
export function covariancePenalty(m: GaussianMixture, floor = COVARIANCE_FLOOR): number {
  const { k, d } = m;
  let s = 0;
  const e = new Float64Array(d);
  for (let c = 0; c < k; c++) {
    const chol = cholesky(m.covariances.subarray(c * d * d, (c + 1) * d * d), d);
    if (!chol) return -Infinity;
    // tr(Σ⁻¹) = Σ_j ||L⁻¹ e_j||²
    for (let j = 0; j < d; j++) {
      e.fill(0);
      e[j] = 1;
      const z = forwardSubstitute(chol, e, d);
      for (let t = 0; t < d; t++) s += z[t] * z[t];
    }
  }
  return -0.5 * floor * s;
}

/** ℓ_ψ(θ) = ℓ(θ) − (ψ/2) Σ_k tr(Σ_k⁻¹): the objective the floored EM ascends monotonically. */
export function penalizedLogLikelihood(x: ArrayLike<number>, n: number, m: GaussianMixture, floor = COVARIANCE_FLOOR): number {
  return logLikelihood(x, n, m) + covariancePenalty(m, floor);
}

export interface EStepResult {
  /** r [n×k], rows sum to 1 */
  resp: Float64Array;
  /** ℓ(θ) at the parameters the responsibilities were computed from */
  logLik: number;
}

/** E-step: responsibilities r_ik and, as a by-product, ℓ(θ). @param x [n×d] */
export function eStep(x: ArrayLike<number>, n: number, m: GaussianMixture): EStepResult {
  const { k } = m;
  const resp = componentLogDensities(x, n, m);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    const lse = logSumExp(resp, i * k, k);
    logLik += lse;
    for (let c = 0; c < k; c++) resp[i * k + c] = Math.exp(resp[i * k + c] - lse);
  }
  return { resp, logLik };
}

/**
 * M-step: the maximizer of Q(θ | θ_old) − (ψ/2) Σ_k tr(Σ_k⁻¹) given responsibilities.
 * @param x [n×d] @param resp [n×k]
 */
export function mStep(
  x: ArrayLike<number>,
  n: number,
  d: number,
  resp: ArrayLike<number>,
  k: number,
  floor = COVARIANCE_FLOOR,
): GaussianMixture {
  const weights = new Float64Array(k);
  const means = new Float64Array(k * d);
  const covariances = new Float64Array(k * d * d);
  const col = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    let nk = 0;
    for (let i = 0; i < n; i++) {
      col[i] = resp[i * k + c];
      nk += col[i];
    }
    weights[c] = nk / n;
    const denom = Math.max(nk, MIN_COMPONENT_MASS);
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += col[i] * x[i * d + j];
      means[c * d + j] = s / denom;
    }
    const mu = means.subarray(c * d, (c + 1) * d);
    const cov = nk > 0 ? covariance(x, n, d, col, mu) : new Float64Array(d * d); // Σ r (x−μ)(x−μ)ᵀ / N_k
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const scatter = cov[a * d + b] * nk;
        covariances[c * d * d + a * d + b] = (scatter + (a === b ? floor : 0)) / denom;
      }
    }
  }
  return { k, d, weights, means, covariances };
}

/**
 * k-means++ initialization: the first mean is a uniformly chosen point, each next one a point
 * drawn with probability ∝ squared distance to the nearest chosen mean. Every component starts
 * with the data covariance and weight 1/k.
 * @param x [n×d]
 */
export function initKMeansPlusPlus(x: ArrayLike<number>, n: number, d: number, k: number, rng: Rng): GaussianMixture {
  const means = new Float64Array(k * d);
  const dist = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let c = 0; c < k; c++) {
    if (c > 0) {
      let total = 0;
      for (let i = 0; i < n; i++) total += dist[i];
      pick = total > 0 ? categorical(rng, dist) : rng.int(n);
    }
    for (let j = 0; j < d; j++) means[c * d + j] = x[pick * d + j];
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - means[c * d + j]) ** 2;
      if (s < dist[i]) dist[i] = s;
    }
  }
  const dataCov = covariance(x, n, d);
  for (let j = 0; j < d; j++) dataCov[j * d + j] += COVARIANCE_FLOOR;
  const covariances = new Float64Array(k * d * d);
  for (let c = 0; c < k; c++) covariances.set(dataCov, c * d * d);
  return { k, d, weights: new Float64Array(k).fill(1 / k), means, covariances };
}

/** Seed of restart r's k-means++ draw in a run seeded with `seed` (shared by the demo and the prose numbers). */
export function restartSeed(seed: number, r: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 31) + 7919 * (r + 1)) >>> 0;
}

export interface FitOptions {
  seed?: number;
  maxSteps?: number;
  /** Stop when |Δ ℓ_ψ| / n < tol. */
  tol?: number;
  floor?: number;
  init?: GaussianMixture;
}

export interface FitResult {
  model: GaussianMixture;
  resp: Float64Array;
  /** ℓ_ψ after each iteration, starting with the initial model's (length steps + 1). */
  objective: number[];
  /** ℓ (unpenalized) after each iteration. */
  logLik: number[];
  steps: number;
  converged: boolean;
}

/** Runs float64 EM from a k-means++ start (or opts.init) to convergence or the step budget. */
export function fitGaussianMixtureEM(x: ArrayLike<number>, n: number, d: number, k: number, opts: FitOptions = {}): FitResult {
  const { seed = 0, maxSteps = 500, tol = 1e-10, floor = COVARIANCE_FLOOR } = opts;
  let model = opts.init ? cloneMixture(opts.init) : initKMeansPlusPlus(x, n, d, k, createRng(seed));
  let e = eStep(x, n, model);
  const logLik = [e.logLik];
  const objective = [e.logLik + covariancePenalty(model, floor)];
  let converged = false;
  let steps = 0;
  while (steps < maxSteps) {
    model = mStep(x, n, d, e.resp, k, floor);
    e = eStep(x, n, model);
    steps++;
    logLik.push(e.logLik);
    objective.push(e.logLik + covariancePenalty(model, floor));
    if (Math.abs(objective[steps] - objective[steps - 1]) / n < tol) {
      converged = true;
      break;
    }
  }
  return { model, resp: e.resp, objective, logLik, steps, converged };
}
