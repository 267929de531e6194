/**
 * The wasm backend's copy kernels for the flat-buffer Adam (src/runtime/wasmFlatCopy.ts):
 * installed by the Node tfjs setup; each is one kernel where the ops were a Reshape per matrix and a
 * Concat (or a SplitV and a Reshape per matrix); the pieces come back with the right shapes and
 * values; and Adam's parameters and moments are bit for bit those of the op path (the kernels
 * unregistered), with no tensor leaked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { Adam, FLATTEN_KERNEL, UNFLATTEN_KERNEL } from '../../src/core/math/adam';
import { createRng } from '../../src/core/random';
import { installWasmFlatCopy } from '../../src/runtime/wasmFlatCopy';
import { useBackend } from '../support/tf';

beforeAll(async () => {
  await useBackend('wasm');
});
afterAll(() => installWasmFlatCopy());

const SHAPES = [[3, 4], [4], [2, 2, 2], [1], [5, 7]];
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** Four Adam steps from fixed weights and gradients; @returns parameters, m and v as arrays. */
async function run(): Promise<Float32Array[]> {
  const rng = createRng(21);
  const init = SHAPES.map((s) => Float32Array.from({ length: size(s) }, () => rng.normal()));
  const gs = [0, 1, 2, 3].map(() => init.map((x, i) => Float32Array.from(x, () => 10 ** (i - 2) * rng.normal())));
  const params = init.map((x, i) => tf.variable(tf.tensor(x, SHAPES[i])));
  const opt = new Adam(params, 0.05, { epsilonPlacement: 'biasCorrected' });
  const before = tf.memory().numTensors;
  gs.forEach((g, k) => {
    // the parameters assigned from outside between steps (as setWeights does): the next step starts from these
    if (k === 2) tf.tidy(() => params.forEach((p, i) => p.assign(tf.mul(p, 1 + 0.1 * i))));
    tf.tidy(() => opt.apply(g.map((x, i) => tf.tensor(x, SHAPES[i]))));
  });
  expect(tf.memory().numTensors).toBe(before);
  expect(params.map((p) => p.shape)).toEqual(SHAPES);
  const st = await opt.state();
  const out = [...(await Promise.all(params.map((p) => p.data() as Promise<Float32Array>))), ...st.m, ...st.v];
  opt.dispose();
  tf.dispose(params);
  return out;
}

describe('wasm FlattenConcat and SplitToShapes', () => {
  it('are registered on wasm by the Node setup, idempotently', () => {
    const k = [tf.getKernel(FLATTEN_KERNEL, 'wasm'), tf.getKernel(UNFLATTEN_KERNEL, 'wasm')];
    expect(k.every((x) => x !== undefined)).toBe(true);
    installWasmFlatCopy();
    expect([tf.getKernel(FLATTEN_KERNEL, 'wasm'), tf.getKernel(UNFLATTEN_KERNEL, 'wasm')]).toEqual(k);
  });

  it('flatten and split back a list of tensors of several ranks, each in one kernel', async () => {
    const xs = SHAPES.map((s, j) => tf.tensor(Float32Array.from({ length: size(s) }, (_, i) => 100 * j + i), s));
    const inputs: tf.NamedTensorMap = {};
    xs.forEach((x, i) => (inputs[`x${i}`] = x));
    let flat: tf.Tensor | null = null;
    let back: tf.Tensor[] = [];
    const info = await tf.profile(() => {
      flat = tf.engine().runKernel(FLATTEN_KERNEL, inputs, { n: xs.length }) as tf.Tensor;
      back = tf.engine().runKernel(UNFLATTEN_KERNEL, { x: flat }, { shapes: SHAPES } as unknown as tf.NamedAttrMap) as tf.Tensor[];
      return [flat, ...back];
    });
    expect(info.kernels.map((k) => k.name)).toEqual([FLATTEN_KERNEL, UNFLATTEN_KERNEL]);
    const want = (await Promise.all(xs.map((x) => x.data()))).flatMap((d) => Array.from(d));
    expect(flat!.shape).toEqual([want.length]);
    expect(Array.from(await flat!.data())).toEqual(want);
    expect(back.map((b) => b.shape)).toEqual(SHAPES);
    for (let i = 0; i < xs.length; i++) expect(Array.from(await back[i].data())).toEqual(Array.from(await xs[i].data()));
    expect(() => tf.engine().runKernel(UNFLATTEN_KERNEL, { x: flat! }, { shapes: [[2, 2]] } as unknown as tf.NamedAttrMap)).toThrow(/do not cover/);
    tf.dispose([...xs, flat!, ...back]);
  });

  it("Adam's update uses them (no Reshape, Concat or SplitV; one Sub, over the flattened parameters) and gives the op path's values bit for bit", async () => {
    const params = SHAPES.map((s) => tf.variable(tf.ones(s)));
    const opt = new Adam(params, 0.1);
    const kernelsOfStep = async () => {
      const info = await tf.profile(() => {
        tf.tidy(() => opt.apply(SHAPES.map((s) => tf.fill(s, 0.5))));
        return [];
      });
      // the gradients' Fill kernels are not Adam's
      return info.kernels.map((k) => k.name).filter((n) => n !== 'Fill' && tf.getKernel(n, 'wasm'));
    };
    const names = await kernelsOfStep();
    // the gradients and the parameters flattened, the parameters split back
    expect(names.filter((n) => n === FLATTEN_KERNEL)).toHaveLength(2);
    expect(names.filter((n) => n === UNFLATTEN_KERNEL)).toHaveLength(1);
    expect(names.some((n) => n === 'Reshape' || n === 'Concat' || n === 'SplitV')).toBe(false);
    expect(names.filter((n) => n === 'Sub')).toHaveLength(1);
    expect(names).toHaveLength(13);
    // a parameter assigned from outside is where the next step starts
    tf.tidy(() => params[0].assign(tf.fill(SHAPES[0], 3)));
    await kernelsOfStep();
    // the values: each step moves by lr against the sign of a constant gradient (Adam's first steps)
    for (const x of await params[0].data()) expect(x).toBeCloseTo(3 - 0.1, 5);
    for (const p of params.slice(1)) for (const x of await p.data()) expect(x).toBeCloseTo(1 - 2 * 0.1, 5);
    opt.dispose();
    tf.dispose(params);

    const withKernels = await run();
    tf.unregisterKernel(FLATTEN_KERNEL, 'wasm');
    tf.unregisterKernel(UNFLATTEN_KERNEL, 'wasm');
    try {
      const withOps = await run();
      expect(withKernels.length).toBe(withOps.length);
      withKernels.forEach((x, i) => expect(Array.from(x)).toEqual(Array.from(withOps[i])));
      // the steps did something: every moment is nonzero
      withKernels.slice(SHAPES.length).forEach((x) => x.forEach((y) => expect(y).not.toBe(0)));
    } finally {
      installWasmFlatCopy();
    }
  });
});
