import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs-core';
import { restoreAdamState, saveAdamState } from '../../../src/core/vi/adamState';
import { useBackend } from '../../support/tf';

let tf: typeof TF;
beforeAll(async () => {
  tf = await useBackend('cpu');
});

/** Adam on f(w) = Σ (w − c)² · s with uneven curvatures, so moments matter to the path. */
function problem() {
  const w = tf.variable(tf.tensor1d([3, -2, 0.5]));
  const c = tf.tensor1d([1, 1, -1]);
  const s = tf.tensor1d([10, 0.1, 1]);
  const optimizer = tf.train.adam(0.05);
  const step = () => tf.tidy(() => void optimizer.minimize(() => tf.sum(tf.mul(tf.square(tf.sub(w, c)), s)) as TF.Scalar, false, [w]));
  const read = () => Array.from(w.dataSync());
  return { w, optimizer, step, read, dispose: () => (optimizer.dispose(), tf.dispose([w, c, s])) };
}

describe('Adam state checkpoints', () => {
  it('restoring parameters and Adam state reproduces the same steps exactly', async () => {
    const p = problem();
    for (let i = 0; i < 7; i++) p.step();
    const params = p.read();
    const state = await saveAdamState(p.optimizer);
    expect(state.iterations).toBe(7);
    expect(state.moments).toHaveLength(2);
    for (let i = 0; i < 5; i++) p.step();
    const after = p.read();

    p.w.assign(tf.tensor1d(params));
    await restoreAdamState(p.optimizer, state);
    for (let i = 0; i < 5; i++) p.step();
    expect(p.read()).toEqual(after);
    p.dispose();
  });

  it('restoring parameters alone does not (the moments carry the run)', async () => {
    const p = problem();
    for (let i = 0; i < 7; i++) p.step();
    const params = p.read();
    const fresh = await saveAdamState(tf.train.adam(0.05));
    for (let i = 0; i < 5; i++) p.step();
    const after = p.read();
    p.w.assign(tf.tensor1d(params));
    await restoreAdamState(p.optimizer, fresh);
    for (let i = 0; i < 5; i++) p.step();
    expect(p.read()).not.toEqual(after);
    p.dispose();
  });

  it('clears NaN moments left by a divergence, and leaks no tensors over repeated restores', async () => {
    const p = problem();
    p.step();
    const state = await saveAdamState(p.optimizer);
    const good = p.read();
    tf.tidy(() => p.w.assign(tf.fill([3], NaN)));
    p.step(); // NaN gradients → NaN moments
    p.w.assign(tf.tensor1d(good));
    const before = tf.memory().numTensors;
    for (let r = 0; r < 5; r++) await restoreAdamState(p.optimizer, state);
    expect(tf.memory().numTensors).toBe(before);
    p.step();
    expect(p.read().every(Number.isFinite)).toBe(true);
    p.dispose();
  });
});
