/**
 * 'same' convolution and its two gradients (src/core/math/conv2d.ts) against the sums of its
 * header written out in float64 loops, on the wasm and cpu backends, for 3×3 and 1×1 kernels and
 * both ways of computing the filter gradient.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { channelSums, conv2dSame, conv2dSameFilterGrad, conv2dSameInputGrad, filterGradRoute } from '../../../src/core/math/conv2d';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../support/tf';

afterAll(async () => {
  await useBackend('wasm');
});

const [n, H, W, ci, co] = [2, 5, 6, 3, 4];
const rng = createRng(3);
const rand = (size: number) => Float64Array.from({ length: size }, () => 2 * rng.uniform() - 1);

/** y = x ⋆ K + b and, for the loss Σ y ⊙ dy, ∂x and ∂K, by the header's sums. */
function reference(x: Float64Array, K: Float64Array, b: Float64Array, dy: Float64Array, k: number) {
  const p = (k - 1) / 2;
  const y = new Float64Array(n * H * W * co);
  const dx = new Float64Array(x.length);
  const dK = new Float64Array(K.length);
  const at = (a: number, h: number, w: number, c: number, C: number) => ((a * H + h) * W + w) * C + c;
  for (let a = 0; a < n; a++)
    for (let h = 0; h < H; h++)
      for (let w = 0; w < W; w++)
        for (let o = 0; o < co; o++) {
          let v = b[o];
          for (let i = 0; i < k; i++)
            for (let j = 0; j < k; j++) {
              const hh = h + i - p;
              const ww = w + j - p;
              if (hh < 0 || hh >= H || ww < 0 || ww >= W) continue;
              for (let c = 0; c < ci; c++) {
                const kk = ((i * k + j) * ci + c) * co + o;
                v += x[at(a, hh, ww, c, ci)] * K[kk];
                dx[at(a, hh, ww, c, ci)] += dy[at(a, h, w, o, co)] * K[kk];
                dK[kk] += dy[at(a, h, w, o, co)] * x[at(a, hh, ww, c, ci)];
              }
            }
          y[at(a, h, w, o, co)] = v;
        }
  return { y, dx, dK };
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("'same' convolution and its gradients", () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    for (const k of [3, 1]) {
      it(`${backend}, ${k}×${k}: forward, ∂x, ∂K (every route) and ∂b equal the sums, no tensor leaked`, async () => {
        await useBackend(backend);
        const x = rand(n * H * W * ci);
        const K = rand(k * k * ci * co);
        const b = rand(co);
        const dy = rand(n * H * W * co);
        const ref = reference(x, K, b, dy, k);
        const before = tf.memory().numTensors;
        const routes = backend === 'cpu' ? (['kernel', 'swap'] as const) : (['swap'] as const);
        expect(filterGradRoute()).toBe(backend === 'cpu' ? 'kernel' : 'swap');
        const out = tf.tidy(() => {
          const xt = tf.tensor4d(Float32Array.from(x), [n, H, W, ci]);
          const Kt = tf.tensor4d(Float32Array.from(K), [k, k, ci, co]);
          const dyt = tf.tensor4d(Float32Array.from(dy), [n, H, W, co]);
          return [
            conv2dSame(xt, Kt, tf.tensor1d(Float32Array.from(b))),
            conv2dSameInputGrad(dyt, Kt),
            channelSums(dyt),
            ...routes.map((r) => conv2dSameFilterGrad(xt, dyt, k, r)),
          ];
        });
        const [y, dx, db, ...dKs] = await Promise.all(out.map((t) => t.data()));
        tf.dispose(out);
        expect(tf.memory().numTensors).toBe(before);
        expect(maxDiff(y, ref.y)).toBeLessThan(1e-5);
        expect(maxDiff(dx, ref.dx)).toBeLessThan(1e-5);
        const dbRef = Array.from({ length: co }, (_, o) => dy.filter((_, i) => i % co === o).reduce((s, v) => s + v, 0));
        expect(maxDiff(db, dbRef)).toBeLessThan(1e-5);
        for (const dK of dKs) expect(maxDiff(dK, ref.dK)).toBeLessThan(1e-5);
      });
    }
  }
});
