/**
 * The wasm backend's _FusedMatMul for rank-2 operands (src/runtime/wasmFusedMatMul.ts) and
 * src/core/math/dense.ts on top of it: installed by the Node tfjs setup; dense() runs the product,
 * bias and activation as one kernel with no reshapes, bit for bit what tf.fused.matMul gives
 * (the same XNNPACK call between three reshapes) and, to float tolerance, what the cpu backend
 * gives; other ranks still reach tfjs's kernel; columnSums equals a sum over rows, and columnSumsRow
 * the same values as a row, in one kernel.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { columnSums, columnSumsRow, dense, FUSED_MATMUL_TAKES_RANK2, type DenseActivation } from '../../src/core/math/dense';
import { createRng } from '../../src/core/random';
import { installWasmFusedMatMul } from '../../src/runtime/wasmFusedMatMul';
import { useBackend } from '../support/tf';

beforeAll(async () => {
  await useBackend('wasm');
});

const rng = createRng(31);
const values = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
const [M, K, N] = [5, 7, 3];
const A = values(M * K);
const W = values(K * N);
const b = values(N);
const ACTS: DenseActivation[] = [{}, { activation: 'relu' }, { activation: 'leakyrelu', leakyreluAlpha: 0.05 }];

describe('rank-2 _FusedMatMul on wasm', () => {
  it('is installed by the Node setup, idempotently, with the flag dense() reads', () => {
    const k = tf.getKernel('_FusedMatMul', 'wasm');
    expect((k?.kernelFunc as unknown as Record<string, unknown>)[FUSED_MATMUL_TAKES_RANK2]).toBe(true);
    installWasmFusedMatMul();
    expect(tf.getKernel('_FusedMatMul', 'wasm')).toBe(k);
  });

  for (const act of ACTS) {
    it(`dense() with ${act.activation ?? 'no'} activation: one kernel, tf.fused.matMul's values bit for bit, the cpu backend's to 1e-5`, async () => {
      const before = tf.memory().numTensors;
      const [a, w, bias] = [tf.tensor2d(A, [M, K]), tf.tensor2d(W, [K, N]), tf.tensor1d(b)];
      let out: tf.Tensor2D | null = null;
      const info = await tf.profile(() => {
        out = dense(a, w, bias, act);
        return out;
      });
      expect(info.kernels.map((k) => k.name)).toEqual(['_FusedMatMul']);
      expect(out!.shape).toEqual([M, N]);
      const got = await out!.data();
      const viaOp = tf.fused.matMul({ a, b: w, bias, activation: act.activation ?? 'linear', leakyreluAlpha: act.activation === 'leakyrelu' ? act.leakyreluAlpha : undefined });
      expect(Array.from(got)).toEqual(Array.from(await viaOp.data()));
      tf.dispose([a, w, bias, out!, viaOp]);
      expect(tf.memory().numTensors).toBe(before);
      await useBackend('cpu');
      const ref = tf.tidy(() => dense(tf.tensor2d(A, [M, K]), tf.tensor2d(W, [K, N]), tf.tensor1d(b), act));
      const want = await ref.data();
      ref.dispose();
      await useBackend('wasm');
      got.forEach((x, i) => expect(x).toBeCloseTo(want[i], 5));
      if (act.activation === 'relu') expect(got.some((x) => x === 0)).toBe(true);
    });
  }

  it('rank-3 products still go to tfjs’s kernel', async () => {
    const out = tf.tidy(() => tf.fused.matMul({ a: tf.tensor3d(A, [1, M, K]), b: tf.tensor3d(W, [1, K, N]), bias: tf.tensor1d(b), activation: 'relu' }));
    const flat = tf.tidy(() => dense(tf.tensor2d(A, [M, K]), tf.tensor2d(W, [K, N]), tf.tensor1d(b), { activation: 'relu' }));
    expect(out.shape).toEqual([1, M, N]);
    expect(Array.from(await out.data())).toEqual(Array.from(await flat.data()));
    tf.dispose([out, flat]);
  });

  it('columnSums is the sum over rows', async () => {
    const g = tf.tensor2d(A, [M, K]);
    const [s, ref] = [columnSums(g), tf.sum(g, 0)];
    expect(s.shape).toEqual([K]);
    const [x, y] = [await s.data(), await ref.data()];
    x.forEach((v, i) => expect(v).toBeCloseTo(y[i], 5));
    let row: tf.Tensor | null = null;
    const info = await tf.profile(() => (row = columnSumsRow(g)));
    expect(info.kernels.map((k) => k.name)).toEqual(['BatchMatMul']);
    expect(row!.shape).toEqual([1, K]);
    expect(Array.from(await row!.data())).toEqual(Array.from(x));
    tf.dispose([g, s, ref, row!]);
  });
});
