/**
 * The wasm backend's replacement Slice and SplitV (src/runtime/wasmSlice.ts): installed by the
 * Node tfjs setup, the same values as the cpu backend's kernels for contiguous pieces (the new
 * path) and for strided ones (handed to tfjs's own kernel), and a split of a large flat vector
 * no longer reads the whole input back once per piece.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { installWasmSlice } from '../../src/runtime/wasmSlice';
import { useBackend } from '../support/tf';

beforeAll(async () => {
  await useBackend('wasm');
});

/** Runs `f` on the wasm and the cpu backend and returns both results' values. */
async function onBoth(f: () => tf.Tensor[]): Promise<[number[][], number[][]]> {
  const out: number[][][] = [];
  for (const b of ['wasm', 'cpu']) {
    await useBackend(b as 'wasm' | 'cpu');
    const ts = f();
    out.push(await Promise.all(ts.map(async (t) => Array.from(await t.data()))));
    tf.dispose(ts);
  }
  await useBackend('wasm');
  return [out[0], out[1]];
}

const ramp = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i * 0.5 - 3), shape);

describe('wasm Slice and SplitV', () => {
  it('is installed once (installWasmSlice is idempotent)', () => {
    const k = tf.getKernel('SplitV', 'wasm');
    installWasmSlice();
    expect(tf.getKernel('SplitV', 'wasm')).toBe(k);
  });

  it('give the cpu backend’s values for contiguous and strided slices and splits of ranks 1–3', async () => {
    const before = tf.memory().numTensors;
    const [w, c] = await onBoth(() => {
      const v = ramp([50]);
      const m = ramp([6, 7]);
      const t = ramp([3, 4, 5]);
      const out = [
        tf.slice(v, [7], [20]), // contiguous, rank 1
        tf.slice(m, [2, 0], [3, 7]), // whole rows: contiguous
        tf.slice(m, [1, 2], [4, 3]), // a block: strided
        tf.slice(t, [1, 0, 0], [2, 4, 5]),
        tf.slice(t, [0, 1, 1], [3, 2, 3]),
        tf.slice(v, [10], [0]), // empty
        ...tf.split(v, [10, 25, 15]),
        ...tf.split(m, [2, 5], 1), // columns: strided
        ...tf.split(m, 3, 0),
      ];
      tf.dispose([v, m, t]);
      return out;
    });
    expect(w).toEqual(c);
    expect(w[0][0]).toBe(0.5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('split a 653k-value vector into its 8 pieces without reading the vector back once per piece', async () => {
    const sizes = [313600, 400, 16000, 40, 8000, 400, 313600, 784];
    const v = tf.range(0, 652824, 1, 'float32');
    // tfjs's own Slice reads the whole input out of the wasm heap (readSync) for every piece.
    const backend = tf.backend() as unknown as { readSync: (...a: unknown[]) => unknown };
    const readSync = backend.readSync;
    let reads = 0;
    backend.readSync = (...a: unknown[]) => {
      reads += 1;
      return readSync.apply(backend, a);
    };
    let parts: tf.Tensor[];
    try {
      parts = tf.split(v, sizes);
    } finally {
      backend.readSync = readSync;
    }
    expect(reads).toBe(0);
    const values = await Promise.all(parts.map((p) => p.data()));
    let o = 0;
    values.forEach((x, i) => {
      expect(x.length).toBe(sizes[i]);
      expect([x[0], x[x.length - 1]]).toEqual([o, o + sizes[i] - 1]);
      o += sizes[i];
    });
    tf.dispose([v, ...parts]);
  });
});
