/**
 * Chapter 7's numbers on the shipped two-layer VAE, from chapterNumbers.json (written by
 * scripts/hvaeNumbers.ts from the shipped weights; tests/core/vae/hvae/chapterNumbers.test.ts
 * recomputes them), beside the one-layer VAE's on the same held-out digits; and the top layer's
 * collapse with and without its fixes, from collapseNumbers.json (written by
 * scripts/hvaeCollapse.ts; tests/core/vae/hvae/collapse.test.ts reruns its first epoch).
 */
import numbers from './chapterNumbers.json';
import collapse from './collapseNumbers.json';
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
  trainDigits: number;
  arms: CollapseResult[];
}

export function collapseNumbers(): CollapseNumbers {
  return collapse as CollapseNumbers;
}

export function collapseArm(arm: CollapseArm): CollapseResult {
  const r = collapseNumbers().arms.find((a) => a.arm === arm);
  if (!r) throw new Error(`collapseNumbers.json has no '${arm}' arm: run scripts/hvaeCollapse.ts`);
  return r;
}

const ARM_SLUG: Record<CollapseArm, string> = { none: 'none', warmup: 'warmup', freeBits: 'freebits' };

/** ch7-hvae-collapse-<arm>-<quantity>, and the fewest top-layer active units over the arm's epochs. */
export const collapseComputed: Record<string, () => string> = {
  'ch7-hvae-collapse-epochs': () => String(collapseArm('none').schedule.epochs),
  'ch7-hvae-collapse-warmup-epochs': () => String(WARMUP_FIX_EPOCHS),
  'ch7-hvae-collapse-lambda': () => String(FREE_BITS_FIX),
  ...Object.fromEntries(
    COLLAPSE_ARMS.flatMap((arm) => {
      const p = `ch7-hvae-collapse-${ARM_SLUG[arm]}`;
      return [
        [`${p}-elbo`, () => collapseArm(arm).final.testElbo.toFixed(1)],
        [`${p}-kl1`, () => collapseArm(arm).final.testKl1.toFixed(1)],
        [`${p}-kl2`, () => collapseArm(arm).final.testKl2.toFixed(1)],
        [`${p}-active1`, () => String(collapseArm(arm).final.active1)],
        [`${p}-active2`, () => String(collapseArm(arm).final.active2)],
        [`${p}-kl2-epoch1`, () => collapseArm(arm).history[0].testKl2.toFixed(1)],
        [`${p}-min-active2`, () => String(Math.min(...collapseArm(arm).history.map((h) => h.active2)))],
      ];
    }),
  ),
};
