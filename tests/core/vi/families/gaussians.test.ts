import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import {
  createFullRankGaussian,
  createMeanFieldGaussian,
  gaussianEntropyFromLogDiag,
} from '../../../../src/core/vi/families';
import { logNormal2d } from '../../../../src/core/math/gaussian';
import { createRng } from '../../../../src/core/random';

beforeAll(async () => {
  await useBackend('wasm');
});

function randomPoints(seed: number, n: number): tf.Tensor2D {
  const rng = createRng(seed);
  return tf.tensor2d(Array.from({ length: 2 * n }, () => 2 * rng.normal()), [n, 2]);
}

describe('Gaussian families', () => {
  it('full-rank log q equals the closed-form bivariate normal density', () => {
    const q = createFullRankGaussian({ mean: [0.4, -1], logDiag: [0.3, -0.5], offDiag: 0.7 });
    const z = randomPoints(1, 40);
    const lq = q.logDensity(z);
    const got = lq.dataSync();
    const pts = z.dataSync();
    const [l11, l21, l22] = [Math.exp(0.3), 0.7, Math.exp(-0.5)];
    // Σ = L Lᵀ
    const sxx = l11 * l11;
    const sxy = l11 * l21;
    const syy = l21 * l21 + l22 * l22;
    for (let i = 0; i < 40; i++) {
      const want = logNormal2d(pts[2 * i], pts[2 * i + 1], 0.4, -1, sxx, sxy, syy);
      expect(Math.abs(got[i] - want)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want)));
    }
    tf.dispose([z, lq]);
    q.dispose();
  });

  it("full-rank entropy −E_q[log q] matches the closed form ½d(1 + log 2π) + Σ log L_ii", () => {
    const logDiag: [number, number] = [0.3, -0.5];
    const q = createFullRankGaussian({ mean: [0.4, -1], logDiag, offDiag: 0.7 });
    const eps = tf.div(randomPoints(2, 50000), 2) as tf.Tensor2D;
    const { z, logQ } = q.sample(eps);
    const logQs = logQ.dataSync();
    let mean = 0;
    let sq = 0;
    for (const v of logQs) {
      mean += v;
      sq += v * v;
    }
    mean /= logQs.length;
    const se = Math.sqrt((sq / logQs.length - mean * mean) / logQs.length);
    const closed = gaussianEntropyFromLogDiag(logDiag);
    expect(Math.abs(-mean - closed)).toBeLessThan(4 * se);
    // Independent check of the closed form: log det Σ = 2 Σ log L_ii for N(m, L Lᵀ).
    expect(closed).toBeCloseTo(1 + Math.log(2 * Math.PI) + 0.3 - 0.5, 12);
    tf.dispose([eps, z, logQ]);
    q.dispose();
  });

  it('mean-field log q equals the product of univariate normals', () => {
    const q = createMeanFieldGaussian({ mean: [1, 2], logScale: [-0.2, 0.4] });
    const z = randomPoints(3, 30);
    const lq = q.logDensity(z);
    const got = lq.dataSync();
    const pts = z.dataSync();
    for (let i = 0; i < 30; i++) {
      const want = logNormal2d(pts[2 * i], pts[2 * i + 1], 1, 2, Math.exp(-0.4), 0, Math.exp(0.8));
      expect(Math.abs(got[i] - want)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want)));
    }
    tf.dispose([z, lq]);
    q.dispose();
  });
});
