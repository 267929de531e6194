/**
 * The top layer's collapse and its two fixes as one experiment (the arms: ./collapseSettings.ts):
 * the chapter's two-layer VAE trained from the same seed (same initial weights, same minibatches,
 * same noise) with no fix, with warm-up and with free bits, with the held-out ELBO, each layer's KL
 * and active units per layer after every epoch. The widget's two switches set exactly these
 * values, so a reader can rerun any arm.
 */
import { createRng } from '../../random';
import { evaluateHvae } from './evaluate';
import type { HvaeShape } from './model';
import { hvaeHeldOut } from './numbers';
import { HvaeTrainer, type HvaeSchedule } from './trainer';
import { collapseSchedule, type CollapseArm, type CollapseEpoch, type CollapseResult } from './collapseSettings';

/** Seed of the one-draw held-out evaluation after epoch e (the same for every arm). */
export const epochEvalSeed = (seed: number, epoch: number) => seed + 1000 + epoch;

/**
 * Trains one arm for `base.epochs` epochs (or `stopAfter` epochs, for a check of a prefix).
 * @param train [n, D] training digits @param test [m, D] held-out digits
 */
export async function runCollapseArm(
  arm: CollapseArm,
  shape: HvaeShape,
  base: HvaeSchedule,
  train: Float32Array,
  test: Float32Array,
  seed: number,
  opts: { stopAfter?: number; onEpoch?: (e: CollapseEpoch) => void } = {},
): Promise<CollapseResult> {
  const schedule = collapseSchedule(arm, base);
  const trainer = new HvaeTrainer(shape, schedule, train, seed);
  const epochs = Math.min(schedule.epochs, opts.stopAfter ?? schedule.epochs);
  const history: CollapseEpoch[] = [];
  let trainMs = 0;
  try {
    for (let e = 1; e <= epochs; e++) {
      const t0 = performance.now();
      for (let i = 0; i < trainer.stepsPerEpoch; i++) await trainer.trainStep();
      trainMs += performance.now() - t0;
      const ev = await evaluateHvae(trainer.weights, shape, test, createRng(epochEvalSeed(seed, e)));
      const rec = { epoch: e, testElbo: ev.elbo, testKl1: ev.kl1, testKl2: ev.kl2, active1: ev.active1, active2: ev.active2 };
      history.push(rec);
      opts.onEpoch?.(rec);
    }
    const { testElbo, testRecon, testKl1, testKl2, active1, active2 } = await hvaeHeldOut(trainer.weights, shape, test);
    return { arm, schedule, history, final: { testElbo, testRecon, testKl1, testKl2, active1, active2 }, msPerStep: trainMs / trainer.step };
  } finally {
    trainer.dispose();
  }
}
