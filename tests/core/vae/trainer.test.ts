import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import { createRng } from '../../../src/core/random';
import { evaluateElbo } from '../../../src/core/vae/evaluate';
import { annealedKlWeight, VaeTrainer } from '../../../src/core/vae/trainer';
import { mnist } from './fixtures';

describe('VaeTrainer', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('leaks no tensors over an epoch, and raises the held-out ELBO', async () => {
    const data = await mnist();
    const shape = { inputDim: 784, hidden: 64, latent: 4, decoder: 'bernoulli' as const, decoderStd: 0.1 };
    const trainer = new VaeTrainer(
      shape,
      { learningRate: 3e-3, batchSize: 50, epochs: 2, klWeight: 1, annealEpochs: 0, freeBits: 0.1 },
      data.trainImages.subarray(0, 500 * 784),
      1,
    );
    const test = data.testImages.subarray(0, 200 * 784);
    const before = await evaluateElbo(trainer.weights, shape, test, createRng(1));
    const n0 = tf.memory().numTensors;
    for (let i = 0; i < trainer.stepsPerEpoch; i++) {
      const r = await trainer.trainStep();
      expect(Number.isFinite(r.elbo)).toBe(true);
      expect(tf.memory().numTensors).toBe(n0);
    }
    const after = await evaluateElbo(trainer.weights, shape, test, createRng(1));
    expect(tf.memory().numTensors).toBe(n0);
    expect(after.elbo).toBeGreaterThan(before.elbo + 2);
    trainer.dispose();
  });

  it('checkpoint → restore replays the same step exactly', async () => {
    const data = await mnist();
    const shape = { inputDim: 784, hidden: 32, latent: 3, decoder: 'gaussian' as const, decoderStd: 0.2 };
    const trainer = new VaeTrainer(
      shape,
      { learningRate: 1e-3, batchSize: 20, epochs: 1, klWeight: 1, annealEpochs: 0, freeBits: 0 },
      data.trainImages.subarray(0, 200 * 784),
      2,
    );
    await trainer.trainStep();
    const c = await trainer.checkpoint();
    const a = await trainer.trainStep();
    trainer.restore(c);
    const b = await trainer.trainStep();
    expect(b.elbo).toBe(a.elbo);
    trainer.dispose();
  });

  it('anneals β linearly and holds it after the annealing epochs', () => {
    const s = { klWeight: 2, annealEpochs: 4 };
    expect(annealedKlWeight(s, 0)).toBe(0);
    expect(annealedKlWeight(s, 1)).toBeCloseTo(0.5, 12);
    expect(annealedKlWeight(s, 6)).toBe(2);
    expect(annealedKlWeight({ klWeight: 1, annealEpochs: 0 }, 0)).toBe(1);
  });
});
