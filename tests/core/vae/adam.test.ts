import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, adamStep, initialAdamState } from '../../../src/core/vae/adam';
import { disposeWeights, weightsFromFlat, weightsToFlat, type VaeShape } from '../../../src/core/vae/model';

const s: VaeShape = { inputDim: 3, hidden: 2, latent: 1, decoder: 'bernoulli', decoderStd: 0.1 };

describe('adamStep', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('matches a float64 reference implementation of Adam over three steps', async () => {
    const n0 = tf.memory().numTensors;
    const n = 3 * 2 + 2 + 2 * 2 + 2 + 1 * 2 + 2 + 2 * 3 + 3;
    const theta = Float32Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const grads = [0, 1, 2].map((t) => Float32Array.from({ length: n }, (_, i) => Math.cos(3 * i + t) * (i % 5 === 0 ? 0 : 1)));
    let w = weightsFromFlat(theta, s);
    let state = initialAdamState(w);
    const ref = Float64Array.from(theta);
    const m = new Float64Array(n);
    const v = new Float64Array(n);
    const lr = 0.01;
    for (let t = 1; t <= 3; t++) {
      const g = weightsFromFlat(grads[t - 1], s);
      // as in the trainer: intermediates live inside a tidy, the new weights and moments leave it
      const prev = state;
      const res = tf.tidy(() => {
        const o = adamStep(w, g, prev, lr);
        return { weights: o.weights, m: o.state.m, v: o.state.v };
      });
      const out = { weights: res.weights, state: { m: res.m, v: res.v, t: prev.t + 1 } };
      disposeWeights(w);
      disposeWeights(g);
      disposeWeights(state.m);
      disposeWeights(state.v);
      w = out.weights;
      state = out.state;
      for (let i = 0; i < n; i++) {
        m[i] = ADAM_BETA1 * m[i] + (1 - ADAM_BETA1) * grads[t - 1][i];
        v[i] = ADAM_BETA2 * v[i] + (1 - ADAM_BETA2) * grads[t - 1][i] ** 2;
        const mh = m[i] / (1 - ADAM_BETA1 ** t);
        const vh = v[i] / (1 - ADAM_BETA2 ** t);
        ref[i] -= (lr * mh) / (Math.sqrt(vh) + ADAM_EPSILON);
      }
    }
    const got = await weightsToFlat(w, s);
    for (let i = 0; i < n; i++) expect(got[i]).toBeCloseTo(ref[i], 5);
    // a zero gradient leaves its parameter where it was (no 0/0)
    expect(got[0]).toBeCloseTo(theta[0], 6);
    disposeWeights(w);
    disposeWeights(state.m);
    disposeWeights(state.v);
    expect(tf.memory().numTensors).toBe(n0);
  });
});
