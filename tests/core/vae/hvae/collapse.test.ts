/**
 * Chapter 7's collapse experiment (collapseNumbers.json, written by scripts/hvaeCollapse.ts): the
 * arms are the widget's switches applied to the shipped recipe, the warm-up arm is the shipped
 * model itself, and the stored curves come from this code: the first epoch of the no-fix arm,
 * rerun from the same seed, gives the stored held-out numbers. On a failure: `nice -n 10 npx tsx scripts/hvaeCollapse.ts --fresh`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../support/tf';
import { runCollapseArm } from '../../../../src/core/vae/hvae/collapse';
import { COLLAPSE_ARMS, collapseSchedule, FREE_BITS_FIX, WARMUP_FIX_EPOCHS } from '../../../../src/core/vae/hvae/collapseSettings';
import { collapseArm, collapseNumbers, hvaeChapterNumbers } from '../../../../src/core/vae/hvae/chapterNumbers';
import { HVAE_SCHEDULE, HVAE_SEED, HVAE_SHAPE } from '../../../../src/core/vae/hvae/pretrained';
import { mnist } from '../fixtures';

const REMAKE = 'stale: run `nice -n 10 npx tsx scripts/hvaeCollapse.ts --fresh`';

describe("chapter 7's collapse experiment", () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('has the three arms, each the shipped recipe with only its fix changed', () => {
    const stored = collapseNumbers();
    expect(stored.seed).toBe(HVAE_SEED);
    expect(stored.arms.map((a) => a.arm).sort()).toEqual([...COLLAPSE_ARMS].sort());
    for (const arm of COLLAPSE_ARMS) {
      const r = collapseArm(arm);
      expect(r.schedule, REMAKE).toEqual(collapseSchedule(arm, HVAE_SCHEDULE));
      expect(r.history).toHaveLength(HVAE_SCHEDULE.epochs);
      expect(r.final.active1).toBeLessThanOrEqual(HVAE_SHAPE.latent1);
      expect(r.final.active2).toBeLessThanOrEqual(HVAE_SHAPE.latent2);
    }
    expect(collapseArm('none').schedule).toMatchObject({ warmupEpochs: 0, freeBits: 0 });
    expect(collapseArm('warmup').schedule).toMatchObject({ warmupEpochs: WARMUP_FIX_EPOCHS, freeBits: 0 });
    expect(collapseArm('freeBits').schedule).toMatchObject({ warmupEpochs: 0, freeBits: FREE_BITS_FIX });
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

  it('reproduces the stored first epoch of the no-fix arm from the same seed', { timeout: 240_000 }, async () => {
    const data = await mnist();
    const r = await runCollapseArm('none', HVAE_SHAPE, HVAE_SCHEDULE, data.trainImages, data.testImages, HVAE_SEED, { stopAfter: 1 });
    const now = r.history[0];
    const stored = collapseArm('none').history[0];
    expect(now.epoch).toBe(1);
    // Same seed, same draws: equal up to float32 summation order.
    expect(Math.abs(now.testElbo - stored.testElbo), REMAKE).toBeLessThan(0.05);
    expect(Math.abs(now.testKl1 - stored.testKl1), REMAKE).toBeLessThan(0.05);
    expect(Math.abs(now.testKl2 - stored.testKl2), REMAKE).toBeLessThan(0.05);
    expect(now.active1).toBe(stored.active1);
    expect(now.active2).toBe(stored.active2);
  });
});
