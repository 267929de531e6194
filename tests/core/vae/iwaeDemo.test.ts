import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import { allFinite } from '../../../src/core/demo';
import { loadDemo } from '../../../src/core/registry';
import { diskAsset } from './fixtures';

describe("demo 'vae-iwae'", () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('accumulates L_K over digits; the means increase with K; no leaks', async () => {
    const demo = await loadDemo('vae-iwae');
    const session = await demo.create({ params: { model: 'default', digits: 16 }, seed: 1, loadAsset: diskAsset });
    const n0 = tf.memory().numTensors;
    expect(allFinite(await session.step())).toBe(true);
    const m = await session.step();
    expect(m.digits).toBe(16);
    expect(session.isDone?.()).toBe(true);
    expect(tf.memory().numTensors).toBe(n0);
    const snap = (await session.snapshot()) as { ks: Float64Array; mean: Float64Array; gain: Float64Array; gainSe: Float64Array };
    expect(snap.ks[0]).toBe(1);
    expect(snap.ks[snap.ks.length - 1]).toBe(500);
    for (let j = 1; j < snap.mean.length; j++) expect(snap.mean[j]).toBeGreaterThanOrEqual(snap.mean[j - 1]);
    // L_500 − L_1, paired per digit, is many standard errors above zero
    const last = snap.gain.length - 1;
    expect(snap.gain[last]).toBeGreaterThan(4 * snap.gainSe[last]);
    session.dispose();
  });
});

describe("demo 'vae-gaps'", () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('decomposes one digit: log p(x) ≥ ELBO(q*) ≥ ELBO(q_φ)', async () => {
    const demo = await loadDemo('vae-gaps');
    const session = await demo.create({ params: { digits: 1, sviSteps: 100 }, seed: 1, loadAsset: diskAsset });
    const m = await session.step();
    expect(allFinite(m)).toBe(true);
    expect(m.approximationGap).toBeGreaterThanOrEqual(0);
    expect(m.amortizationGap).toBeGreaterThanOrEqual(0);
    const snap = (await session.snapshot()) as { rows: unknown[]; latest: { logJoint: Float32Array; size: number } };
    expect(snap.rows.length).toBe(1);
    expect(snap.latest.logJoint.length).toBe(snap.latest.size ** 2);
    session.dispose();
  });
});
