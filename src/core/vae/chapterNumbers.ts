/**
 * Numbers chapter 7 quotes. Those about the trained models come from chapterNumbers.json,
 * which scripts/vaeNumbers.ts writes by evaluating the shipped weights with this core code
 * (training them takes minutes, so they cannot be recomputed at page render); the rest are
 * computed here on the spot.
 */
import numbers from './chapterNumbers.json';
import { MNIST_TEST_SIZE } from '../data/mnist';
import { aggregateKlLowerBound } from './aggregatePosterior';
import { parameterCount } from './model';
import { PRETRAINED_SHAPES } from './pretrained';

export interface VaeChapterNumbers {
  iwaeKs: number[];
  default: ModelNumbers;
  latent2: ModelNumbers;
  gaps: { digits: number; logPx: number; elboAmortized: number; approximationGap: number; amortizationGap: number };
}

interface ModelNumbers {
  testElbo: number;
  testRecon: number;
  testKl: number;
  activeUnits: number;
  iwae: number[];
  iwae500: number;
  finalTrainElbo: number;
  finalEpochTestElbo: number;
  msPerStepTraining: number;
}

export function chapter7Numbers(): VaeChapterNumbers & { defaultParameterCount: number } {
  return { ...(numbers as VaeChapterNumbers), defaultParameterCount: parameterCount(PRETRAINED_SHAPES.default) };
}

/**
 * The ELBO-surgery bound on the shipped VAE's held-out digits (chapter 8): their average KL, the
 * ceiling log n on the mutual information between a digit's index and its code, and the resulting
 * lower bound on the KL from their aggregate posterior to N(0, I).
 */
export function aggregatePosteriorNumbers(): { n: number; logN: number; avgKl: number; lowerBound: number } {
  const n = MNIST_TEST_SIZE;
  const avgKl = chapter7Numbers().default.testKl;
  return { n, logN: Math.log(n), avgKl, lowerBound: aggregateKlLowerBound(avgKl, n) };
}
