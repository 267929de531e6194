import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../support/tf';
import { defaultParams } from '../../../../src/core/params';
import hvaeDemo from '../../../../src/core/vae/hvae/demo';
import { hvaeParams } from '../../../../src/core/vae/hvae/params';
import { diskAsset } from '../fixtures';

describe("demo 'hvae'", () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('trains, reports both KLs, and snapshots the two grids and per-layer held-out numbers', async () => {
    const params = { ...defaultParams(hvaeParams), start: 'scratch' as const, hidden: 32, hidden2: 16, latent1: 4, latent2: 2, batch: 100, trainSize: 500, epochs: 1 };
    const s = await hvaeDemo.create({ params, seed: 3, loadAsset: diskAsset });
    let m: Record<string, number> = {};
    for (let i = 0; i < 5; i++) m = await s.step();
    expect(m.elbo).toBeCloseTo(m.recon - m.kl1 - m.kl2, 3);
    const snap = (await s.snapshot({ resting: true })) as Record<string, unknown> & { test: Record<string, unknown>; holdZ2: Float32Array; moveZ2: Float32Array; history: unknown[] };
    expect(snap.holdZ2.length).toBe(32 * 784);
    expect(snap.moveZ2.length).toBe(32 * 784);
    expect((snap.test.kl1PerDim as Float64Array).length).toBe(4);
    expect((snap.test.kl2PerDim as Float64Array).length).toBe(2);
    expect(snap.history).toHaveLength(1); // 5 steps of 100 = one epoch of 500 digits
    expect(snap.note).toBe('trained from scratch');
    s.dispose();
  }, 120_000);

  it('falls back to random weights with a message when the pretrained file cannot be loaded', async () => {
    const params = { ...defaultParams(hvaeParams), batch: 100, trainSize: 500, epochs: 1 };
    const s = await hvaeDemo.create({
      params,
      seed: 1,
      loadAsset: (p) => (p.includes('hvae') ? Promise.reject(new Error('404')) : diskAsset(p)),
    });
    const snap = (await s.snapshot({ resting: true })) as { note: string };
    expect(snap.note).toMatch(/could not be loaded \(404\)/);
    s.dispose();
  }, 120_000);
});
