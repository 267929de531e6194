/**
 * Chapter 7's numbers on the two-layer VAE against the shipped weights: the held-out ELBO, both
 * KLs and the active units recomputed in full; the K = 500 bound recomputed on the first held-out
 * digits (same seeded stream: the same per-digit values as the full run); a digest of the weights
 * catches weights remade without the numbers. On a failure: `npx tsx scripts/hvaeNumbers.ts`.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { hvaeChapterNumbers } from '../../../../src/core/vae/hvae/chapterNumbers';
import { HVAE_PARAM_NAMES, hvaeParamShapes, hvaeParameterCount, type HvaeWeights } from '../../../../src/core/vae/hvae/model';
import { HVAE_CHECK_DIGITS, hvaeDigest, hvaeHeldOut, hvaeIwaePerDigit, pairedDifference } from '../../../../src/core/vae/hvae/numbers';
import { HVAE_SHAPE, HVAE_WEIGHT_FILE } from '../../../../src/core/vae/hvae/pretrained';
import { deserializeHvae, type HvaeWeightFile } from '../../../../src/core/vae/hvae/serialize';
import { chapter7Numbers } from '../../../../src/core/vae/chapterNumbers';
import { loadPretrained } from '../../../../src/core/vae/loadPretrained';
import { disposeWeights } from '../../../../src/core/vae/model';
import { heldOutElboPerDigit, iwae500PerDigit } from '../../../../scripts/vaeNumbersCheck';
import { diskAsset, mnist } from '../fixtures';

const REMAKE = 'stale: run `npx tsx scripts/hvaeNumbers.ts` to re-evaluate from the shipped weights';
const stored = hvaeChapterNumbers();

describe("chapter 7's numbers for the shipped two-layer VAE", () => {
  let file: HvaeWeightFile;
  let w: HvaeWeights;
  beforeAll(async () => {
    await useBackend('wasm');
    file = deserializeHvae(readFileSync(`public/${HVAE_WEIGHT_FILE}`));
    const shapes = hvaeParamShapes(file.shape);
    w = Object.fromEntries(HVAE_PARAM_NAMES.map((n) => [n, tf.tensor(file.arrays[n], shapes[n])])) as HvaeWeights;
  });
  afterAll(() => tf.dispose(Object.values(w)));

  it('were computed from these very weights, of the shipped shape', () => {
    expect(file.shape).toEqual(HVAE_SHAPE);
    expect(hvaeDigest(file.arrays), REMAKE).toBe(stored.check.digest);
    expect(stored.parameterCount).toBe(hvaeParameterCount(HVAE_SHAPE));
  });

  it('held-out ELBO, both KLs and active units: recomputed over the whole test split; the ELBO gain and its paired standard error too', async () => {
    const { testImages } = await mnist();
    const now = await hvaeHeldOut(w, file.shape, testImages);
    for (const k of ['testElbo', 'testRecon', 'testKl1', 'testKl2'] as const) expect(Math.abs(now[k] - stored[k]), `${k} ${REMAKE}`).toBeLessThan(1e-6);
    expect(now.active1).toBe(stored.active1);
    expect(now.active2).toBe(stored.active2);
    expect(stored.testRecon - stored.testKl1 - stored.testKl2).toBeCloseTo(stored.testElbo, 6);
    const one = await loadPretrained(diskAsset, 'default');
    const oneElbo = await heldOutElboPerDigit(one.weights, one.shape, testImages);
    disposeWeights(one.weights);
    const gain = pairedDifference(now.perDigit, oneElbo);
    expect(Math.abs(gain.mean - stored.elboGain), REMAKE).toBeLessThan(1e-6);
    expect(Math.abs(gain.se - stored.elboGainSe), REMAKE).toBeLessThan(1e-6);
  }, 120_000);

  it(`the K = 500 bound: recomputed on the first ${HVAE_CHECK_DIGITS} digits; it lies above the ELBO; the paired gain on the first ${stored.check.gainDigits}`, async () => {
    const { testImages } = await mnist();
    const G = stored.check.gainDigits;
    const prefix = await hvaeIwaePerDigit(w, file.shape, testImages.subarray(0, Math.max(HVAE_CHECK_DIGITS, G) * 784));
    const mean = prefix.subarray(0, HVAE_CHECK_DIGITS).reduce((a, b) => a + b, 0) / HVAE_CHECK_DIGITS;
    expect(stored.check.digits).toBe(HVAE_CHECK_DIGITS);
    expect(Math.abs(mean - stored.check.iwae500), REMAKE).toBeLessThan(1e-6);
    expect(stored.iwae500).toBeGreaterThan(stored.testElbo);
    const one = await loadPretrained(diskAsset, 'default');
    const oneIwae = await iwae500PerDigit(one.weights, one.shape, testImages.subarray(0, G * 784));
    disposeWeights(one.weights);
    expect(Math.abs(pairedDifference(prefix.subarray(0, G), oneIwae).mean - stored.check.iwaeGainPrefix), REMAKE).toBeLessThan(1e-6);
  }, 300_000);

  it('the comparison is with the one-layer VAE’s stored numbers on the same digits', () => {
    const one = chapter7Numbers().default;
    expect(stored.elboGain).toBeCloseTo(stored.testElbo - one.testElbo, 12);
    expect(stored.iwaeGain).toBeCloseTo(stored.iwae500 - one.iwae500, 12);
    // the chapter calls both gains positive and many standard errors wide
    expect(stored.elboGain).toBeGreaterThan(4 * stored.elboGainSe);
    expect(stored.iwaeGain).toBeGreaterThan(4 * stored.iwaeGainSe);
  });
});
