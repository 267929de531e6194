/**
 * The U-Net's yardstick rows (TORCH_SETS of src/core/diffusion/yardstickNumbers.ts) were drawn by the
 * book's samplers with ε_θ evaluated by the network's PyTorch twin (2,000 tfjs chains take hours). This
 * test redraws their first UNET_CHECK_CHAINS chains with the tfjs network, the code the page runs,
 * from the shipped weights and the stored seeds, and compares them with what the table stored about
 * those chains: the classifier's labels and each sample's mean intensity. Chains have their own
 * random streams (chainRng.ts), so chain j is the same whether drawn among 2,000 or 16.
 * Measured when the rows were made: the two engines' samples agreed to 5e-5 in every pixel.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawSampleSet } from '../../../src/core/diffusion/sampleSets';
import { unetModelFacts, UNET_WEIGHTS_PATH } from '../../../src/core/diffusion/unetWeights';
import { favourZ, leastFavourZ, TORCH_SETS, UNET_CHECK_CHAINS, UNET_DDIM_STEPS, YARDSTICK_SEEDS } from '../../../src/core/diffusion/yardstickNumbers';
import { ddmDigitsParams } from '../../../src/core/diffusion/ddmDigitsDemo';
import { defaultParams } from '../../../src/core/params';
import { computedRegistry, zText } from '../../../src/shell/computed';
import { argmax } from '../../../src/core/metrics/digitClassifier';
import { load, root, stored, useYardstick } from '../../support/yardstick';
import { torchUnetPredictor } from '../../../scripts/lab/torchUnet';
import { torchMissing, torchPython } from '../../../scripts/lab/weights/torchEngine';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { UnetDenoiser } from '../../../src/core/diffusion/unetDenoiser';
import { decodeUnetModel, unetSchedule } from '../../../src/core/diffusion/unetWeights';
import { createRng } from '../../../src/core/random';

const noTorch = torchMissing(torchPython());

const REMAKE = 'stale: run `npx tsx scripts/yardstickNumbers.ts --rows unet,unet-ddim` to re-score the shipped U-Net';
const yardstick = useYardstick();

describe("the U-Net's yardstick rows", () => {
  it('store a check of their first chains and the shipped file’s recipe', () => {
    expect(stored.unetCheck.chains).toBe(UNET_CHECK_CHAINS);
    expect(Object.keys(stored.unetCheck.rows).sort()).toEqual([...TORCH_SETS].sort());
    expect(stored.unetModel).toEqual(unetModelFacts(readFileSync(path.join(root, 'public', UNET_WEIGHTS_PATH))));
  });

  it.skipIf(noTorch !== null)('the PyTorch engine the rows were drawn with gives the tfjs network’s ε_θ (where python3-torch is installed)', async () => {
    const file = decodeUnetModel(readFileSync(path.join(root, 'public', UNET_WEIGHTS_PATH)));
    const { kind, T } = unetSchedule(file);
    const net = new UnetDenoiser(file.config, makeSchedule(kind, T), createRng(0));
    net.setWeights(file.tensors);
    const torch = torchUnetPredictor(root, path.join(root, 'public', UNET_WEIGHTS_PATH), 1);
    try {
      const rng = createRng(3);
      const n = 3;
      const x = Float64Array.from({ length: n * 784 }, () => rng.normal());
      for (const t of [1, Math.round(T / 2), T]) {
        const [a, b] = [await net.predict(x, t, n), await torch.predict(x, t, n)];
        let worst = 0;
        for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        expect(worst).toBeLessThan(1e-4);
        expect(Math.max(...Array.from(a, Math.abs))).toBeGreaterThan(0.1);
      }
    } finally {
      torch.dispose();
      net.dispose();
    }
  }, 120_000);

  it.each(TORCH_SETS)('row %s: its first chains, redrawn with the tfjs network, are the stored ones', async (set) => {
    const k = UNET_CHECK_CHAINS;
    const x = await drawSampleSet(set, k, YARDSTICK_SEEDS[set], load);
    const { probs } = await yardstick().classifier.classify(x, k);
    const labels = Array.from({ length: k }, (_, i) => argmax(probs, i));
    const means = Array.from({ length: k }, (_, i) => x.subarray(i * 784, (i + 1) * 784).reduce((a, v) => a + v, 0) / 784);
    const was = stored.unetCheck.rows[set]!;
    expect(labels, REMAKE).toEqual(was.labels);
    for (let i = 0; i < k; i++) expect(Math.abs(means[i] - was.means[i]), REMAKE).toBeLessThan(1e-3);
  }, 600_000);

  it('chapter 8 on the U-Net: both rows beat the pixel Gaussian and every perceptron row on every number, with entropy above 0.95; the ancestral row beats the VAE prior on every number, the DDIM row on two and not on entropy; ancestral beats DDIM; latent diffusion leads the ancestral row on share and Fréchet, level on entropy', () => {
    const { rows, unetModel, pixel28Model } = stored;
    const others = ['gaussian', 'pixel14', 'pixel28', 'pixel14-ddim', 'pixel28-ddim'] as const;
    const metrics = ['confident', 'entropy', 'frechet'] as const;
    // "each gap at least … standard errors of the difference", and outside sampling noise
    const least = leastFavourZ(['unet', 'unet-ddim'], others, stored);
    expect(least).toBeGreaterThan(2);
    for (const u of ['unet', 'unet-ddim'] as const) for (const o of others) for (const m of metrics) expect(favourZ(m, u, o, stored)).toBeGreaterThanOrEqual(least);
    expect(computedRegistry['ch8-yard-unet-least-z']()).toBe(zText(least));
    // "Both label entropies … are above 0.95"
    expect(rows.unet.labelEntropy).toBeGreaterThan(0.95);
    expect(rows['unet-ddim'].labelEntropy).toBeGreaterThan(0.95);
    // the ancestral row beats the VAE prior on every number, by more than two standard errors
    const leastPrior = leastFavourZ(['unet'], ['vae-prior'], stored);
    expect(leastPrior).toBeGreaterThan(2);
    expect(computedRegistry['ch8-yard-unet-least-z-prior']()).toBe(zText(leastPrior));
    // the DDIM row: better share and Fréchet distance than the prior, worse entropy, each outside noise
    expect(favourZ('confident', 'unet-ddim', 'vae-prior', stored)).toBeGreaterThan(2);
    expect(favourZ('frechet', 'unet-ddim', 'vae-prior', stored)).toBeGreaterThan(2);
    expect(favourZ('entropy', 'unet-ddim', 'vae-prior', stored)).toBeLessThan(-2);
    // "the ancestral chain beats DDIM on all three numbers"
    for (const m of metrics) expect(favourZ(m, 'unet', 'unet-ddim', stored)).toBeGreaterThan(2);
    // "… while on the perceptrons below DDIM … improves two of the numbers" (entropy and Fréchet, both models)
    for (const [d, a] of [['pixel28-ddim', 'pixel28'], ['pixel14-ddim', 'pixel14']] as const) {
      expect(favourZ('entropy', d, a, stored)).toBeGreaterThan(2);
      expect(favourZ('frechet', d, a, stored)).toBeGreaterThan(2);
    }
    // latent diffusion leads the ancestral row on share and Fréchet; level on entropy
    expect(favourZ('confident', 'latent', 'unet', stored)).toBeGreaterThan(2);
    expect(favourZ('frechet', 'latent', 'unet', stored)).toBeGreaterThan(2);
    expect(Math.abs(favourZ('entropy', 'latent', 'unet', stored))).toBeLessThan(2);
    // "That latent diffusion still leads every pixel model on the confident share and the Fréchet distance"
    for (const p of ['unet', 'unet-ddim', ...others.slice(1)] as const) {
      expect(favourZ('confident', 'latent', p, stored)).toBeGreaterThan(2);
      expect(favourZ('frechet', 'latent', p, stored)).toBeGreaterThan(2);
    }
    // "a tenth of the 28×28 perceptron's parameters", "after … Adam steps against the perceptron's …", "in two runs"
    expect(unetModel.parameters / pixel28Model.parameters).toBeGreaterThan(0.08);
    expect(unetModel.parameters / pixel28Model.parameters).toBeLessThan(0.12);
    expect(unetModel.steps).toBeLessThan(pixel28Model.steps);
    expect(unetModel.initSteps).toBeGreaterThan(0);
    expect(computedRegistry['ch8-unet-steps-first']()).toBe(unetModel.initSteps.toLocaleString('en-US'));
    expect(computedRegistry['ch8-unet-steps-second']()).toBe((unetModel.steps - unetModel.initSteps).toLocaleString('en-US'));
  });

  it('favourZ: a row’s advantage in standard errors of the difference, Fréchet distance counted lower-is-better; leastFavourZ the smallest over rows and numbers', () => {
    const row = (confident: number, labelEntropy: number, frechet: number, se: number) => ({ confident, labelEntropy, frechet, se: { confident: se, labelEntropy: se, frechet: se } });
    const table = { ...stored, rows: { ...stored.rows, unet: row(0.6, 0.9, 10, 0.01), 'unet-ddim': row(0.5, 0.95, 13, 0.02) } };
    const se = Math.hypot(0.01, 0.02);
    expect(favourZ('confident', 'unet', 'unet-ddim', table)).toBeCloseTo(0.1 / se, 12);
    expect(favourZ('entropy', 'unet', 'unet-ddim', table)).toBeCloseTo(-0.05 / se, 12);
    expect(favourZ('frechet', 'unet', 'unet-ddim', table)).toBeCloseTo(3 / se, 12);
    expect(leastFavourZ(['unet'], ['unet-ddim'], table)).toBeCloseTo(-0.05 / se, 12);
    expect(leastFavourZ(['unet-ddim'], ['unet'], table)).toBeCloseTo(-3 / se, 12);
  });

  it('the row is sampled as the digits widget opens: the U-Net, DDIM with η = 0 on the same number of steps', () => {
    const p = defaultParams(ddmDigitsParams);
    expect(p.model).toBe('unet');
    expect(p.sampler).toBe('ddim');
    expect(p.eta).toBe(0);
    expect(p.ddimSteps).toBe(UNET_DDIM_STEPS);
    expect(computedRegistry['ch8-unet-ddim-steps']()).toBe(String(UNET_DDIM_STEPS));
  });
});
