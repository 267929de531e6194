/**
 * The wasm backend's Transpose for matrices whose row count is a multiple of 128
 * (src/runtime/wasmTranspose.ts): installed by the Node tfjs setup; one kernel; values equal to a
 * transpose written out here and to the cpu backend's, for the padded shapes and for those that
 * go to tfjs's kernel; no tensor or backend buffer left behind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { transposeWithOnes } from '../../src/core/math/dense';
import { createRng } from '../../src/core/random';
import { installWasmTranspose, SLOW_ROW_MULTIPLE } from '../../src/runtime/wasmTranspose';
import { useBackend } from '../support/tf';

beforeAll(async () => {
  await useBackend('wasm');
});

const rng = createRng(41);

/** x [r, c] row-major → xᵀ [c, r] row-major, by index. */
function transposed(x: Float32Array, r: number, c: number): Float32Array {
  const out = new Float32Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j];
  return out;
}

/** Padded: 256×128 and 128×128 (the 2-D diffusion step's), 128×784 (the VAE's), 384×5, 128×2. Not: 400×128, 20×400, 128×1. */
const SHAPES: [number, number][] = [[256, 128], [128, 128], [128, 784], [384, 5], [128, 2], [400, 128], [20, 400], [128, 1]];

describe('wasm Transpose of matrices with a multiple of 128 rows', () => {
  it('is installed by the Node setup, idempotently', () => {
    const k = tf.getKernel('Transpose', 'wasm');
    installWasmTranspose();
    expect(tf.getKernel('Transpose', 'wasm')).toBe(k);
    expect(SLOW_ROW_MULTIPLE).toBe(128);
  });

  for (const [r, c] of SHAPES) {
    it(`${r}×${c}: one kernel, the transpose's values exactly, nothing left behind`, async () => {
      const values = Float32Array.from({ length: r * c }, () => rng.normal());
      const x = tf.tensor2d(values, [r, c]);
      const tensors = tf.memory().numTensors;
      const buffers = tf.engine().backend.numDataIds();
      let y: tf.Tensor | null = null;
      const info = await tf.profile(() => (y = tf.transpose(x)));
      expect(info.kernels.map((k) => k.name)).toEqual(['Transpose']);
      expect(y!.shape).toEqual([c, r]);
      const got = (await y!.data()) as Float32Array;
      expect(Array.from(got)).toEqual(Array.from(transposed(values, r, c)));
      y!.dispose();
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.engine().backend.numDataIds()).toBe(buffers);
      x.dispose();
    });
  }

  it('agrees with the cpu backend, and leaves other ranks and dtypes to tfjs', async () => {
    const values = Float32Array.from({ length: 256 * 3 }, () => rng.normal());
    const onWasm = tf.tidy(() => Array.from(tf.transpose(tf.tensor2d(values, [256, 3])).dataSync()));
    const ints = tf.tidy(() => Array.from(tf.transpose(tf.tensor2d(Int32Array.from({ length: 256 * 2 }, (_, i) => i), [256, 2], 'int32')).dataSync()));
    const rank3 = tf.tidy(() => Array.from(tf.transpose(tf.tensor3d(values, [128, 2, 3]), [2, 0, 1]).dataSync()));
    await tf.setBackend('cpu');
    try {
      expect(onWasm).toEqual(tf.tidy(() => Array.from(tf.transpose(tf.tensor2d(values, [256, 3])).dataSync())));
      expect(ints).toEqual(tf.tidy(() => Array.from(tf.transpose(tf.tensor2d(Int32Array.from({ length: 256 * 2 }, (_, i) => i), [256, 2], 'int32')).dataSync())));
      expect(rank3).toEqual(tf.tidy(() => Array.from(tf.transpose(tf.tensor3d(values, [128, 2, 3]), [2, 0, 1]).dataSync())));
    } finally {
      await tf.setBackend('wasm');
    }
  });

  for (const [r, c] of SHAPES) {
    it(`transposeWithOnes ${r}×${c}: one kernel, the transpose then a row of ones, as on the cpu backend, nothing left behind`, async () => {
      const values = Float32Array.from({ length: r * c }, () => rng.normal());
      const expected = [...transposed(values, r, c), ...new Array<number>(r).fill(1)];
      const x = tf.tensor2d(values, [r, c]);
      const tensors = tf.memory().numTensors;
      const buffers = tf.engine().backend.numDataIds();
      let y: tf.Tensor | null = null;
      const info = await tf.profile(() => (y = transposeWithOnes(x)));
      expect(info.kernels.map((k) => k.name)).toEqual(['TransposeOnesRow']);
      expect(y!.shape).toEqual([c + 1, r]);
      expect(Array.from((await y!.data()) as Float32Array)).toEqual(expected);
      y!.dispose();
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.engine().backend.numDataIds()).toBe(buffers);
      x.dispose();
      await tf.setBackend('cpu');
      try {
        expect(tf.tidy(() => Array.from(transposeWithOnes(tf.tensor2d(values, [r, c])).dataSync()))).toEqual(expected);
      } finally {
        await tf.setBackend('wasm');
      }
    });
  }
});
