/**
 * Monte Carlo EM (Wei & Tanner 1990) for the Gaussian mixture: the E-step expectation
 * E[1{z_i = k} | x_i, θ] = r_ik is replaced by the average over m sampled assignments
 * z_i^(1..m) ~ Categorical(r_i·), i.e. r̃_ik = #{s : z_i^(s) = k} / m, and the M-step of gmm.ts
 * is applied to r̃. Each r̃_ik is unbiased for r_ik with variance r_ik(1 − r_ik)/m, so the
 * MC M-step scatters around the exact one with standard error ∝ 1/√m.
 */
import type { Rng } from '../random';
import { COVARIANCE_FLOOR, eStep, mStep, type GaussianMixture } from './gmm';

/**
 * r̃ [n×k]: each row the empirical frequencies of m draws from the row of `resp`.
 * @param resp [n×k] exact responsibilities
 */
export function sampleResponsibilities(resp: ArrayLike<number>, n: number, k: number, m: number, rng: Rng): Float64Array {
  const out = new Float64Array(n * k);
  const cdf = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) cdf[c] = s += resp[i * k + c];
    for (let t = 0; t < m; t++) {
      const u = rng.uniform() * s;
      let c = 0;
      while (c < k - 1 && u >= cdf[c]) c++;
      out[i * k + c] += 1 / m;
    }
  }
  return out;
}

/** One MCEM iteration from `model`: exact posterior, m draws per point, M-step on the frequencies. */
export function mcemStep(x: ArrayLike<number>, n: number, model: GaussianMixture, m: number, rng: Rng, floor = COVARIANCE_FLOOR): GaussianMixture {
  const { resp } = eStep(x, n, model);
  return mStep(x, n, model.d, sampleResponsibilities(resp, n, model.k, m, rng), model.k, floor);
}

/** One exact EM iteration (for side-by-side runs). */
export function emStep(x: ArrayLike<number>, n: number, model: GaussianMixture, floor = COVARIANCE_FLOOR): GaussianMixture {
  return mStep(x, n, model.d, eStep(x, n, model).resp, model.k, floor);
}
