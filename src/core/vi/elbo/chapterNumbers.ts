/**
 * Numbers quoted in chapter 3's prose, computed from the same core the widgets run. The example
 * is the 'variational-em' demo's default data set: n = 40, σ = 1, τ = 1, seed 1.
 */
import { createRng } from '../../random';
import { exactMle, logMarginalLikelihood, sampleRandomEffects, type RandomEffectsTheta } from './gaussianRandomEffects';
import { runVariationalEm, varianceBias } from './variationalEm';

const SIGMA2 = 1;

function exampleData(): Float64Array {
  return sampleRandomEffects(40, { mu: 0, tau2: 1 }, SIGMA2, createRng(1));
}

export interface Chapter3Numbers {
  mleTau2: number;
  /** Posterior variance v* = τ̂²σ²/(τ̂² + σ²) at the MLE: the variance the E-step would want. */
  posteriorVarAtMle: number;
  /** Variational MLE of τ² with v₀ = 0.25 (q's sd fixed at 0.5), and its log-likelihood gap. */
  variationalTau2Narrow: number;
  logLikGapNarrow: number;
  /** Variational MLE of τ² with v₀ = 1 (q's sd fixed at 1). */
  variationalTau2Wide: number;
  /** Monte Carlo over 200 data sets (n = 40, τ² = 1): mean τ̂² exact and variational (v₀ = 0.25). */
  meanExactTau2: number;
  meanVariationalTau2: number;
  sampleVariance: number;
}

let cache: Chapter3Numbers | undefined;

export function chapter3Numbers(): Chapter3Numbers {
  if (cache) return cache;
  const x = exampleData();
  const mle = exactMle(x, SIGMA2);
  const narrow = varianceBias(x, SIGMA2, 0.25);
  const wide = varianceBias(x, SIGMA2, 1);
  const ll = (t: RandomEffectsTheta) => logMarginalLikelihood(x, t, SIGMA2);
  const rng = createRng(2024);
  let sumExact = 0;
  let sumVar = 0;
  const reps = 200;
  for (let r = 0; r < reps; r++) {
    const xr = sampleRandomEffects(40, { mu: 0, tau2: 1 }, SIGMA2, rng);
    const e = exactMle(xr, SIGMA2);
    sumExact += e.tau2;
    sumVar += runVariationalEm(xr, e, SIGMA2, { family: 'fixed-variance', fixedVariance: 0.25 }, 20_000, 1e-10).theta.tau2;
  }
  cache = {
    mleTau2: mle.tau2,
    posteriorVarAtMle: (mle.tau2 * SIGMA2) / (mle.tau2 + SIGMA2),
    variationalTau2Narrow: narrow.variational.tau2,
    logLikGapNarrow: ll(mle) - ll(narrow.variational),
    variationalTau2Wide: wide.variational.tau2,
    meanExactTau2: sumExact / reps,
    meanVariationalTau2: sumVar / reps,
    sampleVariance: mle.tau2 + SIGMA2,
  };
  return cache;
}
