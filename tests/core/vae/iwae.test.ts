import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import { createRng } from '../../../src/core/random';
import { evaluateElbo } from '../../../src/core/vae/evaluate';
import { boundFromLogWeights, importanceLogWeights, iwaeBound } from '../../../src/core/vae/iwae';
import type { VaeTrainer } from '../../../src/core/vae/trainer';
import { smallTrainedVae } from './fixtures';

describe('IWAE bound', () => {
  let trainer: VaeTrainer;
  let images: Float32Array;
  beforeAll(async () => {
    await useBackend('wasm');
    const t = await smallTrainedVae(4);
    trainer = t.trainer;
    images = t.data.testImages.subarray(0, 20 * 784);
  });
  afterAll(() => trainer.dispose());

  it('L_K is non-decreasing in K on a fixed model and batch (nested draws, disjoint-group averages)', async () => {
    const N = 2000;
    const logw = await importanceLogWeights(trainer.weights, trainer.shape, images, N, createRng(1), 2048);
    const ks = [1, 2, 5, 10, 50, 200, 1000];
    const means = ks.map((k) => boundFromLogWeights(logw, 20, N, k).reduce((a, b) => a + b, 0) / 20);
    for (let i = 1; i < ks.length; i++) expect(means[i]).toBeGreaterThanOrEqual(means[i - 1]);
    // Not flat: importance weighting buys something on an imperfect encoder.
    expect(means[means.length - 1] - means[0]).toBeGreaterThan(0.5);
  });

  it('L_1 is the ELBO: its mean matches the closed-form-KL ELBO within Monte Carlo error', async () => {
    const N = 400;
    const logw = await importanceLogWeights(trainer.weights, trainer.shape, images, N, createRng(2));
    const l1 = boundFromLogWeights(logw, 20, N, 1);
    const elbo = await evaluateElbo(trainer.weights, trainer.shape, images, createRng(3), 400);
    let diff = 0;
    for (let i = 0; i < 20; i++) diff += (l1[i] - elbo.perDigit[i]) / 20;
    // both average 400 draws per digit; their per-digit spreads are a few nats, so 1 nat is > 5 SE
    expect(Math.abs(diff)).toBeLessThan(1);
  });

  it('chunking does not change the result and leaks no tensors', async () => {
    const n0 = tf.memory().numTensors;
    const a = await iwaeBound(trainer.weights, trainer.shape, images, 50, createRng(4), 4096);
    const b = await iwaeBound(trainer.weights, trainer.shape, images, 50, createRng(4), 16);
    expect(tf.memory().numTensors).toBe(n0);
    expect(Math.abs(a.mean - b.mean)).toBeLessThan(1e-3);
  });
});
