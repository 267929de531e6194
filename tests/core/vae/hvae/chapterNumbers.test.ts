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
import { HVAE_CHECK_DIGITS, hvaeDigest, hvaeHeldOut, hvaeIwaePerDigit } from '../../../../src/core/vae/hvae/numbers';
import { HVAE_SHAPE, HVAE_WEIGHT_FILE } from '../../../../src/core/vae/hvae/pretrained';
import { deserializeHvae, type HvaeWeightFile } from '../../../../src/core/vae/hvae/serialize';
import { chapter7Numbers } from '../../../../src/core/vae/chapterNumbers';
import { mnist } from '../fixtures';

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

  it('held-out ELBO, both KLs and active units: recomputed over the whole test split', async () => {
    const { testImages } = await mnist();
    const now = await hvaeHeldOut(w, file.shape, testImages);
    for (const k of ['testElbo', 'testRecon', 'testKl1', 'testKl2'] as const) expect(Math.abs(now[k] - stored[k]), `${k} ${REMAKE}`).toBeLessThan(1e-6);
    expect(now.active1).toBe(stored.active1);
    expect(now.active2).toBe(stored.active2);
    expect(stored.testRecon - stored.testKl1 - stored.testKl2).toBeCloseTo(stored.testElbo, 6);
  }, 120_000);

  it(`the K = 500 bound: recomputed on the first ${HVAE_CHECK_DIGITS} digits; it lies above the ELBO`, async () => {
    const { testImages } = await mnist();
    const prefix = await hvaeIwaePerDigit(w, file.shape, testImages.subarray(0, HVAE_CHECK_DIGITS * 784));
    const mean = prefix.reduce((a, b) => a + b, 0) / prefix.length;
    expect(stored.check.digits).toBe(HVAE_CHECK_DIGITS);
    expect(Math.abs(mean - stored.check.iwae500), REMAKE).toBeLessThan(1e-6);
    expect(stored.iwae500).toBeGreaterThan(stored.testElbo);
  }, 300_000);

  it('the comparison is with the one-layer VAE’s stored numbers on the same digits', () => {
    const one = chapter7Numbers().default;
    expect(stored.elboGain).toBeCloseTo(stored.testElbo - one.testElbo, 12);
    expect(stored.iwaeGain).toBeCloseTo(stored.iwae500 - one.iwae500, 12);
  });
});
