/**
 * Noise schedules of a denoising diffusion model (chapter 8).
 *
 * The forward ("encoder") chain is fixed: q(x_t | x_{t−1}) = N(√(1−β_t) x_{t−1}, β_t I),
 * t = 1, …, T. Arrays here are indexed by t itself, with index 0 standing for "no noise":
 * beta[0] = 0, alpha[0] = alphaBar[0] = 1, so formulas read exactly as in the chapter.
 */
export const SCHEDULE_KINDS = ['linear', 'cosine'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export interface NoiseSchedule {
  kind: ScheduleKind;
  T: number;
  /** β_t, [T+1], beta[0] = 0. */
  beta: Float64Array;
  /** α_t = 1 − β_t, [T+1]. */
  alpha: Float64Array;
  /** ᾱ_t = Π_{s≤t} α_s, [T+1], alphaBar[0] = 1. */
  alphaBar: Float64Array;
}

/** The largest β a cosine schedule may take (Nichol & Dhariwal clip at 0.999 to avoid a singular last step). */
export const MAX_BETA = 0.999;

/**
 * Linear schedule of Ho et al. (2020), β from 1e-4 to 0.02 at T = 1000, rescaled by 1000/T so
 * that a shorter chain destroys the signal as thoroughly (ᾱ_T stays near zero).
 */
function linearBetas(T: number): Float64Array {
  const scale = 1000 / T;
  const lo = 1e-4 * scale;
  const hi = Math.min(0.02 * scale, MAX_BETA);
  const beta = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) beta[t] = T === 1 ? hi : lo + ((hi - lo) * (t - 1)) / (T - 1);
  return beta;
}

/**
 * Cosine schedule (Nichol & Dhariwal 2021): ᾱ_t = f(t)/f(0), f(t) = cos²(((t/T + s)/(1 + s)) π/2),
 * s = 0.008; β_t = 1 − ᾱ_t/ᾱ_{t−1}, clipped at MAX_BETA.
 */
function cosineBetas(T: number, s = 0.008): Float64Array {
  const f = (t: number) => Math.cos(((t / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;
  const beta = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) beta[t] = Math.min(1 - f(t) / f(t - 1), MAX_BETA);
  return beta;
}

/** Builds β, α, ᾱ for `T` steps of the named schedule. */
export function makeSchedule(kind: ScheduleKind, T: number): NoiseSchedule {
  if (!Number.isInteger(T) || T < 1) throw new Error(`T must be a positive integer, got ${T}`);
  const beta = kind === 'linear' ? linearBetas(T) : kind === 'cosine' ? cosineBetas(T) : null;
  if (!beta) throw new Error(`Unknown schedule "${kind}". Known: ${SCHEDULE_KINDS.join(', ')}`);
  const alpha = new Float64Array(T + 1);
  const alphaBar = new Float64Array(T + 1);
  alpha[0] = 1;
  alphaBar[0] = 1;
  for (let t = 1; t <= T; t++) {
    alpha[t] = 1 - beta[t];
    alphaBar[t] = alphaBar[t - 1] * alpha[t];
  }
  return { kind, T, beta, alpha, alphaBar };
}

/** Signal-to-noise ratio of the marginal q(x_t | x_0): SNR(t) = ᾱ_t / (1 − ᾱ_t). */
export function snr(s: NoiseSchedule, t: number): number {
  return s.alphaBar[t] / (1 - s.alphaBar[t]);
}

/** log SNR(t) for t = 1..T, [T] (index t−1); the curve the chapter compares schedules by. */
export function logSnrCurve(s: NoiseSchedule): Float64Array {
  const out = new Float64Array(s.T);
  for (let t = 1; t <= s.T; t++) out[t - 1] = Math.log(snr(s, t));
  return out;
}
