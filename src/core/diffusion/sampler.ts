/**
 * Ancestral sampling from the learned reverse chain (chapter 8): x_T ~ N(0, I), then for
 * t = T, …, 1: x_{t−1} = μ_θ(x_t, t) + σ_t z, with no noise added at the last step (t = 1),
 * which returns the decoder's mean as the sample.
 */
import type { Rng } from '../random';
import { type EpsPredictor, type ReverseVariance, meanFromEps, reverseVariance, x0FromEps } from './epsilon';
import { reverseConditionalMean } from './forward';
import type { NoiseSchedule } from './schedule';

export interface AncestralOptions {
  /** σ_t² = β_t or β̃_t. */
  variance: ReverseVariance;
  /** Rows whose whole path x_T, …, x_0 is recorded. */
  trackRows?: number[];
  /** Keep every intermediate state of every row (for scrubbing over t). */
  keepAll?: boolean;
  /**
   * Clip the implied x̂_0 into [lo, hi] and step with μ̃_t(x_t, x̂_0) instead of μ_θ (the two are
   * equal without clipping). The usual practice for images, whose pixels are known to lie in [−1, 1].
   */
  clipX0?: readonly [number, number];
}

export interface AncestralResult {
  /** x_0 for every row, [n*d]. */
  samples: Float64Array;
  /** paths[k] = states of trackRows[k] at t = T, T−1, …, 0, [(T+1)*d]. */
  paths: Float64Array[];
  /** With keepAll: states[t] = all rows at time t, [n*d] each, t = 0..T. */
  states?: Float64Array[];
}

export async function ancestralSample(
  predict: EpsPredictor,
  s: NoiseSchedule,
  n: number,
  d: number,
  rng: Rng,
  opts: AncestralOptions,
): Promise<AncestralResult> {
  const rows = opts.trackRows ?? [];
  const paths = rows.map(() => new Float64Array((s.T + 1) * d));
  const states: Float64Array[] | undefined = opts.keepAll ? new Array(s.T + 1) : undefined;
  let x: Float64Array = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const record = (t: number) => {
    rows.forEach((r, k) => {
      for (let j = 0; j < d; j++) paths[k][(s.T - t) * d + j] = x[r * d + j];
    });
    if (states) states[t] = Float64Array.from(x);
  };
  record(s.T);
  for (let t = s.T; t >= 1; t--) {
    const eps = await predict(x, t, n);
    const clip = opts.clipX0;
    const mean = clip
      ? reverseConditionalMean(s, t, x0FromEps(s, t, x, eps).map((v) => Math.min(clip[1], Math.max(clip[0], v))), x)
      : meanFromEps(s, t, x, eps);
    if (t > 1) {
      const sd = Math.sqrt(reverseVariance(s, t, opts.variance));
      for (let i = 0; i < mean.length; i++) mean[i] += sd * rng.normal();
    }
    x = mean;
    record(t - 1);
  }
  return { samples: x, paths, states };
}
