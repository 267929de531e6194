import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { loadDemo } from '../../../../src/core/registry';
import { defaultParams } from '../../../../src/core/params';
import { VI_GRID_SIZE } from '../../../../src/core/vi/families/demo';
import { FAMILY_NAMES } from '../../../../src/core/vi/families/types';

beforeAll(async () => {
  await useBackend('wasm');
});

describe("demo 'vi-2d-fit'", () => {
  it('does not leak tensors over 1,000 steps and snapshots (flow on the banana)', async () => {
    const demo = await loadDemo('vi-2d-fit');
    const session = await demo.create({ params: { ...defaultParams(demo.params), layers: 4, samples: 32 }, seed: 1 });
    await session.step();
    await session.snapshot();
    const before = tf.memory().numTensors;
    for (let t = 0; t < 1000; t++) {
      await session.step();
      if (t % 250 === 0) await session.snapshot();
    }
    expect(tf.memory().numTensors).toBe(before);
    session.dispose();
  }, 120_000);

  it('the flow improves the ELBO on the banana and stays below log Z', async () => {
    const demo = await loadDemo('vi-2d-fit');
    const session = await demo.create({ params: { ...defaultParams(demo.params), layers: 4, lr: 0.02 }, seed: 2 });
    const first = (await session.step()).elbo;
    let recent = 0;
    for (let t = 1; t <= 800; t++) {
      const m = await session.step();
      if (t > 700) recent += m.elbo / 100;
    }
    const snap = (await session.snapshot()) as { logZ: number; logQ: Float32Array; logP: Float32Array; samples: Float32Array };
    expect(recent).toBeGreaterThan(first + 0.5);
    expect(recent).toBeLessThan(snap.logZ + 0.02);
    expect(snap.logQ.length).toBe(VI_GRID_SIZE * VI_GRID_SIZE);
    expect(snap.samples.every(Number.isFinite)).toBe(true);
    session.dispose();
  }, 120_000);

  it('checkpoint/restore returns the same q', async () => {
    const demo = await loadDemo('vi-2d-fit');
    const session = await demo.create({ params: { ...defaultParams(demo.params), family: 'full-rank' }, seed: 3 });
    for (let t = 0; t < 20; t++) await session.step();
    const cp = await session.checkpoint();
    const a = ((await session.snapshot()) as { logQ: Float32Array }).logQ;
    for (let t = 0; t < 20; t++) await session.step();
    await session.restore(cp);
    const b = ((await session.snapshot()) as { logQ: Float32Array }).logQ;
    expect(Array.from(b)).toEqual(Array.from(a));
    session.dispose();
  });

  it('after a divergence, restore brings back Adam’s moments too: training goes on finite, without leaking', async () => {
    const demo = await loadDemo('vi-2d-fit');
    const session = await demo.create({ params: { ...defaultParams(demo.params), family: 'full-rank' }, seed: 4 });
    for (let t = 0; t < 10; t++) await session.step();
    const cp = await session.checkpoint();
    const before = tf.memory().numTensors;
    session.corrupt!();
    expect(Number.isFinite((await session.step()).elbo)).toBe(false); // NaN parameters → NaN gradients → NaN moments
    await session.restore(cp);
    // parameters, Adam's moments and its step count all came back: a checkpoint taken now is the same one
    expect(await session.checkpoint()).toEqual(cp);
    for (let t = 0; t < 5; t++) expect(Number.isFinite((await session.step()).elbo)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    session.dispose();
  });

  it.each(FAMILY_NAMES)('leaves no tensor behind once disposed (%s)', async (family) => {
    const demo = await loadDemo('vi-2d-fit');
    const before = tf.memory().numTensors;
    const session = await demo.create({ params: { ...defaultParams(demo.params), family, layers: 2 }, seed: 5 });
    for (let t = 0; t < 3; t++) await session.step();
    await session.snapshot();
    await session.restore(await session.checkpoint());
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
