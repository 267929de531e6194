/**
 * The yardstick table that chapters 7 and 8 quote: every sample set of ./sampleSets.ts scored by
 * the digit classifier (src/core/metrics/yardstick.ts), YARDSTICK_N samples each from a fixed seed.
 * The values live in yardstickNumbers.json, written by `npx tsx scripts/yardstickNumbers.ts` from
 * the shipped weights (minutes: too slow for page render); tests/core/diffusion/yardstickNumbers.test.ts
 * recomputes every row with the same seeds (CHECK_SETS on CHECK_N samples).
 *
 * Why 2,000 per set: a share's standard error is then at most √(0.25/2000) ≈ 0.011, so the gap
 * between the latent model's and the VAE prior's confident shares is many standard errors wide;
 * every row uses the same n because the Fréchet distance of a finite sample is biased upwards by
 * an amount that depends on n (the 'training' row is that floor for real digits). Each row stores its
 * three standard errors (binomial, delta method, bootstrap: src/core/metrics/yardstickErrors.ts), so a
 * comparison of two rows can be stated as a z of their difference (differenceZ there).
 */
import type { YardstickScore, YardstickScoreWithErrors } from '../metrics/yardstick';
import { differenceZ, type BootstrapOptions } from '../metrics/yardstickErrors';
import type { UnetModelFacts } from './unetWeights';
import numbers from './yardstickNumbers.json';

/** The sets of ./sampleSets.ts (named here, free of tfjs, so the page's computed numbers can list them). */
export const SAMPLE_SETS = ['training', 'gaussian', 'vae-prior', 'code-gaussian', 'latent', 'pixel14', 'pixel28', 'pixel14-ddim', 'pixel28-ddim', 'unet', 'unet-ddim'] as const;
export type SampleSetName = (typeof SAMPLE_SETS)[number];

export const YARDSTICK_N = 2000;

export const YARDSTICK_SEEDS: Record<SampleSetName, number> = {
  training: 8101,
  gaussian: 8102,
  'vae-prior': 8103,
  'code-gaussian': 8104,
  latent: 8105,
  pixel14: 8106,
  pixel28: 8107,
  'pixel14-ddim': 8108,
  'pixel28-ddim': 8109,
  unet: 8110,
  'unet-ddim': 8111,
};

/** The *-ddim rows: the same pixel models sampled by deterministic DDIM (η = 0) on this many of their T steps. */
export const YARDSTICK_DDIM_STEPS = 100;

/**
 * Rows too slow to recompute in full in a unit test (2,000 reverse chains of a pixel model: minutes
 * on a loaded machine) are also scored on CHECK_N samples with the same seed; the test recomputes that.
 */
export const CHECK_SETS: readonly SampleSetName[] = ['pixel14', 'pixel28', 'pixel14-ddim', 'pixel28-ddim'];
export const CHECK_N = 300;

/**
 * The U-Net's rows (./unetSampleSets.ts): its ancestral chain over all T steps ('unet'), and DDIM with
 * η = 0 on UNET_DDIM_STEPS steps ('unet-ddim'), the digits widget's default. 2,000 chains of its
 * convolutions take far too long in tfjs here, so scripts/yardstickNumbers.ts draws them with the
 * book's sampler and random numbers but evaluates ε_θ with the network's PyTorch twin (on a quiet
 * moment of this 2-core machine, about 100 s for the DDIM row and 10 minutes for the ancestral one).
 * Their chains are per-chain streams (./chainRng.ts), and the
 * table stores the first UNET_CHECK_CHAINS samples' predicted labels and mean intensities, which
 * tests/core/diffusion/yardstickUnet.test.ts redraws with the tfjs network.
 */
export const TORCH_SETS: readonly SampleSetName[] = ['unet', 'unet-ddim'];
export const UNET_DDIM_STEPS = 25;
export const UNET_CHECK_CHAINS = 16;

/** What the check of a TORCH_SETS row stores about its first chains. */
export interface ChainCheck {
  /** the classifier's label of each sample */
  labels: number[];
  /** each sample's mean intensity */
  means: number[];
}

/** A row of the table: the three scores and their standard errors (src/core/metrics/yardstick.ts's scoreWithErrors). */
export type YardstickRow = YardstickScoreWithErrors;

export interface YardstickTable {
  n: number;
  seeds: Record<SampleSetName, number>;
  rows: Record<SampleSetName, YardstickRow>;
  /** how the Fréchet distances' standard errors were bootstrapped */
  bootstrap: BootstrapOptions;
  /** CHECK_SETS scored on CHECK_N samples */
  check: { n: number; rows: Partial<Record<SampleSetName, YardstickScore>> };
  /** The scored 28×28 model's recipe, read from its weights file's metadata (the chapter quotes it). */
  pixel28Model: PixelModelFacts;
  /** TORCH_SETS' first UNET_CHECK_CHAINS samples */
  unetCheck: { chains: number; rows: Partial<Record<SampleSetName, ChainCheck>> };
  /** The scored U-Net's recipe, from its weights file. */
  unetModel: UnetModelFacts;
}


export interface PixelModelFacts {
  steps: number;
  parameters: number;
  width: number;
  blocks: number;
  T: number;
  batch: number;
  engine: string;
}

export function yardstickNumbers(): YardstickTable {
  return numbers as YardstickTable;
}

/** The table's numbers by the names the chapter's computed values use. */
const METRIC_KEYS = { confident: 'confident', entropy: 'labelEntropy', frechet: 'frechet' } as const;
export type YardstickMetric = keyof typeof METRIC_KEYS;

/**
 * The z of a difference between two rows' numbers, (a − b)/√(se_a² + se_b²) with their stored
 * standard errors (the rows are independent sample sets).
 */
export function yardstickDifferenceZ(metric: YardstickMetric, a: SampleSetName, b: SampleSetName, table: YardstickTable = yardstickNumbers()): number {
  const [ra, rb] = [table.rows[a], table.rows[b]];
  const key = METRIC_KEYS[metric];
  return differenceZ(ra[key], ra.se[key], rb[key], rb.se[key]);
}

/** The differences between rows that chapter 8 states in standard errors (<Computed name="ch8-yard-dz-…" />). */
export const YARDSTICK_DIFFERENCES: readonly [YardstickMetric, SampleSetName, SampleSetName][] = [
  ['confident', 'latent', 'vae-prior'],
  ['frechet', 'latent', 'vae-prior'],
  ['confident', 'code-gaussian', 'vae-prior'],
  ['entropy', 'code-gaussian', 'vae-prior'],
  ['frechet', 'code-gaussian', 'vae-prior'],
  ['confident', 'pixel28', 'gaussian'],
  ['frechet', 'pixel28', 'gaussian'],
  ['confident', 'pixel28', 'pixel14'],
  ['frechet', 'pixel28', 'pixel14'],
  ['confident', 'pixel28-ddim', 'pixel28'],
  ['confident', 'pixel14-ddim', 'pixel14'],
  ['entropy', 'pixel28-ddim', 'pixel28'],
  ['entropy', 'pixel14-ddim', 'pixel14'],
  ['frechet', 'pixel28-ddim', 'pixel28'],
  ['frechet', 'pixel14-ddim', 'pixel14'],
  ['confident', 'unet-ddim', 'vae-prior'],
  ['entropy', 'unet-ddim', 'vae-prior'],
  ['frechet', 'unet-ddim', 'vae-prior'],
  ['confident', 'unet', 'unet-ddim'],
  ['entropy', 'unet', 'unet-ddim'],
  ['frechet', 'unet', 'unet-ddim'],
  ['confident', 'latent', 'unet'],
  ['entropy', 'latent', 'unet'],
  ['frechet', 'latent', 'unet'],
];

/**
 * Two-proportion z statistic for the difference of two shares measured on n samples each,
 * (p₁ − p₂)/√(p̄(1 − p̄)·2/n) with the pooled share p̄: the test of equal shares (the z > 5
 * target for latent diffusion is checked with it, the more conservative form). Chapter 8 states a share's
 * difference like every other number's, over √(se₁² + se₂²) with each row's own binomial standard
 * error (yardstickDifferenceZ): the two agree to within 0.04 at the chapter's differences but for
 * latent diffusion against the VAE prior (23.0 pooled, 24.7 unpooled), where the shares differ most.
 */
export function twoProportionZ(p1: number, p2: number, n: number): number {
  const p = (p1 + p2) / 2;
  return (p1 - p2) / Math.sqrt((p * (1 - p) * 2) / n);
}

/**
 * How far row a is better than row b on one number, in standard errors of the difference
 * (yardstickDifferenceZ): positive when a's confident share or label entropy is higher, or its
 * Fréchet distance lower.
 */
export function favourZ(metric: YardstickMetric, a: SampleSetName, b: SampleSetName, table: YardstickTable = yardstickNumbers()): number {
  const z = yardstickDifferenceZ(metric, a, b, table);
  return metric === 'frechet' ? -z : z;
}

/**
 * The smallest favourZ of the rows `a` over the rows `b` on the three numbers: "each of a beats each
 * of b on every number by at least this many standard errors of the difference".
 */
export function leastFavourZ(a: readonly SampleSetName[], b: readonly SampleSetName[], table: YardstickTable = yardstickNumbers()): number {
  const metrics: YardstickMetric[] = ['confident', 'entropy', 'frechet'];
  return Math.min(...a.flatMap((x) => b.flatMap((y) => metrics.map((m) => favourZ(m, x, y, table)))));
}
