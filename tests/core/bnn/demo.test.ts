import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../support/tf';
import { defaultParams } from '../../../src/core/params';
import bnnRegressionDemo, { bnnParams } from '../../../src/core/bnn/demo';
import type { BnnSnapshot } from '../../../src/widgets/bnn-regression/logic';

beforeAll(async () => {
  await useBackend('wasm');
});

const small = { ...defaultParams(bnnParams), hidden: 8, n: 30 };

describe('bnn-regression session', () => {
  it('steps, snapshots both bands and scores, and restores a checkpoint exactly', async () => {
    const s = await bnnRegressionDemo.create({ params: small, seed: 5 });
    for (let t = 0; t < 20; t++) await s.step();
    const cp = await s.checkpoint();
    const before = (await s.snapshot({ resting: true })) as unknown as BnnSnapshot;
    expect(before.step).toBe(20);
    expect(before.viLower.length).toBe(before.grid.length);
    for (let k = 0; k < before.grid.length; k++) expect(before.viLower[k]).toBeLessThan(before.viUpper[k]);
    // the plug-in band is f̂ ± 1.645 σ̂ everywhere
    expect(before.mleUpper[7] - before.mleLower[7]).toBeCloseTo(2 * 1.6448536 * before.mleNoiseSd, 5);
    for (const k of ['viGap', 'viData', 'mleGap', 'mleData'] as const) {
      expect(before.scores[k].coverage).toBeGreaterThanOrEqual(0);
      expect(before.scores[k].coverage).toBeLessThanOrEqual(1);
      expect(Number.isFinite(before.scores[k].lpd)).toBe(true);
    }
    expect(before.linear).toBeNull();
    for (let t = 0; t < 10; t++) await s.step();
    await s.restore(cp);
    const after = (await s.snapshot({ resting: true })) as unknown as BnnSnapshot;
    expect(after.step).toBe(20);
    expect(Array.from(after.viUpper)).toEqual(Array.from(before.viUpper));
    expect(Array.from(after.mleCurve)).toEqual(Array.from(before.mleCurve));
    s.corrupt!();
    const m = await s.step();
    expect(Object.values(m).some((v) => !Number.isFinite(v))).toBe(true);
    s.dispose();
  });

  it('the linear mode carries the closed-form check and stops at its step budget', async () => {
    const s = await bnnRegressionDemo.create({ params: { ...small, model: 'linear', noise: 'fixed', steps: 1000 }, seed: 5 });
    for (let t = 0; t < 1000; t++) await s.step();
    expect(s.isDone!()).toBe(true);
    const snap = (await s.snapshot({ resting: true })) as unknown as BnnSnapshot;
    expect(snap.linear).not.toBeNull();
    const lin = snap.linear!;
    // the closed form maximizes the ELBO: no trained q beats it
    expect(lin.elboTrained).toBeLessThanOrEqual(lin.elboClosedForm + 1e-6);
    expect(lin.elboClosedForm - lin.elboTrained).toBeLessThan(1);
    s.dispose();
  }, 120_000);

  it('the full-covariance family in the linear mode: the readout carries its covariance, its ELBO at most log p(y)', async () => {
    const s = await bnnRegressionDemo.create({ params: { ...small, family: 'linearized', model: 'linear', noise: 'fixed', steps: 1000 }, seed: 5 });
    for (let t = 0; t < 1000; t++) await s.step();
    const snap = (await s.snapshot({ resting: true })) as unknown as BnnSnapshot;
    expect(snap.family).toBe('linearized');
    const lin = snap.linear!;
    expect(lin.trainedCov).not.toBeNull();
    // the family holds the exact posterior, so its ELBO approaches log p(y) from below
    expect(lin.elboTrained).toBeLessThanOrEqual(lin.elboClosedForm + 1e-6);
    expect(lin.elboClosedForm - lin.elboTrained).toBeLessThan(0.5);
    expect(Math.sign(lin.trainedCov![1])).toBe(Math.sign(lin.exactCov[1]));
    s.dispose();
  }, 120_000);
});
