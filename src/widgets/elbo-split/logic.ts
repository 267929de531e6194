/**
 * The elbo-split widget's arithmetic, outside React: the reader's q built from two sliders, the
 * three numbers of the identity log p(x) = ELBO + KL for any q, and the geometry of the stacked
 * bars that draw them.
 */
import {
  elbo,
  exactPosterior,
  klToPosterior,
  logMarginalLikelihood,
  type GaussianFactors,
  type RandomEffectsTheta,
} from '../../core/vi/elbo/gaussianRandomEffects';

/** Where the reader's two sliders start: mean shift 0.5 posterior sds, sd 0.6. */
export const READER_Q_START = { shift: 0.5, sd: 0.6 } as const;

export interface ElboSplit {
  logLik: number;
  elbo: number;
  kl: number;
}

/**
 * The reader's q: every factor's mean is the exact posterior mean shifted by `shift` posterior
 * standard deviations, and every factor has standard deviation `sd`.
 */
export function readerQ(x: ArrayLike<number>, theta: RandomEffectsTheta, sigma2: number, shift: number, sd: number): GaussianFactors {
  const post = exactPosterior(x, theta, sigma2);
  const offset = shift * Math.sqrt(post.v[0]);
  return { m: post.m.map((m) => m + offset), v: new Float64Array(x.length).fill(sd * sd) };
}

export function elboSplit(x: ArrayLike<number>, q: GaussianFactors, theta: RandomEffectsTheta, sigma2: number): ElboSplit {
  return {
    logLik: logMarginalLikelihood(x, theta, sigma2),
    elbo: elbo(x, q, theta, sigma2),
    kl: klToPosterior(x, q, theta, sigma2),
  };
}

export interface StackedBarGeometry {
  /** Pixel y of the top of the column (log p), of the ELBO/KL boundary, and of the floor. */
  top: number;
  split: number;
  bottom: number;
  /** True when the KL is larger than the drawn range and the ELBO segment is clipped away. */
  clipped: boolean;
}

/**
 * Maps the split onto a column of `height` pixels whose top is log p(x) and whose bottom is
 * log p(x) − `range` nats: the KL segment has height KL·(height/range), clipped to the column.
 */
export function stackedBar(split: ElboSplit, range: number, height: number, pad = 0): StackedBarGeometry {
  const scale = (height - 2 * pad) / range;
  const kl = Math.max(0, split.kl);
  const clipped = kl > range;
  const top = pad;
  const bottom = height - pad;
  return { top, bottom, split: Math.min(bottom, top + kl * scale), clipped };
}
