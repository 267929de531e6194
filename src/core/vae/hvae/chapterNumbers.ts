/**
 * Chapter 7's numbers on the shipped two-layer VAE, from chapterNumbers.json (written by
 * scripts/hvaeNumbers.ts from the shipped weights; tests/core/vae/hvae/chapterNumbers.test.ts
 * recomputes them), beside the one-layer VAE's on the same held-out digits.
 */
import numbers from './chapterNumbers.json';
import { chapter7Numbers } from '../chapterNumbers';

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
