import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import { createRng } from '../../../src/core/random';
import { createMeanFieldNet, forwardLocal, forwardWeights, gaussianLogLik, layerKl, localNoise, optimalPriorVar, weightNoise, type MeanFieldNet } from '../../../src/core/bnn/network';

beforeAll(async () => {
  await useBackend('wasm');
});

/** Written out per weight in float64: ½ Σ_j [(v_j + m_j²)/s² − 1 − log(v_j/s²)]. */
function klFloat64(m: ArrayLike<number>, logSd: ArrayLike<number>, s2: number): number {
  let kl = 0;
  for (let j = 0; j < m.length; j++) {
    const v = Math.exp(2 * logSd[j]);
    kl += 0.5 * ((v + m[j] ** 2) / s2 - 1 - Math.log(v / s2));
  }
  return kl;
}

/** A net whose sds vary from weight to weight (not the uniform start). */
function randomNet(sizes: number[], seed: number): MeanFieldNet {
  const rng = createRng(seed);
  const net = createMeanFieldNet(sizes, rng, 0.1);
  for (const L of net.layers) {
    for (const v of [L.wLogSd, L.bLogSd]) tf.tidy(() => v.assign(tf.tensor(Float32Array.from({ length: v.size }, () => -2 + 1.5 * rng.uniform()), v.shape)));
    tf.tidy(() => L.bMean.assign(tf.tensor(Float32Array.from({ length: L.bMean.size }, () => 0.5 * rng.normal()), L.bMean.shape)));
  }
  return net;
}

describe('KL terms', () => {
  it('equal the float64 closed form per layer, for several prior variances', async () => {
    const net = randomNet([1, 7, 5, 1], 3);
    for (const L of net.layers) {
      const m = [...(await L.wMean.data()), ...(await L.bMean.data())];
      const r = [...(await L.wLogSd.data()), ...(await L.bLogSd.data())];
      for (const s2 of [0.05, 1, 7.5]) {
        const kl = tf.tidy(() => layerKl(L, tf.scalar(s2)).dataSync()[0]);
        const ref = klFloat64(m, r, s2);
        expect(Math.abs(kl - ref)).toBeLessThan(1e-5 * Math.max(1, Math.abs(ref)));
      }
      // the closed-form M-step: s² = mean(m² + v) minimizes the KL over s² (the ELBO's only s²-term)
      const sStar = tf.tidy(() => optimalPriorVar(L).dataSync()[0]);
      const ref = m.reduce((t, mj, j) => t + mj ** 2 + Math.exp(2 * r[j]), 0) / m.length;
      expect(sStar).toBeCloseTo(ref, 5);
      const at = (s2: number) => klFloat64(m, r, s2);
      expect(at(sStar)).toBeLessThan(at(sStar * 1.05));
      expect(at(sStar)).toBeLessThan(at(sStar / 1.05));
      const h = 1e-4 * sStar;
      expect(Math.abs((at(sStar + h) - at(sStar - h)) / (2 * h))).toBeLessThan(1e-5 * m.length);
    }
    net.dispose();
  });
});

describe('local reparameterization', () => {
  /** R one-draw estimates of Σ_i E_q log N(y_i; f_w(x_i), σ²) and of its gradient in the first layer's means. */
  function estimates(net: MeanFieldNet, kind: 'local' | 'weights', R: number, seed: number) {
    const rng = createRng(seed);
    const n = 40;
    const xs = Float32Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
    const x = tf.tensor2d(xs, [n, 1]);
    const y = tf.tensor1d(xs.map((v) => Math.sin(3 * v)));
    const noiseVar = tf.scalar(0.04);
    const values: number[] = [];
    const grads: number[] = [];
    for (let r = 0; r < R; r++) {
      tf.tidy(() => {
        const g = tf.valueAndGrads((m: tf.Tensor) => {
          const layer0 = { ...net.layers[0], wMean: m as tf.Variable };
          const probe = { ...net, layers: [layer0, ...net.layers.slice(1)] };
          const f = kind === 'local' ? forwardLocal(probe, x, localNoise(net.sizes, n, rng)) : forwardWeights(probe, x, weightNoise(net.sizes, rng));
          return gaussianLogLik(f, y, noiseVar);
        })([net.layers[0].wMean]);
        values.push(g.value.dataSync()[0]);
        grads.push(g.grads[0].dataSync()[0]);
      });
    }
    tf.dispose([x, y, noiseVar]);
    return { values, grads };
  }
  const meanVar = (a: number[]) => {
    const m = a.reduce((t, v) => t + v, 0) / a.length;
    return { m, v: a.reduce((t, v) => t + (v - m) ** 2, 0) / (a.length - 1) };
  };

  let net: MeanFieldNet;
  afterAll(() => net?.dispose());

  it('has the same mean as whole-network draws (estimate and gradient) and a smaller variance', () => {
    net = randomNet([1, 16, 1], 5);
    const R = 1500;
    const local = estimates(net, 'local', R, 11);
    const whole = estimates(net, 'weights', R, 12);
    for (const key of ['values', 'grads'] as const) {
      const a = meanVar(local[key]);
      const b = meanVar(whole[key]);
      // means agree within 4 standard errors of their difference
      expect(Math.abs(a.m - b.m)).toBeLessThan(4 * Math.sqrt(a.v / R + b.v / R));
      // measured: variance ratio local/whole 0.051 for the estimate, 0.046 for the gradient here
      expect(a.v).toBeLessThan(0.2 * b.v);
    }
  });

  it('gives each row the same marginal as a weight draw: moments of f at one x over many draws', () => {
    net ??= randomNet([1, 16, 1], 5);
    const rng = createRng(21);
    const R = 4000;
    const x = tf.tensor2d([0.7], [1, 1]);
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < R; r++) {
      a.push(tf.tidy(() => forwardLocal(net, x, localNoise(net.sizes, 1, rng)).dataSync()[0]));
      b.push(tf.tidy(() => forwardWeights(net, x, weightNoise(net.sizes, rng)).dataSync()[0]));
    }
    x.dispose();
    const A = meanVar(a);
    const B = meanVar(b);
    expect(Math.abs(A.m - B.m)).toBeLessThan(4 * Math.sqrt((A.v + B.v) / R));
    expect(A.v / B.v).toBeGreaterThan(0.9);
    expect(A.v / B.v).toBeLessThan(1.1);
  });
});
