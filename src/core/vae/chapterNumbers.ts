/**
 * Numbers chapter 7 quotes. Those about the trained models come from chapterNumbers.json,
 * which scripts/vaeNumbers.ts writes by evaluating the shipped weights with this core code
 * (training them takes minutes, so they cannot be recomputed at page render); the rest are
 * computed here on the spot.
 */
import numbers from './chapterNumbers.json';
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
