import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { createFamily, drawEps, elboEstimate, elboStep, setAdamLearningRate, type FamilyName } from '../../../../src/core/vi/families';
import { gaussianTargetPrecision, getTarget } from '../../../../src/core/vi/targets2d';
import { createRng } from '../../../../src/core/random';

beforeAll(async () => {
  await useBackend('wasm');
});

const target = getTarget('gaussian');
const logZ = target.logZ as number;

/** Fits a family to the Gaussian target with Adam and returns a 20,000-draw ELBO estimate. */
async function fit(name: FamilyName, seed: number): Promise<number> {
  const rng = createRng(seed);
  const family = createFamily(name, { layers: 2, hidden: 8, rng: rng.fork() });
  const optimizer = tf.train.adam(0.05);
  for (let t = 0; t < 1500; t++) await elboStep(optimizer, target, family, rng, 16);
  setAdamLearningRate(optimizer, 0.005);
  for (let t = 0; t < 500; t++) await elboStep(optimizer, target, family, rng, 16);
  const eps = drawEps(rng, 20000);
  const elbo = elboEstimate(target, family, eps);
  const value = (await elbo.data())[0];
  tf.dispose([eps, elbo]);
  optimizer.dispose();
  family.dispose();
  return value;
}

describe('ELBO on a Gaussian target', () => {
  it('full-rank Gaussian reaches ELBO = log Z (q = p exactly)', async () => {
    const elbo = await fit('full-rank', 1);
    expect(Math.abs(elbo - logZ)).toBeLessThan(5e-3);
  });

  it('mean-field Gaussian reaches log Z − ½(Σ log Λ_ii − log det Λ), its closed-form optimum', async () => {
    const [a, b, c] = gaussianTargetPrecision();
    const klAtOptimum = 0.5 * (Math.log(a) + Math.log(c) - Math.log(a * c - b * b));
    const elbo = await fit('mean-field', 2);
    expect(klAtOptimum).toBeGreaterThan(0.1);
    expect(Math.abs(elbo - (logZ - klAtOptimum))).toBeLessThan(2e-2);
  });

  it('every ELBO estimate stays below log Z on average (Jensen)', async () => {
    const rng = createRng(3);
    const family = createFamily('flow', { layers: 4, hidden: 8, rng });
    const eps = drawEps(rng, 5000);
    const elbo = elboEstimate(target, family, eps);
    expect((await elbo.data())[0]).toBeLessThan(logZ);
    tf.dispose([eps, elbo]);
    family.dispose();
  });
});
