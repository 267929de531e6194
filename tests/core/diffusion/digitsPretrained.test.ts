/**
 * The shipped digit diffusion model (public/weights/ddm/digits.safetensors) against two references
 * measured the same way: the median distance from a sample to its nearest training digit (a
 * precision-style measure: does it look like some real digit?), for 300 model samples, for 300
 * held-out test digits (the floor), and for 300 draws from the Gaussian with the training digits'
 * mean and full covariance, which is the network's own starting point (its skip term). The
 * energy distance used for the 2-D models is not used here: in 196 dimensions it is dominated by
 * the first two moments, which that Gaussian matches by construction (measured: model 0.12,
 * Gaussian 0.005, floor ≈ 0).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeMnist, MNIST_ASSET_PATH, mnistImages, mnistSplit } from '../../../src/core/data/mnist';
import { createDigitsSession, ddmDigitsParams } from '../../../src/core/diffusion/ddmDigitsDemo';
import { DIGIT_DIM, fitGaussianSkip, loadTrainingDigits, poolDigits } from '../../../src/core/diffusion/digits';
import { ancestralSample } from '../../../src/core/diffusion/sampler';
import { defaultParams } from '../../../src/core/params';
import { createRng } from '../../../src/core/random';
import { medianNearest } from '../../support/medianNearest';
import { useBackend } from '../../support/tf';

const N = 300;
const root = path.resolve(import.meta.dirname, '../../..');
const loadAsset = async (p: string) => {
  const b = readFileSync(path.join(root, 'public', p));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
};

beforeAll(async () => {
  await useBackend('wasm');
}, 60_000);

describe('the shipped 14×14 digit diffusion model', () => {
  it('samples lie at least halfway from the fitted Gaussian’s draws to real digits (distance to the nearest training digit)', async () => {
    const session = await createDigitsSession({ ...defaultParams(ddmDigitsParams), model: '14', pretrained: true }, 1, loadAsset);
    const rng = createRng(7);
    const model = await ancestralSample(session.net.predict, session.net.schedule, N, DIGIT_DIM, rng, { variance: 'beta', clipX0: [-1, 1] });
    session.dispose();

    const data = await decodeMnist(await loadAsset(MNIST_ASSET_PATH));
    const { test } = mnistSplit(data.count);
    const held = poolDigits(mnistImages(data, test), test.length);

    const train = await loadTrainingDigits(loadAsset);
    const g = fitGaussianSkip(train.x, train.n);
    const gauss = new Float64Array(N * DIGIT_DIM);
    for (let i = 0; i < N; i++) {
      const z = Array.from({ length: DIGIT_DIM }, () => rng.normal());
      for (let j = 0; j < DIGIT_DIM; j++) {
        let v = g.mean[j];
        for (let k = 0; k < DIGIT_DIM; k++) v += g.eigenvectors[j * DIGIT_DIM + k] * Math.sqrt(g.eigenvalues[k]) * z[k];
        gauss[i * DIGIT_DIM + j] = v;
      }
    }
    // Precision-style: how far each sample is from the nearest real training digit.
    const nn = (x: ArrayLike<number>) => medianNearest(x, N, train.x, train.n, DIGIT_DIM);
    const [model1, gauss1, held1] = [nn(model.samples), nn(gauss), nn(held.subarray(0, N * DIGIT_DIM))];
    expect(model1).toBeLessThan(gauss1 - 0.5 * (gauss1 - held1)); // at least halfway from the Gaussian to real digits
    expect(held1).toBeLessThan(model1);
  }, 120_000);
});
