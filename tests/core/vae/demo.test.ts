import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import { allFinite } from '../../../src/core/demo';
import { defaultParams } from '../../../src/core/params';
import { loadDemo } from '../../../src/core/registry';
import { vaeParams } from '../../../src/core/vae/vaeParams';
import { diskAsset } from './fixtures';

describe("demo 'vae'", () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('trains, snapshots, checkpoints, restores, and reports NaN after corrupt()', async () => {
    const demo = await loadDemo('vae');
    const params = { ...defaultParams(vaeParams), hidden: 32, latent: 2, trainSize: 500, batch: 100, epochs: 2 };
    const session = await demo.create({ params, seed: 3, loadAsset: diskAsset });
    const n0 = tf.memory().numTensors;
    let m = await session.step();
    for (let i = 0; i < 6; i++) m = await session.step();
    expect(allFinite(m)).toBe(true);
    expect(m.epoch).toBeGreaterThan(1);
    const snap = (await session.snapshot()) as Record<string, unknown>;
    expect((snap.reconstructions as Float32Array).length).toBe(10 * 784);
    expect((snap.samples as Float32Array).length).toBe(16 * 784);
    expect((snap.means as Float32Array).length).toBe(1000 * 2);
    expect((snap.manifold as Float32Array).length).toBe(15 * 15 * 784);
    expect((snap.history as unknown[]).length).toBe(1);
    expect(tf.memory().numTensors).toBe(n0);
    const c = await session.checkpoint();
    const a = await session.step();
    await session.restore(c);
    const b = await session.step();
    expect(b.elbo).toBe(a.elbo);
    session.setParams?.({ klWeight: 0.5 });
    expect(allFinite(await session.step())).toBe(true);
    session.corrupt?.();
    expect(allFinite(await session.step())).toBe(false);
    session.dispose();
  });

  it('a rollback restores the held-out evaluation with the weights: no diverged model’s numbers left on show', async () => {
    const demo = await loadDemo('vae');
    const params = { ...defaultParams(vaeParams), hidden: 32, latent: 2, trainSize: 500, batch: 100, epochs: 5 };
    const session = await demo.create({ params, seed: 4, loadAsset: diskAsset });
    const m0 = await session.step();
    const c = await session.checkpoint();
    session.setParams?.({ lr: 1 });
    let m = m0;
    for (let i = 0; i < 12; i++) m = await session.step(); // two epochs: the held-out ELBO is re-evaluated on the wrecked model
    expect(m.testElbo).not.toBe(m0.testElbo);
    await session.restore(c);
    session.setParams?.({ lr: 1e-3 });
    expect((await session.step()).testElbo).toBe(m0.testElbo);
    session.dispose();
  });

  it('starts from the shipped pretrained weights, which reach the issue target on the test split', async () => {
    const demo = await loadDemo('vae');
    const params = { ...defaultParams(vaeParams), start: 'pretrained' as const };
    const session = await demo.create({ params, seed: 1, loadAsset: diskAsset });
    expect(session.isDone?.()).toBe(true);
    const snap = (await session.snapshot()) as { test: { elbo: number }; note: string; history: unknown[] };
    expect(snap.note).toMatch(/pretrained/);
    expect(snap.history.length).toBe(30);
    expect(snap.test.elbo).toBeGreaterThan(-112);
    session.dispose();
  });
});
