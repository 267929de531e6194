/**
 * The yardstick table chapters 7 and 8 quote (src/core/diffusion/yardstickNumbers.json), recomputed
 * row by row from the shipped weights with the stored seeds, and the targets for latent
 * diffusion checked on the recomputed numbers:
 *   - its samples beat the VAE's own prior samples on the confident share (by more than 5 standard
 *     errors of the difference: 2,000 samples per set) and on the Fréchet distance (by half at least);
 *   - both have label entropy ≥ 0.95 (every digit drawn).
 * On a failure after weights were remade: `npx tsx scripts/yardstickNumbers.ts` rewrites the table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawSampleSet, SAMPLE_SETS, type SampleSetName } from '../../../src/core/diffusion/sampleSets';
import { CHECK_N, CHECK_SETS, TORCH_SETS, twoProportionZ, YARDSTICK_N, YARDSTICK_SEEDS } from '../../../src/core/diffusion/yardstickNumbers';
import type { YardstickScore } from '../../../src/core/metrics/yardstick';
import { pixelModelFacts, PIXEL_WEIGHTS_PATH } from '../../../src/core/diffusion/pixelDigits';
import { computedRegistry } from '../../../src/shell/computed';
import { defaultParams } from '../../../src/core/params';
import { ddmDigitsParams } from '../../../src/core/diffusion/ddmDigitsDemo';
import { load, root, stored, useYardstick } from '../../support/yardstick';

const REMAKE = 'stale: run `npx tsx scripts/yardstickNumbers.ts` to re-score the shipped models';
const now = {} as Record<SampleSetName, YardstickScore>;
const yardstick = useYardstick();

describe('the yardstick table of chapters 7 and 8', () => {
  it('stores the sample size and seeds the code uses', () => {
    expect(stored.n).toBe(YARDSTICK_N);
    expect(stored.seeds).toEqual(YARDSTICK_SEEDS);
    expect(Object.keys(stored.rows).sort()).toEqual([...SAMPLE_SETS].sort());
    expect(stored.check.n).toBe(CHECK_N);
    expect(Object.keys(stored.check.rows).sort()).toEqual([...CHECK_SETS].sort());
  });

  // the U-Net's rows are checked in ./yardstickUnet.test.ts (their first chains, redrawn with tfjs)
  it.each(SAMPLE_SETS.filter((s) => !TORCH_SETS.includes(s)))('row %s: recomputed from the shipped weights with its seed', async (set) => {
    const n = CHECK_SETS.includes(set) ? CHECK_N : YARDSTICK_N;
    const x = await drawSampleSet(set, n, YARDSTICK_SEEDS[set], load);
    expect(x.length).toBe(n * 784);
    const score = await yardstick().score(x, n);
    if (n === YARDSTICK_N) now[set] = score;
    const was = n === YARDSTICK_N ? stored.rows[set] : stored.check.rows[set]!;
    // shares are counts over n: a sample or two may cross p = 0.9 under a different float order
    expect(Math.abs(score.confident - was.confident), REMAKE).toBeLessThanOrEqual(2 / n);
    expect(Math.abs(score.labelEntropy - was.labelEntropy), REMAKE).toBeLessThan(2e-3);
    expect(Math.abs(score.frechet - was.frechet), REMAKE).toBeLessThan(1e-3 * Math.max(1, was.frechet));
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

  it('chapter 8 on the 28×28 pixel model: beats the pixel Gaussian on label entropy and Fréchet distance, below it on confident share (by more than 2 SE); as even as the 14×14 model, below it on the other two; under 0.95 entropy, which every VAE row exceeds', () => {
    const { rows } = stored;
    const [pixel28, gaussian, pixel14] = [rows.pixel28, rows.gaussian, rows.pixel14];
    expect(pixel28.labelEntropy).toBeGreaterThan(gaussian.labelEntropy);
    expect(pixel28.frechet).toBeLessThan(gaussian.frechet);
    expect(twoProportionZ(pixel28.confident, gaussian.confident, YARDSTICK_N)).toBeLessThan(-2);
    // "about as evenly": the two entropies agree to within 0.01 (they print as 0.780 and 0.779)
    expect(Math.abs(pixel28.labelEntropy - pixel14.labelEntropy)).toBeLessThan(0.01);
    expect(twoProportionZ(pixel28.confident, pixel14.confident, YARDSTICK_N)).toBeLessThan(-2);
    expect(pixel28.frechet).toBeGreaterThan(pixel14.frechet);
    // the chapter quotes those two shortfalls as absolute z values
    expect(computedRegistry['ch8-yard-pixel28-z-gaussian']()).toBe((-twoProportionZ(pixel28.confident, gaussian.confident, YARDSTICK_N)).toFixed(1));
    expect(computedRegistry['ch8-yard-pixel28-z-pixel14']()).toBe((-twoProportionZ(pixel28.confident, pixel14.confident, YARDSTICK_N)).toFixed(1));
    // the entropy target (≥ 0.95) is not met by either pixel model; every VAE row meets it
    expect(pixel28.labelEntropy).toBeLessThan(0.95);
    expect(pixel14.labelEntropy).toBeLessThan(0.95);
    for (const vae of ['vae-prior', 'code-gaussian', 'latent'] as const) expect(rows[vae].labelEntropy).toBeGreaterThan(0.95);
    // latent diffusion beats both pixel models, with either sampler, on every number
    for (const pixel of [pixel14, pixel28, rows['pixel14-ddim'], rows['pixel28-ddim']]) {
      expect(rows.latent.confident).toBeGreaterThan(pixel.confident);
      expect(rows.latent.labelEntropy).toBeGreaterThan(pixel.labelEntropy);
      expect(rows.latent.frechet).toBeLessThan(pixel.frechet);
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
      expect(Math.abs(twoProportionZ(ddim.confident, ancestral.confident, YARDSTICK_N))).toBeLessThan(2);
      expect(ddim.labelEntropy).toBeLessThan(0.95);
    }
    expect(computedRegistry['ch8-yard-pixel28-ddim-z']()).toBe(Math.abs(twoProportionZ(rows['pixel28-ddim'].confident, rows.pixel28.confident, YARDSTICK_N)).toFixed(1));
    expect(computedRegistry['ch8-yard-pixel14-ddim-z']()).toBe(Math.abs(twoProportionZ(rows['pixel14-ddim'].confident, rows.pixel14.confident, YARDSTICK_N)).toFixed(1));
    // "where the 28×28 model's ancestral chain makes T": DDIM's calls are fewer
    expect(Number(computedRegistry['ch8-ddim-steps']())).toBeLessThan(stored.pixel28Model.T);
    // the summary: latent diffusion beats both pixel models "with either sampler, on every number"
    for (const ddim of [rows['pixel28-ddim'], rows['pixel14-ddim']]) {
      expect(rows.latent.confident).toBeGreaterThan(ddim.confident);
      expect(rows.latent.labelEntropy).toBeGreaterThan(ddim.labelEntropy);
      expect(rows.latent.frechet).toBeLessThan(ddim.frechet);
    }
    // "against the ancestral chains' σ_t² = β_t": the ancestral rows sample with the widget's default variance
    expect(defaultParams(ddmDigitsParams).variance).toBe('beta');
  });

  it('the z statistic is the pooled two-proportion one', () => {
    // (0.6 − 0.4)/√(0.5·0.5·2/100) = 0.2/√0.005
    expect(twoProportionZ(0.6, 0.4, 100)).toBeCloseTo(0.2 / Math.sqrt(0.005), 12);
    expect(twoProportionZ(0.3, 0.3, 50)).toBe(0);
  });
});
