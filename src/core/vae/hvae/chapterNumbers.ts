/**
 * Chapter 7's numbers on the shipped two-layer VAE, from chapterNumbers.json (written by
 * scripts/hvaeNumbers.ts from the shipped weights; tests/core/vae/hvae/chapterNumbers.test.ts
 * recomputes them), beside the one-layer VAE's on the same held-out digits; and the top layer's
 * collapse with and without its fixes, from collapseNumbers.json and, with a 32-unit top layer,
 * collapseWideNumbers.json, whose no-fix arm collapseWideSeed{2,3}Numbers.json reruns from other seeds (all written by scripts/hvaeCollapse.ts;
 * tests/core/vae/hvae/collapse.test.ts reruns the first epoch of each).
 */
import numbers from './chapterNumbers.json';
import collapse from './collapseNumbers.json';
import collapseWide from './collapseWideNumbers.json';
import collapseWideSeed2 from './collapseWideSeed2Numbers.json';
import collapseWideSeed3 from './collapseWideSeed3Numbers.json';
import { chapter7Numbers } from '../chapterNumbers';
import { COLLAPSE_ARMS, FREE_BITS_FIX, WARMUP_FIX_EPOCHS, type CollapseArm, type CollapseResult } from './collapseSettings';

export interface HvaeChapterNumbers {
  parameterCount: number;
  testElbo: number;
  testRecon: number;
  testKl1: number;
  testKl2: number;
  active1: number;
  active2: number;
  iwae500: number;
  /** standard errors of the gains over the one-layer VAE, paired over the held-out digits */
  elboGainSe: number;
  iwaeGainSe: number;
  msPerStepTraining: number | null;
  check: { digest: string; digits: number; iwae500: number; gainDigits: number; iwaeGainPrefix: number };
}

export function hvaeChapterNumbers(): HvaeChapterNumbers & { elboGain: number; iwaeGain: number } {
  const h = numbers as HvaeChapterNumbers;
  const one = chapter7Numbers().default;
  return { ...h, elboGain: h.testElbo - one.testElbo, iwaeGain: h.iwae500 - one.iwae500 };
}

export const hvaeComputed: Record<string, () => string> = {
  'ch7-hvae-params': () => hvaeChapterNumbers().parameterCount.toLocaleString('en-US'),
  'ch7-hvae-test-elbo': () => hvaeChapterNumbers().testElbo.toFixed(1),
  'ch7-hvae-recon': () => hvaeChapterNumbers().testRecon.toFixed(1),
  'ch7-hvae-kl1': () => hvaeChapterNumbers().testKl1.toFixed(1),
  'ch7-hvae-kl2': () => hvaeChapterNumbers().testKl2.toFixed(1),
  'ch7-hvae-active1': () => String(hvaeChapterNumbers().active1),
  'ch7-hvae-active2': () => String(hvaeChapterNumbers().active2),
  'ch7-hvae-iwae500': () => hvaeChapterNumbers().iwae500.toFixed(1),
  'ch7-hvae-elbo-gain': () => hvaeChapterNumbers().elboGain.toFixed(1),
  'ch7-hvae-iwae-gain': () => hvaeChapterNumbers().iwaeGain.toFixed(1),
  'ch7-hvae-elbo-gain-se': () => hvaeChapterNumbers().elboGainSe.toFixed(2),
  'ch7-hvae-iwae-gain-se': () => hvaeChapterNumbers().iwaeGainSe.toFixed(2),
};

export interface CollapseNumbers {
  seed: number;
  shape: { latent1: number; latent2: number };
  trainDigits: number;
  arms: CollapseResult[];
}

/** 'shipped': the shipped model's recipe; 'wide': the same with a 32-unit top layer, for 15 epochs. */
export type CollapseExperiment = 'shipped' | 'wide';
const EXPERIMENTS: Record<CollapseExperiment, unknown> = { shipped: collapse, wide: collapseWide };

export function collapseNumbers(e: CollapseExperiment = 'shipped'): CollapseNumbers {
  return EXPERIMENTS[e] as CollapseNumbers;
}

export function collapseArm(arm: CollapseArm, e: CollapseExperiment = 'shipped'): CollapseResult {
  const r = collapseNumbers(e).arms.find((a) => a.arm === arm);
  if (!r) throw new Error(`the '${e}' collapse experiment has no '${arm}' arm: run scripts/hvaeCollapse.ts`);
  return r;
}

/** The wide experiment's no-fix arm rerun from other seeds (is its collapse one seed's accident?). */
export function collapseWideSeedRuns(): CollapseNumbers[] {
  return [collapseWideSeed2, collapseWideSeed3] as CollapseNumbers[];
}

const ARM_SLUG: Record<CollapseArm, string> = { none: 'none', warmup: 'warmup', freeBits: 'freebits' };
const nats = (x: number) => (Math.abs(x) < 1 ? x.toFixed(2) : x.toFixed(1));

/** <prefix>-<arm>-<quantity>: final held-out numbers, the top layer's KL after epoch 1, and its fewest active units over the epochs. */
function armComputed(prefix: string, e: CollapseExperiment): [string, () => string][] {
  return COLLAPSE_ARMS.flatMap((arm): [string, () => string][] => {
    const p = `${prefix}-${ARM_SLUG[arm]}`;
    const r = () => collapseArm(arm, e);
    return [
      [`${p}-elbo`, () => r().final.testElbo.toFixed(1)],
      [`${p}-kl1`, () => nats(r().final.testKl1)],
      [`${p}-kl2`, () => nats(r().final.testKl2)],
      [`${p}-active1`, () => String(r().final.active1)],
      [`${p}-active2`, () => String(r().final.active2)],
      [`${p}-kl2-epoch1`, () => nats(r().history[0].testKl2)],
      [`${p}-min-active2`, () => String(Math.min(...r().history.map((h) => h.active2)))],
    ];
  });
}

export const collapseComputed: Record<string, () => string> = {
  'ch7-hvae-collapse-epochs': () => String(collapseArm('none').schedule.epochs),
  'ch7-hvae-collapse-warmup-epochs': () => String(WARMUP_FIX_EPOCHS),
  'ch7-hvae-collapse-lambda': () => String(FREE_BITS_FIX),
  'ch7-hvae-wide-epochs': () => String(collapseArm('none', 'wide').schedule.epochs),
  'ch7-hvae-wide-latent2': () => String(collapseNumbers('wide').shape.latent2),
  /** epochs the wide warm-up arm trained at β = 1 */
  'ch7-hvae-wide-beta1-epochs': () => {
    const s = collapseArm('warmup', 'wide').schedule;
    return String(s.epochs - s.warmupEpochs);
  },
  'ch7-hvae-wide-seeds': () => collapseWideSeedRuns().map((r) => r.seed).join(' and '),
  'ch7-hvae-wide-seeds-kl2-epoch1': () => collapseWideSeedRuns().map((r) => nats(r.arms[0].history[0].testKl2)).join(' and '),
  'ch7-hvae-wide-seeds-kl2': () => collapseWideSeedRuns().map((r) => nats(r.arms[0].final.testKl2)).join(' and '),
  'ch7-hvae-wide-seeds-active1': () => collapseWideSeedRuns().map((r) => String(r.arms[0].final.active1)).join(' and '),
  /** λ L₂: the nats of the top layer that the free-bits floor leaves uncharged */
  'ch7-hvae-wide-freebits-floor': () => nats(FREE_BITS_FIX * collapseNumbers('wide').shape.latent2),
  ...Object.fromEntries([...armComputed('ch7-hvae-collapse', 'shipped'), ...armComputed('ch7-hvae-wide', 'wide')]),
};
