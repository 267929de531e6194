/**
 * Chapter 7's stored numbers against the shipped weights: what can be recomputed in seconds is
 * recomputed in full (held-out ELBO and its parts, the training curve's last epoch); the IWAE curve
 * and the gap decomposition, minutes in full, are recomputed on the first test digits, whose
 * values the full run wrote beside its means (same seeded streams: bit-for-bit the same numbers),
 * and a digest of the parameters catches weights remade without the numbers being re-evaluated.
 * On a failure: `npx tsx scripts/vaeNumbers.ts` re-evaluates everything from the shipped weights.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../support/tf';
import { chapter7Numbers } from '../../../src/core/vae/chapterNumbers';
import numbersJson from '../../../src/core/vae/chapterNumbers.json';
import { IWAE_KS } from '../../../src/core/vae/iwaeDemo';
import { loadPretrained } from '../../../src/core/vae/loadPretrained';
import { disposeWeights, parameterCount } from '../../../src/core/vae/model';
import { PRETRAINED_SHAPES, type PretrainedName } from '../../../src/core/vae/pretrained';
import {
  CHECK_GAP_DIGITS,
  CHECK_IWAE_DIGITS,
  gapOfDigit,
  heldOutElbo,
  iwaeCurve,
  parameterDigest,
  type NumbersCheck,
} from '../../../scripts/vaeNumbersCheck';
import { diskAsset } from './fixtures';

const REMAKE = 'stale: run `npx tsx scripts/vaeNumbers.ts` to re-evaluate chapter 7 from the shipped weights';
const stored = chapter7Numbers();
const check = (numbersJson as unknown as { check: NumbersCheck }).check;

describe.each(['default', 'latent2'] as PretrainedName[])("chapter 7's numbers for the shipped '%s' VAE", (name) => {
  let model: Awaited<ReturnType<typeof loadPretrained>>;
  beforeAll(async () => {
    await useBackend('wasm');
    model = await loadPretrained(diskAsset, name);
  }, 120_000);
  afterAll(() => disposeWeights(model.weights));

  it('were computed from these very weights (parameter digest)', async () => {
    expect(model.shape).toEqual(PRETRAINED_SHAPES[name]);
    expect(await parameterDigest(model.weights, model.shape), REMAKE).toBe(check[name].digest);
  });

  it('held-out ELBO, reconstruction, KL and active units: recomputed over the whole test split', async () => {
    const now = await heldOutElbo(model.weights, model.shape, model.data.testImages);
    const was = stored[name];
    expect(Math.abs(now.testElbo - was.testElbo), REMAKE).toBeLessThan(1e-6);
    expect(Math.abs(now.testRecon - was.testRecon), REMAKE).toBeLessThan(1e-6);
    expect(Math.abs(now.testKl - was.testKl), REMAKE).toBeLessThan(1e-6);
    expect(now.activeUnits, REMAKE).toBe(was.activeUnits);
    // the ELBO is recon − KL, and L_1 of the stored IWAE curve is another estimate of the same ELBO
    // (other draws: within 0.3 nats over 1,000 digits)
    expect(was.testRecon - was.testKl).toBeCloseTo(was.testElbo, 9);
    expect(Math.abs(was.iwae[0] - now.testElbo)).toBeLessThan(0.3);
  }, 120_000);

  it("the last epoch's train and test ELBO are the weights file's own training history", () => {
    const history = model.meta.history as { trainElbo: number; testElbo: number }[];
    const last = history[history.length - 1];
    expect(stored[name].finalTrainElbo).toBe(last.trainElbo);
    expect(stored[name].finalEpochTestElbo).toBe(last.testElbo);
  });

  it(`the IWAE curve: recomputed on the first ${CHECK_IWAE_DIGITS} test digits; the stored full curve climbs to iwae500`, async () => {
    const prefix = await iwaeCurve(model.weights, model.shape, model.data.testImages.subarray(0, CHECK_IWAE_DIGITS * model.shape.inputDim));
    expect(check.iwaeDigits).toBe(CHECK_IWAE_DIGITS);
    for (let j = 0; j < IWAE_KS.length; j++) expect(Math.abs(prefix[j] - check[name].iwae[j]), REMAKE).toBeLessThan(1e-6);
    const full = stored[name].iwae;
    expect(stored.iwaeKs).toEqual(IWAE_KS);
    expect(full.length).toBe(IWAE_KS.length);
    for (let j = 1; j < full.length; j++) expect(full[j]).toBeGreaterThan(full[j - 1]);
    expect(stored[name].iwae500).toBe(full[full.length - 1]);
  }, 300_000);
});

describe("chapter 7's gap decomposition (2-D latent)", () => {
  it(`the first ${CHECK_GAP_DIGITS} test digit(s) recomputed; the stored means add up`, async () => {
    await useBackend('wasm');
    const { weights, shape, data } = await loadPretrained(diskAsset, 'latent2');
    try {
      expect(check.gapDigits).toBe(CHECK_GAP_DIGITS);
      for (let d = 0; d < CHECK_GAP_DIGITS; d++) {
        const now = await gapOfDigit(weights, shape, data.testImages, d);
        const was = check.latent2.gaps[d];
        expect(Math.abs(now.logPx - was.logPx), REMAKE).toBeLessThan(1e-6);
        expect(Math.abs(now.elboAmortized - was.elboAmortized), REMAKE).toBeLessThan(1e-6);
        expect(Math.abs(now.elboOptimized - was.elboOptimized), REMAKE).toBeLessThan(1e-6);
      }
    } finally {
      disposeWeights(weights);
    }
    const g = stored.gaps;
    expect(g.approximationGap + g.amortizationGap).toBeCloseTo(g.logPx - g.elboAmortized, 9);
    expect(g.approximationGap).toBeGreaterThan(0);
    expect(g.amortizationGap).toBeGreaterThan(0);
  }, 300_000);

  it('the parameter count is that of the 784-400-20 shape', () => {
    // 784·400 + 400 (encoder hidden) + 2·(400·20 + 20) (μ, log σ²) + 20·400 + 400 + 400·784 + 784
    expect(stored.defaultParameterCount).toBe(784 * 400 + 400 + 2 * (400 * 20 + 20) + 20 * 400 + 400 + 400 * 784 + 784);
    expect(stored.defaultParameterCount).toBe(parameterCount(PRETRAINED_SHAPES.default));
  });
});
