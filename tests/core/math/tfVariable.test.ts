import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type NodeBackend } from '../../support/tf';
import { assignVariables, readVariables, tfVariable } from '../../../src/core/math/tfVariable';

describe.each(['cpu', 'wasm'] as NodeBackend[])('tfjs variables as plain arrays (%s)', (backend) => {
  let vars: tf.Variable[];
  beforeAll(async () => {
    await useBackend(backend);
    vars = [tfVariable(() => tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3])), tfVariable(() => tf.tensor1d([-1, 0.5]))];
  });
  afterAll(() => tf.dispose(vars));

  it('tfVariable leaves one tensor per variable (the initial tensor is freed)', () => {
    const before = tf.memory().numTensors;
    const v = tfVariable(() => tf.add(tf.ones([3]), 1));
    expect(tf.memory().numTensors).toBe(before + 1);
    v.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('readVariables returns each variable row-major, as copies that do not alias the tensors', async () => {
    const [a, b] = await readVariables(vars);
    expect(Array.from(a)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(b)).toEqual([-1, 0.5]);
    a[0] = 99;
    b.fill(7);
    expect(Array.from(await vars[0].data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(await vars[1].data())).toEqual([-1, 0.5]);
  });

  it('assignVariables writes values with the shapes kept, and round-trips with readVariables; no tensor is left', async () => {
    const before = tf.memory().numTensors;
    assignVariables(vars, [[6, 5, 4, 3, 2, 1], new Float64Array([0.25, -2])]);
    expect(tf.memory().numTensors).toBe(before);
    expect(vars[0].shape).toEqual([2, 3]);
    expect((await vars[0].array()) as number[][]).toEqual([
      [6, 5, 4],
      [3, 2, 1],
    ]);
    expect(Array.from(await vars[1].data())).toEqual([0.25, -2]);
    const saved = await readVariables(vars);
    assignVariables(vars, [new Float32Array(6), new Float32Array(2)]);
    assignVariables(vars, saved);
    expect(await readVariables(vars)).toEqual(saved);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a wrong number of arrays or a wrong length, naming the variable, and changes nothing', async () => {
    const saved = await readVariables(vars);
    expect(() => assignVariables(vars, [[1, 2, 3, 4, 5, 6]])).toThrow(/1 arrays for 2 variables/);
    expect(() => assignVariables(vars, [[1, 2, 3, 4, 5, 6], [1, 2, 3]])).toThrow(/array 1 has 3 values for a variable of shape \[2\]/);
    expect(await readVariables(vars)).toEqual(saved);
  });
});
