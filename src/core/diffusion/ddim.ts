/**
 * DDIM sampling (Song, Meng & Ermon 2021), chapter 8. The same ε-network, a different reverse
 * process: from x_t to an earlier x_s (s < t, s = 0 allowed, ᾱ_0 = 1) on a subsequence of 1..T,
 *   x̂_0 = (x_t − √(1−ᾱ_t) ε̂)/√ᾱ_t,
 *   σ² = η² (1−ᾱ_s)/(1−ᾱ_t) · (1 − ᾱ_t/ᾱ_s),
 *   x_s = √ᾱ_s x̂_0 + √(1−ᾱ_s−σ²) ε̂ + σ z.
 * η = 0 is a deterministic map from x_T to x_0; η = 1 on the full sequence is the ancestral
 * sampler of ./sampler.ts with σ_t² = β̃_t (same draws, same samples).
 */
import type { Rng } from '../random';
import { type EpsPredictor, x0FromEps } from './epsilon';
import type { NoiseSchedule } from './schedule';

export interface DdimOptions {
  /** η ∈ [0, 1]: 0 deterministic, 1 the ancestral sampler's noise level (σ² = β̃ on the full sequence). */
  eta: number;
  /** Number of network calls k ≤ T, on the timesteps of ddimTimesteps(T, k). Default T. */
  steps?: number;
  /** Clip x̂_0 into [lo, hi] and recompute ε̂ from the clipped x̂_0 (as the ancestral sampler's option). */
  clipX0?: readonly [number, number];
  /** x_T to start from, [n*d] (default: drawn from N(0, I) with rng, as the ancestral sampler does). */
  start?: Float64Array;
  /** Called with x_T and with every state the sampler visits (t descending, ending at 0). */
  onState?: (t: number, x: Float64Array) => void;
}

/**
 * k timesteps of 1..T, descending, evenly spaced and ending at T: t_i = round(i·T/k), i = k, …, 1.
 * The sampler steps t_k → t_{k−1} → … → t_1 → 0.
 */
export function ddimTimesteps(T: number, k: number): number[] {
  if (!Number.isInteger(k) || k < 1 || k > T) throw new Error(`DDIM steps must be an integer in [1, ${T}], got ${k}`);
  const out: number[] = [];
  for (let i = k; i >= 1; i--) out.push(Math.round((i * T) / k));
  return out;
}

/** σ of the step t → s: η √((1−ᾱ_s)/(1−ᾱ_t)) √(1 − ᾱ_t/ᾱ_s). */
export function ddimSigma(sch: NoiseSchedule, t: number, s: number, eta: number): number {
  const at = sch.alphaBar[t];
  const as = sch.alphaBar[s];
  return eta * Math.sqrt(((1 - as) / (1 - at)) * (1 - at / as));
}

/**
 * One step x_t → x_s given ε̂ = ε_θ(x_t, t). Draws n*d normals from rng only when σ > 0.
 * @param x [n*d] @param eps [n*d] @returns x_s [n*d]
 */
export function ddimStep(
  sch: NoiseSchedule,
  t: number,
  s: number,
  x: ArrayLike<number>,
  eps: ArrayLike<number>,
  eta: number,
  rng: Rng,
  clipX0?: readonly [number, number],
): Float64Array {
  let x0 = x0FromEps(sch, t, x, eps);
  let e: ArrayLike<number> = eps;
  if (clipX0) {
    x0 = x0.map((v) => Math.min(clipX0[1], Math.max(clipX0[0], v)));
    // the noise that, with the clipped x̂_0, reproduces x_t exactly
    const a = Math.sqrt(sch.alphaBar[t]);
    const b = Math.sqrt(1 - sch.alphaBar[t]);
    e = Float64Array.from(x0, (v, i) => (x[i] - a * v) / b);
  }
  const sigma = ddimSigma(sch, t, s, eta);
  const ca = Math.sqrt(sch.alphaBar[s]);
  const ce = Math.sqrt(Math.max(0, 1 - sch.alphaBar[s] - sigma * sigma));
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = ca * x0[i] + ce * e[i];
  if (sigma > 0) for (let i = 0; i < out.length; i++) out[i] += sigma * rng.normal();
  return out;
}

/** x_0 for n rows of dimension d by DDIM from x_T ~ N(0, I). @returns [n*d] */
export async function ddimSample(
  predict: EpsPredictor,
  sch: NoiseSchedule,
  n: number,
  d: number,
  rng: Rng,
  opts: DdimOptions,
): Promise<Float64Array> {
  if (!(opts.eta >= 0 && opts.eta <= 1)) throw new Error(`η must lie in [0, 1], got ${opts.eta}`);
  let x: Float64Array;
  if (opts.start) {
    if (opts.start.length !== n * d) throw new Error(`start has ${opts.start.length} values, expected ${n * d}`);
    x = Float64Array.from(opts.start);
  } else {
    x = new Float64Array(n * d);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  }
  const ts = ddimTimesteps(sch.T, opts.steps ?? sch.T);
  opts.onState?.(sch.T, x);
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    const next = i + 1 < ts.length ? ts[i + 1] : 0;
    const eps = await predict(x, t, n);
    x = ddimStep(sch, t, next, x, eps, opts.eta, rng, opts.clipX0);
    opts.onState?.(next, x);
  }
  return x;
}
