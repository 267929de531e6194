/**
 * The settings of chapter 7's collapse experiment (./collapse.ts runs it), kept free of tfjs so
 * that the chapter's numbers and the widget's switches can import them: the chapter's two-layer
 * VAE trained from the same seed three ways,
 *   none      β = 1 from the first step, no floor;
 *   warmup    β rising linearly from 0 to 1 over WARMUP_FIX_EPOCHS epochs (Sønderby et al. 2016);
 *   freeBits  a floor of FREE_BITS_FIX nats per dimension on each layer's minibatch KL (Kingma et al. 2016).
 */
import type { HvaeSchedule } from './trainer';

export const WARMUP_FIX_EPOCHS = 10;
export const FREE_BITS_FIX = 0.25;

export const COLLAPSE_ARMS = ['none', 'warmup', 'freeBits'] as const;
export type CollapseArm = (typeof COLLAPSE_ARMS)[number];

/** The base schedule with the arm's warm-up and floor (the base's own are replaced). */
export function collapseSchedule(arm: CollapseArm, base: HvaeSchedule): HvaeSchedule {
  return { ...base, warmupEpochs: arm === 'warmup' ? WARMUP_FIX_EPOCHS : 0, freeBits: arm === 'freeBits' ? FREE_BITS_FIX : 0 };
}

export interface CollapseEpoch {
  epoch: number;
  /** held-out ELBO, one draw per digit */
  testElbo: number;
  testKl1: number;
  testKl2: number;
  active1: number;
  active2: number;
}

export interface CollapseResult {
  arm: CollapseArm;
  schedule: HvaeSchedule;
  history: CollapseEpoch[];
  /** after the last epoch, with the chapter's evaluation (10 draws per digit, seed HVAE_NUMBER_SEEDS.elbo) */
  final: { testElbo: number; testRecon: number; testKl1: number; testKl2: number; active1: number; active2: number };
  msPerStep: number;
}
