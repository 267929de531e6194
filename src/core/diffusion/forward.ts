/**
 * The fixed forward process and the two Gaussians it makes tractable (chapter 8):
 * the marginal q(x_t | x_0) and the reverse conditional q(x_{t−1} | x_t, x_0).
 * Plain float64 TypeScript; points are row-major [n*d].
 */
import type { Rng } from '../random';
import type { NoiseSchedule } from './schedule';

/** One forward step x_t = √(1−β_t) x_{t−1} + √β_t z, z ~ N(0, I). @param x [n*d], returns a new array. */
export function forwardStep(s: NoiseSchedule, t: number, x: ArrayLike<number>, rng: Rng): Float64Array {
  const a = Math.sqrt(1 - s.beta[t]);
  const b = Math.sqrt(s.beta[t]);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = a * x[i] + b * rng.normal();
  return out;
}

/** q(x_t | x_0) = N(meanCoef · x_0, variance · I) with meanCoef = √ᾱ_t, variance = 1 − ᾱ_t. */
export function marginalMoments(s: NoiseSchedule, t: number): { meanCoef: number; variance: number } {
  return { meanCoef: Math.sqrt(s.alphaBar[t]), variance: 1 - s.alphaBar[t] };
}

/**
 * Reparameterized draw from the marginal: x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε.
 * @param x0 [n*d]; @param eps [n*d] standard normal noise (kept by the caller as the regression target)
 */
export function noisyFromClean(s: NoiseSchedule, t: number, x0: ArrayLike<number>, eps: ArrayLike<number>): Float64Array {
  const a = Math.sqrt(s.alphaBar[t]);
  const b = Math.sqrt(1 - s.alphaBar[t]);
  const out = new Float64Array(x0.length);
  for (let i = 0; i < x0.length; i++) out[i] = a * x0[i] + b * eps[i];
  return out;
}

/**
 * q(x_{t−1} | x_t, x_0) = N(coefX0 · x_0 + coefXt · x_t, variance · I), t ≥ 1, by Bayes' rule:
 *   μ̃_t = √ᾱ_{t−1} β_t/(1−ᾱ_t) x_0 + √α_t (1−ᾱ_{t−1})/(1−ᾱ_t) x_t,   β̃_t = (1−ᾱ_{t−1})/(1−ᾱ_t) β_t.
 */
export function reverseConditional(s: NoiseSchedule, t: number): { coefX0: number; coefXt: number; variance: number } {
  const abPrev = s.alphaBar[t - 1];
  const oneMinusAb = 1 - s.alphaBar[t];
  return {
    coefX0: (Math.sqrt(abPrev) * s.beta[t]) / oneMinusAb,
    coefXt: (Math.sqrt(s.alpha[t]) * (1 - abPrev)) / oneMinusAb,
    variance: ((1 - abPrev) / oneMinusAb) * s.beta[t],
  };
}

/** μ̃_t(x_t, x_0) for every row. @param x0 [n*d] @param xt [n*d] */
export function reverseConditionalMean(
  s: NoiseSchedule,
  t: number,
  x0: ArrayLike<number>,
  xt: ArrayLike<number>,
): Float64Array {
  const { coefX0, coefXt } = reverseConditional(s, t);
  const out = new Float64Array(xt.length);
  for (let i = 0; i < xt.length; i++) out[i] = coefX0 * x0[i] + coefXt * xt[i];
  return out;
}
