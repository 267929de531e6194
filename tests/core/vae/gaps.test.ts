import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import { createRng } from '../../../src/core/random';
import { evaluateElbo } from '../../../src/core/vae/evaluate';
import { digitGaps, gaussianElbo, encoderPosterior, gridLogMarginal } from '../../../src/core/vae/gaps';
import { boundFromLogWeights, importanceLogWeights } from '../../../src/core/vae/iwae';
import type { VaeTrainer } from '../../../src/core/vae/trainer';
import { smallTrainedVae } from './fixtures';

describe('inference gaps on a 2-D latent model', () => {
  let trainer: VaeTrainer;
  let images: Float32Array;
  const n = 4;
  beforeAll(async () => {
    await useBackend('wasm');
    const t = await smallTrainedVae(2);
    trainer = t.trainer;
    images = t.data.testImages.subarray(0, n * 784);
  });
  afterAll(() => trainer.dispose());

  it('grid log p(x) is at least every bound: ELBO and ELBO(q*) per digit, IWAE-K on average over digits', async () => {
    const N = 2000;
    const logw = await importanceLogWeights(trainer.weights, trainer.shape, images, N, createRng(5));
    const elbo = await evaluateElbo(trainer.weights, trainer.shape, images, createRng(6), 200);
    const ks = [1, 10, 100];
    const iwae = ks.map((k) => boundFromLogWeights(logw, n, N, k).reduce((a, b) => a + b, 0) / n);
    let meanLogPx = 0;
    for (let i = 0; i < n; i++) {
      const g = await digitGaps(trainer.weights, trainer.shape, images.subarray(i * 784, (i + 1) * 784), createRng(10 + i));
      meanLogPx += g.logPx / n;
      expect(g.logPx).toBeGreaterThanOrEqual(elbo.perDigit[i]);
      // ELBO(q*) is computed by deterministic quadrature, so this is an exact inequality check.
      expect(g.logPx).toBeGreaterThanOrEqual(g.elboOptimized);
      expect(g.elboOptimized).toBeGreaterThanOrEqual(g.elboAmortized);
    }
    for (const lk of iwae) expect(meanLogPx).toBeGreaterThanOrEqual(lk);
    // and the bounds climb toward it
    expect(meanLogPx - iwae[2]).toBeLessThan(meanLogPx - iwae[0]);
  });

  it('the grid integral has converged: doubling the resolution moves it by < 0.01 nats', async () => {
    const x = images.subarray(0, 784);
    const a = await gridLogMarginal(trainer.weights, trainer.shape, x, { extent: 6, coarse: 100, fine: 120, dropNats: 30 });
    const b = await gridLogMarginal(trainer.weights, trainer.shape, x, { extent: 7, coarse: 200, fine: 240, dropNats: 35 });
    expect(Math.abs(a.logPx - b.logPx)).toBeLessThan(0.01);
  });

  it('quadrature ELBO of the encoder q agrees with a Monte Carlo ELBO', async () => {
    const x = images.subarray(784, 2 * 784);
    const q = await encoderPosterior(trainer.weights, trainer.shape, x);
    const quad = await gaussianElbo(trainer.weights, trainer.shape, x, q);
    const mc = await evaluateElbo(trainer.weights, trainer.shape, x, createRng(8), 4000);
    expect(Math.abs(quad - mc.elbo)).toBeLessThan(0.15);
  });

  it('both gaps are non-negative and add up to log p(x) − ELBO(q_φ); no tensor leaks', async () => {
    const n0 = tf.memory().numTensors;
    const g = await digitGaps(trainer.weights, trainer.shape, images.subarray(2 * 784, 3 * 784), createRng(9));
    expect(tf.memory().numTensors).toBe(n0);
    expect(g.approximationGap).toBeGreaterThanOrEqual(0);
    expect(g.amortizationGap).toBeGreaterThanOrEqual(0);
    expect(g.approximationGap + g.amortizationGap).toBeCloseTo(g.logPx - g.elboAmortized, 9);
  });
});
