/**
 * The U-Net as a pixel model in the book's samplers: its `predict` (the EpsPredictor that
 * ancestralSample and ddimSample call) treats rows independently (group norm is per sample, so a
 * row's ε̂ must not depend on the rest of the batch), and both samplers run on it with the image
 * practice of clipping x̂₀ into [−1, 1].
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ddimSample } from '../../../src/core/diffusion/ddim';
import { PIXEL_DIM } from '../../../src/core/diffusion/pixelDigits';
import { ancestralSample } from '../../../src/core/diffusion/sampler';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { UnetDenoiser, unetTensorShapes, type UnetConfig } from '../../../src/core/diffusion/unetDenoiser';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../support/tf';

beforeAll(async () => {
  await useBackend('wasm');
}, 60_000);

const config: UnetConfig = { dim: PIXEL_DIM, side: 28, channels: 16, embedDim: 64, hidden: 128, groups: 8 };
const T = 8;

/** A network with every tensor random (the initial output layer is zero, which would hide a row mix-up). */
function randomNet(seed: number): UnetDenoiser {
  const rng = createRng(seed);
  const net = new UnetDenoiser(config, makeSchedule('cosine', T), rng);
  net.setWeights(
    unetTensorShapes(config).map(([name, shape]) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const half = name.endsWith('weight') ? Math.sqrt(3 / (size / shape[shape.length - 1])) : 0.2;
      return Float32Array.from({ length: size }, () => (name.endsWith('gamma') ? 1 : 0) + half * (2 * rng.uniform() - 1));
    }),
  );
  return net;
}

describe('the U-Net in the samplers', () => {
  it('predicts each row as if it were alone in the batch', async () => {
    const net = randomNet(1);
    const rng = createRng(2);
    const x = Float64Array.from({ length: 3 * PIXEL_DIM }, () => rng.normal());
    const together = await net.predict(x, 5, 3);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < 3; i++) {
      const alone = await net.predict(x.subarray(i * PIXEL_DIM, (i + 1) * PIXEL_DIM), 5, 1);
      for (let j = 0; j < PIXEL_DIM; j++) {
        worst = Math.max(worst, Math.abs(alone[j] - together[i * PIXEL_DIM + j]));
        scale = Math.max(scale, Math.abs(alone[j]));
      }
    }
    net.dispose();
    expect(scale).toBeGreaterThan(0.1);
    expect(worst).toBeLessThan(1e-5 * scale);
  });

  it('samples by the ancestral chain and by DDIM (η = 0 deterministic), x̂₀ clipped into [−1, 1], leaking no tensors', async () => {
    const net = randomNet(3);
    const before = tf.memory().numTensors;
    const n = 2;
    const anc = await ancestralSample(net.predict, net.schedule, n, PIXEL_DIM, createRng(4), { variance: 'beta', clipX0: [-1, 1] });
    const start = Float64Array.from({ length: n * PIXEL_DIM }, (_, i) => Math.sin(i));
    const opts = { eta: 0, steps: 4, clipX0: [-1, 1] as const, start };
    const d1 = await ddimSample(net.predict, net.schedule, n, PIXEL_DIM, createRng(5), opts);
    const d2 = await ddimSample(net.predict, net.schedule, n, PIXEL_DIM, createRng(6), opts);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
    for (const x of [anc.samples, d1]) {
      expect(x.length).toBe(n * PIXEL_DIM);
      // the last step returns the clipped x̂₀ itself (ᾱ₀ = 1)
      expect(x.every((v) => v >= -1 - 1e-9 && v <= 1 + 1e-9)).toBe(true);
      expect(x.some((v) => Math.abs(v) < 0.99)).toBe(true);
    }
    expect(d2).toEqual(d1);
  });
});
