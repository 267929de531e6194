/**
 * Time of the score-function vs reparameterization variance study the 'gradient-variance' widget
 * runs on the main thread (defaults: 10 draws × 2,000 repeats, all four estimators), and the
 * variance ratio it measures, so a slowdown or a changed result both show up.
 */
import { gradientVarianceStudy, varianceRatio } from '../../src/core/vi/gradients';
import type { BenchEntry, BenchResult } from './types';

export async function measureGradientVariance(repeats = 2000, samples = 10): Promise<BenchResult> {
  const toy = { m: 1, logS: 0, mu0: 0, sigma0: 1 };
  gradientVarianceStudy({ toy, samples, repeats, seed: 0 });
  const runs = 10;
  const t0 = performance.now();
  let ratio = 0;
  for (let i = 0; i < runs; i++) ratio = varianceRatio(gradientVarianceStudy({ toy, samples, repeats, seed: i + 1 }), 'score', 'm');
  return { variance_study_ms: (performance.now() - t0) / runs, variance_ratio_score_over_reparam: ratio };
}

export const gradientVariance: BenchEntry = { name: 'gradientVariance', run: () => measureGradientVariance() };
