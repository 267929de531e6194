/**
 * Chapter 7's collapse experiments (collapseNumbers.json and, with a 32-unit top layer,
 * collapseWideNumbers.json, written by scripts/hvaeCollapse.ts): the arms are the widget's switches
 * applied to the shipped recipe, the shipped experiment's warm-up arm is the shipped model itself,
 * and the stored curves come from this code: the first epoch of each no-fix arm, rerun from the same
 * seed, gives the stored held-out numbers. On a failure: `nice -n 10 npx tsx scripts/hvaeCollapse.ts --fresh`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../support/tf';
import { runCollapseArm } from '../../../../src/core/vae/hvae/collapse';
import { COLLAPSE_ARMS, collapseSchedule, FREE_BITS_FIX, WARMUP_FIX_EPOCHS } from '../../../../src/core/vae/hvae/collapseSettings';
import { collapseArm, collapseNumbers, collapseWideSeedRuns, hvaeChapterNumbers } from '../../../../src/core/vae/hvae/chapterNumbers';
import { HVAE_SCHEDULE, HVAE_SEED, HVAE_SHAPE } from '../../../../src/core/vae/hvae/pretrained';
import { mnist } from '../fixtures';

const REMAKE = 'stale: run `nice -n 10 npx tsx scripts/hvaeCollapse.ts --fresh`';

describe("chapter 7's collapse experiment", () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  for (const [e, latent2, epochs] of [
    ['shipped', HVAE_SHAPE.latent2, HVAE_SCHEDULE.epochs],
    ['wide', 32, 15],
  ] as const) {
    it(`'${e}': has the three arms, each the shipped recipe (z₂ of ${latent2}, ${epochs} epochs) with only its fix changed`, () => {
      const stored = collapseNumbers(e);
      expect(stored.seed).toBe(HVAE_SEED);
      expect(stored.shape).toEqual({ ...HVAE_SHAPE, latent2 });
      expect(stored.arms.map((a) => a.arm).sort()).toEqual([...COLLAPSE_ARMS].sort());
      for (const arm of COLLAPSE_ARMS) {
        const r = collapseArm(arm, e);
        expect(r.schedule, REMAKE).toEqual(collapseSchedule(arm, { ...HVAE_SCHEDULE, epochs }));
        expect(r.history).toHaveLength(epochs);
        expect(r.final.active1).toBeLessThanOrEqual(HVAE_SHAPE.latent1);
        expect(r.final.active2).toBeLessThanOrEqual(latent2);
      }
      expect(collapseArm('none', e).schedule).toMatchObject({ warmupEpochs: 0, freeBits: 0 });
      expect(collapseArm('warmup', e).schedule).toMatchObject({ warmupEpochs: WARMUP_FIX_EPOCHS, freeBits: 0 });
      expect(collapseArm('freeBits', e).schedule).toMatchObject({ warmupEpochs: 0, freeBits: FREE_BITS_FIX });
    });

    it(`'${e}': reproduces the stored first epoch of the no-fix arm from the same seed`, { timeout: 240_000 }, async () => {
      const data = await mnist();
      const r = await runCollapseArm('none', { ...HVAE_SHAPE, latent2 }, { ...HVAE_SCHEDULE, epochs }, data.trainImages, data.testImages, HVAE_SEED, { stopAfter: 1 });
      const now = r.history[0];
      const stored = collapseArm('none', e).history[0];
      expect(now.epoch).toBe(1);
      // Same seed, same draws: equal up to float32 summation order.
      expect(Math.abs(now.testElbo - stored.testElbo), REMAKE).toBeLessThan(0.05);
      expect(Math.abs(now.testKl1 - stored.testKl1), REMAKE).toBeLessThan(0.05);
      expect(Math.abs(now.testKl2 - stored.testKl2), REMAKE).toBeLessThan(0.05);
      expect(now.active1).toBe(stored.active1);
      expect(now.active2).toBe(stored.active2);
    });
  }

  it("'wide' from other seeds: the no-fix arm only, the same recipe, and its top layer collapses in each", () => {
    const runs = collapseWideSeedRuns();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set([HVAE_SEED, ...runs.map((r) => r.seed)]).size).toBe(runs.length + 1);
    for (const r of runs) {
      expect(r.shape).toEqual({ ...HVAE_SHAPE, latent2: 32 });
      expect(r.arms.map((a) => a.arm)).toEqual(['none']);
      const none = r.arms[0];
      expect(none.schedule, REMAKE).toEqual(collapseSchedule('none', { ...HVAE_SCHEDULE, epochs: 15 }));
      expect(none.history).toHaveLength(15);
      // as chapter 7 says: the top layer ends with a small fraction of its first-epoch KL, and z₁ loses units
      expect(none.final.testKl2).toBeLessThan(0.25 * none.history[0].testKl2);
      expect(none.final.active1).toBeLessThan(HVAE_SHAPE.latent1);
    }
  });

  it("'wide' from another seed: the stored first epoch of the no-fix arm reruns", { timeout: 240_000 }, async () => {
    const stored = collapseWideSeedRuns()[0];
    const data = await mnist();
    const r = await runCollapseArm('none', { ...HVAE_SHAPE, latent2: stored.shape.latent2 }, { ...HVAE_SCHEDULE, epochs: 15 }, data.trainImages, data.testImages, stored.seed, { stopAfter: 1 });
    const now = r.history[0];
    const then = stored.arms[0].history[0];
    expect(Math.abs(now.testElbo - then.testElbo), REMAKE).toBeLessThan(0.05);
    expect(Math.abs(now.testKl2 - then.testKl2), REMAKE).toBeLessThan(0.05);
    expect(now.active2).toBe(then.active2);
  });

  it('bears out what chapter 7 says of them', () => {
    const [none, warm, free] = COLLAPSE_ARMS.map((a) => collapseArm(a));
    // shipped size: no collapse; every z₂ unit active after every epoch; the fixes move nats from z₂ to z₁ and raise the ELBO
    expect(none.history.every((h) => h.active2 === HVAE_SHAPE.latent2)).toBe(true);
    for (const fix of [warm, free]) {
      expect(fix.final.testKl2).toBeLessThan(none.final.testKl2);
      expect(fix.final.testKl1).toBeGreaterThan(none.final.testKl1);
      expect(fix.final.testElbo).toBeGreaterThan(none.final.testElbo);
    }
    // a 32-unit top layer: without a fix its KL falls to a small fraction of its first epoch's and z₁ loses units;
    // with either fix every unit of both layers is active and the ELBO is higher; free bits holds the most in z₂, warm-up the higher ELBO
    const [wNone, wWarm, wFree] = COLLAPSE_ARMS.map((a) => collapseArm(a, 'wide'));
    expect(wNone.final.testKl2).toBeLessThan(0.25 * wNone.history[0].testKl2);
    expect(wNone.final.testKl2).toBeLessThan(0.5);
    expect(wNone.final.active1).toBeLessThan(HVAE_SHAPE.latent1);
    for (const fix of [wWarm, wFree]) {
      expect(fix.final.active1).toBe(HVAE_SHAPE.latent1);
      expect(fix.final.active2).toBe(32);
      expect(fix.final.testElbo).toBeGreaterThan(wNone.final.testElbo);
      expect(fix.final.testKl2).toBeGreaterThan(wNone.final.testKl2);
    }
    expect(wFree.final.testKl2).toBeGreaterThan(wWarm.final.testKl2);
    // the no-fix top layer keeps a small fraction of what either fix keeps; every arm still gained ELBO in its last epoch
    for (const fix of [wWarm, wFree]) expect(wNone.final.testKl2).toBeLessThan(0.25 * fix.final.testKl2);
    for (const r of [wNone, wWarm, wFree]) expect(r.history.at(-1)!.testElbo).toBeGreaterThan(r.history.at(-2)!.testElbo);
    expect(wWarm.schedule.epochs - wWarm.schedule.warmupEpochs).toBeGreaterThan(0);
    // free bits: the top layer sits just above the λ L₂ nats its floor leaves uncharged
    const floor = FREE_BITS_FIX * collapseNumbers('wide').shape.latent2;
    expect(wFree.final.testKl2).toBeGreaterThan(floor);
    expect(wFree.final.testKl2).toBeLessThan(1.1 * floor);
    expect(wWarm.final.testKl1).toBeGreaterThan(wFree.final.testKl1);
    expect(wWarm.final.testElbo).toBeGreaterThan(wFree.final.testElbo);
  });

  it('its warm-up arm is the shipped model: the same recipe and seed, the same held-out numbers', () => {
    const warm = collapseArm('warmup');
    const shipped = hvaeChapterNumbers();
    expect(warm.schedule).toEqual(HVAE_SCHEDULE);
    // Training is deterministic given the seed, and both use the chapter's evaluation.
    expect(warm.final.testElbo, REMAKE).toBeCloseTo(shipped.testElbo, 3);
    expect(warm.final.testKl1, REMAKE).toBeCloseTo(shipped.testKl1, 3);
    expect(warm.final.testKl2, REMAKE).toBeCloseTo(shipped.testKl2, 3);
    expect(warm.final.active1).toBe(shipped.active1);
    expect(warm.final.active2).toBe(shipped.active2);
  });
});
