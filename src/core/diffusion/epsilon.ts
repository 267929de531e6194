/**
 * The ε-parameterization (Ho et al. 2020): the network predicts the noise ε that made x_t from x_0,
 * and the reverse mean is the reverse conditional's mean with x_0 replaced by its implied estimate:
 *   x̂_0 = (x_t − √(1−ᾱ_t) ε̂) / √ᾱ_t,   μ_θ(x_t, t) = (x_t − β_t/√(1−ᾱ_t) ε̂) / √α_t.
 */
import type { NoiseSchedule } from './schedule';

/**
 * A noise predictor ε_θ(x_t, t): maps n points [n*d] at one timestep to n predictions [n*d].
 * May be async (a tfjs network reads back with `await data()`).
 */
export type EpsPredictor = (xt: Float64Array, t: number, n: number) => Float64Array | Promise<Float64Array>;

/** Reverse-process mean μ_θ from predicted noise. @param xt [n*d] @param eps [n*d] */
export function meanFromEps(s: NoiseSchedule, t: number, xt: ArrayLike<number>, eps: ArrayLike<number>): Float64Array {
  const c = s.beta[t] / Math.sqrt(1 - s.alphaBar[t]);
  const inv = 1 / Math.sqrt(s.alpha[t]);
  const out = new Float64Array(xt.length);
  for (let i = 0; i < xt.length; i++) out[i] = inv * (xt[i] - c * eps[i]);
  return out;
}

/** The implied clean point x̂_0 = (x_t − √(1−ᾱ_t) ε̂)/√ᾱ_t. */
export function x0FromEps(s: NoiseSchedule, t: number, xt: ArrayLike<number>, eps: ArrayLike<number>): Float64Array {
  const a = Math.sqrt(s.alphaBar[t]);
  const b = Math.sqrt(1 - s.alphaBar[t]);
  const out = new Float64Array(xt.length);
  for (let i = 0; i < xt.length; i++) out[i] = (xt[i] - b * eps[i]) / a;
  return out;
}

export const REVERSE_VARIANCES = ['beta', 'betaTilde'] as const;
/** σ_t² = β_t (optimal when x_0 ~ N(0, I)) or β̃_t (optimal when x_0 is one fixed point). */
export type ReverseVariance = (typeof REVERSE_VARIANCES)[number];

/** σ_t² of p_θ(x_{t−1} | x_t) = N(μ_θ, σ_t² I). β̃_1 = 0: the last step is then deterministic. */
export function reverseVariance(s: NoiseSchedule, t: number, choice: ReverseVariance): number {
  if (choice === 'beta') return s.beta[t];
  return ((1 - s.alphaBar[t - 1]) / (1 - s.alphaBar[t])) * s.beta[t];
}

/**
 * Weight λ_t that turns the simplified loss ‖ε − ε̂‖² into the ELBO term L_{t−1} (t ≥ 2):
 * L_{t−1} = λ_t ‖ε − ε̂‖² + (variance mismatch, free of θ), λ_t = β_t² / (2 σ_t² α_t (1 − ᾱ_t)).
 */
export function elboWeight(s: NoiseSchedule, t: number, choice: ReverseVariance): number {
  const sigma2 = reverseVariance(s, t, choice);
  return (s.beta[t] * s.beta[t]) / (2 * sigma2 * s.alpha[t] * (1 - s.alphaBar[t]));
}
