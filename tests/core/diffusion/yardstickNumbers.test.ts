/**
 * The yardstick table chapters 7 and 8 quote (src/core/diffusion/yardstickNumbers.json), recomputed
 * row by row from the shipped weights with the stored seeds, and the targets for latent
 * diffusion checked on the recomputed numbers:
 *   - its samples beat the VAE's own prior samples on the confident share (by more than 5 standard
 *     errors of the difference: 2,000 samples per set) and on the Fréchet distance (by half at least);
 *   - both have label entropy ≥ 0.95 (every digit drawn).
 * Every comparison chapter 8 makes between rows is asserted here on the stored rows, against their
 * standard errors where the chapter states it against them (dz: the z of a difference of two rows).
 * On a failure after weights were remade: `npx tsx scripts/yardstickNumbers.ts` rewrites the table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawSampleSet, SAMPLE_SETS, type SampleSetName } from '../../../src/core/diffusion/sampleSets';
import {
  CHECK_N,
  CHECK_SETS,
  TORCH_SETS,
  twoProportionZ,
  YARDSTICK_DIFFERENCES,
  YARDSTICK_N,
  YARDSTICK_SEEDS,
  yardstickDifferenceZ,
  type YardstickMetric,
} from '../../../src/core/diffusion/yardstickNumbers';
import type { YardstickScore, YardstickScoreWithErrors } from '../../../src/core/metrics/yardstick';
import { binomialSE, FRECHET_BOOTSTRAP } from '../../../src/core/metrics/yardstickErrors';
import { pixelModelFacts, PIXEL_WEIGHTS_PATH } from '../../../src/core/diffusion/pixelDigits';
import { DIGIT_WEIGHTS_PATH } from '../../../src/core/diffusion/digits';
import { decodeWeights } from '../../../src/core/diffusion/weightsFile';
import { computedRegistry, zText } from '../../../src/shell/computed';
import { defaultParams } from '../../../src/core/params';
import { ddmDigitsParams } from '../../../src/core/diffusion/ddmDigitsDemo';
import { load, root, stored, useYardstick } from '../../support/yardstick';

const REMAKE = 'stale: run `npx tsx scripts/yardstickNumbers.ts` to re-score the shipped models';
const now = {} as Record<SampleSetName, YardstickScore>;
const yardstick = useYardstick();
/** The recomputed rows' bootstrap: the first BOOT_PREFIX of the stored run's resamples (same seed). */
const BOOT_PREFIX = 20;
/** z of the difference between two stored rows' numbers, from their stored standard errors. */
const dz = (metric: YardstickMetric, a: SampleSetName, b: SampleSetName) => yardstickDifferenceZ(metric, a, b, stored);

describe('the yardstick table of chapters 7 and 8', () => {
  it('stores the sample size and seeds the code uses', () => {
    expect(stored.n).toBe(YARDSTICK_N);
    expect(stored.seeds).toEqual(YARDSTICK_SEEDS);
    expect(Object.keys(stored.rows).sort()).toEqual([...SAMPLE_SETS].sort());
    expect(stored.check.n).toBe(CHECK_N);
    expect(Object.keys(stored.check.rows).sort()).toEqual([...CHECK_SETS].sort());
    expect(stored.bootstrap).toEqual(FRECHET_BOOTSTRAP);
  });

  it('stores the standard errors of every row; the share’s is binomial', () => {
    for (const set of SAMPLE_SETS) {
      const { se, confident } = stored.rows[set];
      expect(se, `${set}: ${REMAKE}`).toBeDefined();
      expect(se.confident).toBeCloseTo(binomialSE(confident, YARDSTICK_N), 15);
      expect(se.labelEntropy).toBeGreaterThan(0);
      expect(se.frechet).toBeGreaterThan(0);
    }
  });

  // the U-Net's rows are checked in ./yardstickUnet.test.ts (their first chains, redrawn with tfjs)
  it.each(SAMPLE_SETS.filter((s) => !TORCH_SETS.includes(s)))('row %s: recomputed from the shipped weights with its seed', async (set) => {
    const n = CHECK_SETS.includes(set) ? CHECK_N : YARDSTICK_N;
    const x = await drawSampleSet(set, n, YARDSTICK_SEEDS[set], load);
    expect(x.length).toBe(n * 784);
    const full = n === YARDSTICK_N;
    const score = full ? await yardstick().scoreWithErrors(x, n, { ...stored.bootstrap, resamples: BOOT_PREFIX }) : await yardstick().score(x, n);
    if (full) now[set] = score;
    const was = full ? stored.rows[set] : stored.check.rows[set]!;
    // shares are counts over n: a sample or two may cross p = 0.9 under a different float order
    expect(Math.abs(score.confident - was.confident), REMAKE).toBeLessThanOrEqual(2 / n);
    expect(Math.abs(score.labelEntropy - was.labelEntropy), REMAKE).toBeLessThan(2e-3);
    expect(Math.abs(score.frechet - was.frechet), REMAKE).toBeLessThan(1e-3 * Math.max(1, was.frechet));
    if (!full) return;
    const se = (score as YardstickScoreWithErrors).se;
    const wasSe = stored.rows[set].se;
    // the standard errors: the share's and the entropy's are functions of the labels; the bootstrap
    // here draws the stored run's first BOOT_PREFIX resamples, whose spread estimates the same
    // standard error to about ±1/√(2·BOOT_PREFIX) = ±16%
    expect(se.confident).toBeCloseTo(wasSe.confident, 4);
    expect(Math.abs(se.labelEntropy / wasSe.labelEntropy - 1), REMAKE).toBeLessThan(0.02);
    expect(se.frechet / wasSe.frechet, REMAKE).toBeGreaterThan(0.5);
    expect(se.frechet / wasSe.frechet, REMAKE).toBeLessThan(1.5);
  }, 600_000);

  it('latent diffusion beats the VAE prior on confident share (z > 5) and Fréchet distance (under half), and the Gaussian fitted to the codes; both draw every digit', () => {
    const latent = now.latent ?? stored.rows.latent;
    const prior = now['vae-prior'] ?? stored.rows['vae-prior'];
    expect(twoProportionZ(latent.confident, prior.confident, YARDSTICK_N)).toBeGreaterThan(5);
    expect(latent.frechet).toBeLessThan(prior.frechet / 2);
    expect(latent.labelEntropy).toBeGreaterThanOrEqual(0.95);
    expect(prior.labelEntropy).toBeGreaterThanOrEqual(0.95);
    // the chapter: a Gaussian fitted to the codes improves on N(0, I) by less than the diffusion prior on every number
    const codeGaussian = now['code-gaussian'] ?? stored.rows['code-gaussian'];
    expect(codeGaussian.confident).toBeGreaterThan(prior.confident);
    expect(codeGaussian.frechet).toBeLessThan(prior.frechet);
    expect(latent.confident).toBeGreaterThan(codeGaussian.confident);
    expect(latent.frechet).toBeLessThan(codeGaussian.frechet);
    expect(latent.labelEntropy).toBeGreaterThan(codeGaussian.labelEntropy);
    // and real digits score as real digits: the scale the other rows are read on
    const real = now.training ?? stored.rows.training;
    expect(real.confident).toBeGreaterThan(latent.confident);
    expect(real.frechet).toBeLessThan(latent.frechet);
  });

  it('chapter 8 on the VAE rows, against the standard errors: every gap it states is more than two standard errors of the difference, and every VAE entropy is more than two above 0.95', () => {
    const { rows } = stored;
    // latent diffusion against the VAE prior (the chapter quotes the Fréchet distance's z)
    expect(dz('frechet', 'latent', 'vae-prior')).toBeLessThan(-5);
    expect(dz('confident', 'latent', 'vae-prior')).toBeGreaterThan(5);
    // the Gaussian fitted to the codes improves on N(0, I) on all three numbers …
    expect(dz('confident', 'code-gaussian', 'vae-prior')).toBeGreaterThan(2);
    expect(dz('entropy', 'code-gaussian', 'vae-prior')).toBeGreaterThan(2);
    expect(dz('frechet', 'code-gaussian', 'vae-prior')).toBeLessThan(-2);
    // … "but by less than the diffusion prior on every number": its gaps to the prior are smaller than
    // latent diffusion's, and latent diffusion beats it on each
    for (const metric of ['confident', 'entropy'] as const) expect(dz(metric, 'latent', 'vae-prior')).toBeGreaterThan(dz(metric, 'code-gaussian', 'vae-prior'));
    expect(dz('frechet', 'latent', 'vae-prior')).toBeLessThan(dz('frechet', 'code-gaussian', 'vae-prior'));
    expect(dz('confident', 'latent', 'code-gaussian')).toBeGreaterThan(2);
    expect(dz('entropy', 'latent', 'code-gaussian')).toBeGreaterThan(2);
    expect(dz('frechet', 'latent', 'code-gaussian')).toBeLessThan(-2);
    // real digits beat latent diffusion on the two numbers the chapter reads the others against
    expect(dz('confident', 'training', 'latent')).toBeGreaterThan(2);
    expect(dz('frechet', 'training', 'latent')).toBeLessThan(-2);
    // "whose label entropies are all above 0.95"
    for (const vae of ['vae-prior', 'code-gaussian', 'latent'] as const) expect((rows[vae].labelEntropy - 0.95) / rows[vae].se.labelEntropy).toBeGreaterThan(2);
  });

  it('the chapter’s differences in standard errors are the stored rows’ (|z|, one decimal below 10)', () => {
    for (const [metric, a, b] of YARDSTICK_DIFFERENCES) {
      const z = Math.abs(dz(metric, a, b));
      expect(computedRegistry[`ch8-yard-dz-${metric}-${a}-${b}`]()).toBe(zText(z));
    }
    expect(computedRegistry['ch8-yard-bootstrap-b']()).toBe(String(FRECHET_BOOTSTRAP.resamples));
  });

  it('chapter 8 on the 28×28 pixel model: beats the pixel Gaussian on label entropy and Fréchet distance, below it on confident share (by more than 2 SE); as even as the 14×14 model, below it on the other two; under 0.95 entropy, which every VAE row exceeds', () => {
    const { rows } = stored;
    const [pixel28, gaussian, pixel14] = [rows.pixel28, rows.gaussian, rows.pixel14];
    expect(pixel28.labelEntropy).toBeGreaterThan(gaussian.labelEntropy);
    expect(pixel28.frechet).toBeLessThan(gaussian.frechet);
    // "does no better … at the edge of sampling noise": below the Gaussian by about two standard errors
    expect(dz('confident', 'pixel28', 'gaussian')).toBeLessThan(-1.5);
    expect(dz('confident', 'pixel28', 'gaussian')).toBeGreaterThan(-2.5);
    // "about as evenly": the two entropies agree to within 0.01 (they print as 0.780 and 0.779)
    expect(Math.abs(pixel28.labelEntropy - pixel14.labelEntropy)).toBeLessThan(0.01);
    expect(dz('confident', 'pixel28', 'pixel14')).toBeLessThan(-2);
    expect(pixel28.frechet).toBeGreaterThan(pixel14.frechet);
    // against the standard errors: both wins over the Gaussian and the Fréchet shortfall against the
    // 14×14 model are more than two standard errors of the difference; the two entropies are within one
    expect(dz('entropy', 'pixel28', 'gaussian')).toBeGreaterThan(2);
    expect(dz('frechet', 'pixel28', 'gaussian')).toBeLessThan(-2);
    // "a difference well inside its standard error"
    expect(Math.abs(dz('entropy', 'pixel28', 'pixel14'))).toBeLessThan(0.5);
    expect(computedRegistry['ch8-yard-entropy-pixel28-pixel14-se']()).toBe(Math.hypot(pixel28.se.labelEntropy, pixel14.se.labelEntropy).toFixed(3));
    expect(dz('frechet', 'pixel28', 'pixel14')).toBeGreaterThan(2);
    // the entropy target (≥ 0.95) is not met by either pixel model; every VAE row meets it
    // (by more than two standard errors)
    for (const pixel of ['pixel14', 'pixel28', 'pixel14-ddim', 'pixel28-ddim'] as const) expect((0.95 - rows[pixel].labelEntropy) / rows[pixel].se.labelEntropy).toBeGreaterThan(2);
    for (const vae of ['vae-prior', 'code-gaussian', 'latent'] as const) expect(rows[vae].labelEntropy).toBeGreaterThan(0.95);
    // latent diffusion beats both pixel models, with either sampler, on every number, each by more
    // than two standard errors of the difference
    for (const pixel of ['pixel14', 'pixel28', 'pixel14-ddim', 'pixel28-ddim'] as const) {
      expect(dz('confident', 'latent', pixel)).toBeGreaterThan(2);
      expect(dz('entropy', 'latent', pixel)).toBeGreaterThan(2);
      expect(dz('frechet', 'latent', pixel)).toBeLessThan(-2);
    }
    // the recipe the chapter quotes is the shipped file's
    expect(stored.pixel28Model).toEqual(pixelModelFacts(readFileSync(path.join(root, 'public', PIXEL_WEIGHTS_PATH))));
  });

  it('chapter 8 on DDIM (η = 0): on both pixel models higher label entropy and lower Fréchet distance than the ancestral chain, confident share within 2 SE of it; entropy still under 0.95', () => {
    const { rows } = stored;
    for (const [ddim, ancestral] of [
      [rows['pixel28-ddim'], rows.pixel28],
      [rows['pixel14-ddim'], rows.pixel14],
    ]) {
      expect(ddim.labelEntropy).toBeGreaterThan(ancestral.labelEntropy);
      expect(ddim.frechet).toBeLessThan(ancestral.frechet);
      expect(ddim.labelEntropy).toBeLessThan(0.95);
    }
    // "each by more than two standard errors of the difference"
    for (const [ddim, ancestral] of [
      ['pixel28-ddim', 'pixel28'],
      ['pixel14-ddim', 'pixel14'],
    ] as const) {
      expect(dz('entropy', ddim, ancestral)).toBeGreaterThan(2);
      expect(dz('frechet', ddim, ancestral)).toBeLessThan(-2);
      // "the confident share moves by less than two standard errors of the difference"
      expect(Math.abs(dz('confident', ddim, ancestral))).toBeLessThan(2);
    }
    // "where the 28×28 model's ancestral chain makes T": DDIM's calls are fewer, so that comparison
    // also changes the number of steps; "the 14×14 model's chain has exactly" DDIM's steps
    expect(Number(computedRegistry['ch8-ddim-steps']())).toBeLessThan(stored.pixel28Model.T);
    const pixel14T = Number(decodeWeights(readFileSync(path.join(root, 'public', DIGIT_WEIGHTS_PATH))).header.meta.T);
    expect(Number(computedRegistry['ch8-ddim-steps']())).toBe(pixel14T);
    // the summary: latent diffusion beats both pixel models "with either sampler, on every number"
    for (const ddim of [rows['pixel28-ddim'], rows['pixel14-ddim']]) {
      expect(rows.latent.confident).toBeGreaterThan(ddim.confident);
      expect(rows.latent.labelEntropy).toBeGreaterThan(ddim.labelEntropy);
      expect(rows.latent.frechet).toBeLessThan(ddim.frechet);
    }
    // "against the ancestral chains' σ_t² = β_t": the ancestral rows sample with the widget's default variance
    expect(defaultParams(ddmDigitsParams).variance).toBe('beta');
  });

  it('the pooled two-proportion z statistic (the issue’s z > 5 target for latent diffusion)', () => {
    // (0.6 − 0.4)/√(0.5·0.5·2/100) = 0.2/√0.005
    expect(twoProportionZ(0.6, 0.4, 100)).toBeCloseTo(0.2 / Math.sqrt(0.005), 12);
    expect(twoProportionZ(0.3, 0.3, 50)).toBe(0);
  });
});
