import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { createRng } from '../../../../src/core/random';
import {
  amortizedLogEvidence,
  chainMeanFieldOptimum,
  conjugateOptimum,
  meanFieldElbo,
  simulateAmortizedData,
  AMORTIZED_MODELS,
  type AmortizedModel,
} from '../../../../src/core/vi/amortized';

beforeAll(async () => {
  await useBackend('wasm');
});

async function elbo(model: AmortizedModel, x: Float64Array, m: ArrayLike<number>, s2: ArrayLike<number>): Promise<number> {
  const t = [tf.tensor1d(Float32Array.from(x)), tf.tensor1d(Float32Array.from(m)), tf.tensor1d(Float32Array.from(s2, (v) => 0.5 * Math.log(v)))] as const;
  const e = meanFieldElbo(model, t[0], t[1], t[2]);
  const v = (await e.data())[0];
  tf.dispose([...t, e]);
  return v;
}

describe('mean-field ELBO of the amortization models', () => {
  it('conjugate: the closed-form q is exact, ELBO = log p(x)', async () => {
    const x = simulateAmortizedData('conjugate', 100, createRng(1));
    const opt = conjugateOptimum(x);
    const value = await elbo('conjugate', x, opt.m, new Float64Array(100).fill(opt.s2));
    expect(Math.abs(value - amortizedLogEvidence('conjugate', x))).toBeLessThan(2e-3);
  });

  it('nonlinear with g replaced by quadrature: agrees with a Monte Carlo ELBO', async () => {
    const rng = createRng(2);
    const x = simulateAmortizedData('nonlinear', 20, rng);
    const m = Array.from(x, (v) => 0.3 * v);
    const s2 = Array.from(x, () => 0.2);
    const value = await elbo('nonlinear', x, m, s2);
    // Monte Carlo check of E_q[log p(x, z)] + H(q), 200,000 draws per observation.
    let mc = 0;
    let mcVar = 0;
    const r2 = 0.25;
    for (let i = 0; i < 20; i++) {
      let acc = 0;
      let acc2 = 0;
      const draws = 100000;
      for (let k = 0; k < draws; k++) {
        const z = m[i] + Math.sqrt(s2[i]) * rng.normal();
        const g = z + 0.5 * z ** 3;
        const v = -0.5 * Math.log(2 * Math.PI * r2) - ((x[i] - g) ** 2) / (2 * r2) - 0.5 * Math.log(2 * Math.PI) - (z * z) / 2;
        acc += v;
        acc2 += v * v;
      }
      mc += acc / draws + 0.5 * Math.log(2 * Math.PI * Math.E * s2[i]);
      mcVar += (acc2 / draws - (acc / draws) ** 2) / draws;
    }
    expect(Math.abs(value - mc)).toBeLessThan(4 * Math.sqrt(mcVar) + 1e-4 * Math.abs(mc));
  });

  it('chain: the closed-form mean-field optimum is a stationary point and sits below log p(x)', async () => {
    const x = simulateAmortizedData('chain', 60, createRng(3));
    const opt = chainMeanFieldOptimum(x);
    const best = await elbo('chain', x, opt.m, opt.s2);
    expect(best).toBeLessThan(amortizedLogEvidence('chain', x));
    for (const i of [0, 30, 59]) {
      const m2 = Float64Array.from(opt.m);
      m2[i] += 0.05;
      expect(await elbo('chain', x, m2, opt.s2)).toBeLessThan(best);
      const s2 = Float64Array.from(opt.s2);
      s2[i] *= 1.2;
      expect(await elbo('chain', x, opt.m, s2)).toBeLessThan(best);
    }
  });

  it('every model: ELBO ≤ log p(x) at an arbitrary q', async () => {
    for (const model of AMORTIZED_MODELS) {
      const x = simulateAmortizedData(model, 30, createRng(4));
      const value = await elbo(model, x, Array.from(x, (v) => 0.5 * v), new Float64Array(30).fill(0.3));
      expect(value).toBeLessThan(amortizedLogEvidence(model, x));
    }
  });
});
