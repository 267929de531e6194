import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type NodeBackend } from '../../support/tf';
import { makeDataset } from '../../../src/core/data/toy2d';
import { eStep, initKMeansPlusPlus, mStep } from '../../../src/core/em/gmm';
import { disposeMixture, eStepTf, lowerBoundTf, mixtureToTensors, mStepTf, tensorsToMixture } from '../../../src/core/em/gmmTf';
import { createRng } from '../../../src/core/random';

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe.each(['cpu', 'wasm'] as NodeBackend[])('tfjs E/M steps on %s agree with the float64 reference', (backend) => {
  afterAll(() => tf.disposeVariables());

  it('E-step responsibilities, ℓ and M-step parameters within ~1e-4', async () => {
    await useBackend(backend);
    for (const [name, seed] of [['blobs', 1], ['moons', 2], ['swissroll', 3]] as const) {
      const n = 300;
      const k = 4;
      const x = makeDataset(name, n, createRng(seed));
      const m64 = initKMeansPlusPlus(x, n, 2, k, createRng(seed + 10));
      const ref = eStep(x, n, m64);
      const refM = mStep(x, n, 2, ref.resp, k);
      const before = tf.memory().numTensors;
      const xT = tf.tensor2d(Float32Array.from(x), [n, 2]);
      const mT = mixtureToTensors(m64.weights, m64.means, m64.covariances);
      const e = eStepTf(xT, mT);
      const bound = lowerBoundTf(xT, mT, e.resp);
      const next = mStepTf(xT, e.resp);
      const resp = await e.resp.data();
      const ll = (await e.logLik.data())[0];
      expect(maxAbsDiff(resp, ref.resp)).toBeLessThan(1e-4);
      expect(Math.abs(ll - ref.logLik) / Math.abs(ref.logLik)).toBeLessThan(1e-5);
      // the bound at the E-step's own q is ℓ itself
      expect(Math.abs((await bound.data())[0] - ref.logLik) / Math.abs(ref.logLik)).toBeLessThan(1e-5);
      const got = await tensorsToMixture(next);
      expect(maxAbsDiff(got.weights, refM.weights)).toBeLessThan(1e-4);
      expect(maxAbsDiff(got.means, refM.means)).toBeLessThan(1e-4);
      expect(maxAbsDiff(got.covariances, refM.covariances)).toBeLessThan(1e-4);
      tf.dispose([xT, e.resp, e.logLik, bound]);
      disposeMixture(mT);
      disposeMixture(next);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('float32 EM is monotone within float32 tolerance', async () => {
    await useBackend(backend);
    for (let seed = 0; seed < 4; seed++) {
      const n = 250;
      const x = makeDataset(seed % 2 ? 'rings' : 'checkerboard', n, createRng(seed));
      const xT = tf.tensor2d(Float32Array.from(x), [n, 2]);
      const m64 = initKMeansPlusPlus(x, n, 2, 5, createRng(seed));
      let m = mixtureToTensors(m64.weights, m64.means, m64.covariances);
      let prev = -Infinity;
      for (let t = 0; t < 40; t++) {
        const e = eStepTf(xT, m);
        const ll = (await e.logLik.data())[0];
        expect(ll).toBeGreaterThanOrEqual(prev - 1e-5 * Math.abs(ll));
        prev = ll;
        const next = mStepTf(xT, e.resp);
        tf.dispose([e.resp, e.logLik]);
        disposeMixture(m);
        m = next;
      }
      disposeMixture(m);
      xT.dispose();
    }
  });
});
