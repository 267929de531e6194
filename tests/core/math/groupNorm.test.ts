/**
 * Group normalization and its backward (src/core/math/groupNorm.ts): the forward pass against the
 * definition in float64 loops, the gradients against central finite differences of that float64
 * forward, on the wasm and cpu backends.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { GROUP_NORM_EPS, groupNorm, groupNormBackward } from '../../../src/core/math/groupNorm';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../support/tf';

afterAll(async () => {
  await useBackend('wasm');
});

const [n, H, W, c, G] = [2, 3, 4, 6, 3];
const cg = c / G;

/** y per the definition: each (sample, group) standardized over its H·W·c/G values, then γ x̂ + β. */
function gn64(x: ArrayLike<number>, gamma: ArrayLike<number>, beta: ArrayLike<number>): Float64Array {
  const y = new Float64Array(x.length);
  for (let a = 0; a < n; a++)
    for (let g = 0; g < G; g++) {
      const idx: number[] = [];
      for (let p = 0; p < H * W; p++) for (let k = 0; k < cg; k++) idx.push((a * H * W + p) * c + g * cg + k);
      const mu = idx.reduce((s, i) => s + x[i], 0) / idx.length;
      const v = idx.reduce((s, i) => s + (x[i] - mu) ** 2, 0) / idx.length;
      for (const i of idx) y[i] = (gamma[i % c] * (x[i] - mu)) / Math.sqrt(v + GROUP_NORM_EPS) + beta[i % c];
    }
  return y;
}

describe('group normalization', () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    it(`${backend}: y equals the definition; ∂x, ∂γ, ∂β equal finite differences of Σ w ⊙ y; no tensor leaked`, async () => {
      await useBackend(backend);
      const rng = createRng(8);
      const rand = (size: number, lo: number, hi: number) => Float64Array.from({ length: size }, () => lo + (hi - lo) * rng.uniform());
      const x = rand(n * H * W * c, -2, 3);
      const gamma = rand(c, 0.5, 1.5);
      const beta = rand(c, -0.5, 0.5);
      const w = rand(n * H * W * c, -1, 1);
      const before = tf.memory().numTensors;
      const out = tf.tidy(() => {
        const gm = tf.tensor1d(Float32Array.from(gamma));
        const { y, trace } = groupNorm(tf.tensor4d(Float32Array.from(x), [n, H, W, c]), gm, tf.tensor1d(Float32Array.from(beta)), G);
        const back = groupNormBackward(tf.tensor4d(Float32Array.from(w), [n, H, W, c]), gm, trace);
        return [y, back.dx, back.dGamma, back.dBeta];
      });
      const [y, dx, dGamma, dBeta] = await Promise.all(out.map((t) => t.data()));
      tf.dispose(out);
      expect(tf.memory().numTensors).toBe(before);
      const yRef = gn64(x, gamma, beta);
      yRef.forEach((v, i) => expect(Math.abs(y[i] - v)).toBeLessThan(1e-5));
      const loss = (xs: ArrayLike<number>, gs: ArrayLike<number>, bs: ArrayLike<number>) => gn64(xs, gs, bs).reduce((s, v, i) => s + v * w[i], 0);
      const h = 1e-5;
      const fd = (arr: Float64Array, i: number, f: () => number) => {
        const keep = arr[i];
        arr[i] = keep + h;
        const up = f();
        arr[i] = keep - h;
        const down = f();
        arr[i] = keep;
        return (up - down) / (2 * h);
      };
      const L = () => loss(x, gamma, beta);
      let worst = 0;
      for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(dx[i] - fd(x, i, L)));
      for (let k = 0; k < c; k++) {
        worst = Math.max(worst, Math.abs(dGamma[k] - fd(gamma, k, L)), Math.abs(dBeta[k] - fd(beta, k, L)));
      }
      expect(worst).toBeLessThan(1e-4);
      // and the gradient is not trivially zero: Σ_group ∂x = 0 holds, but ∂x itself is O(1)
      expect(Math.max(...Array.from(dx, Math.abs))).toBeGreaterThan(0.1);
    });
  }

  it('names the problem when the groups do not divide the channels', async () => {
    await useBackend('cpu');
    tf.tidy(() => {
      expect(() => groupNorm(tf.zeros([1, 2, 2, 6]) as tf.Tensor4D, tf.ones([6]), tf.zeros([6]), 4)).toThrow(/4 groups do not divide 6 channels/);
    });
  });
});
