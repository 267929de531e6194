/**
 * Numbers quoted in chapter 8 (<Computed name="ch8-…" />), all from closed forms in this folder.
 * Cached: each is computed once per page.
 */
import { elboWeight } from './epsilon';
import { gaussianSamplerMoments } from './gaussianOracle';
import { MAX_BETA, makeSchedule } from './schedule';

/** The chapter's Gaussian example: data N(m, S) with variances 2 and 0.5 and correlation 0.6. */
export const CH8_GAUSSIAN_MEAN = [1, -0.5];
export const CH8_GAUSSIAN_COV = [2, 0.6, 0.6, 0.5];

export interface Chapter8Numbers {
  alphaBarTLinear: number;
  alphaBarTCosine: number;
  /** √ᾱ_t at t = T/2 under each schedule: how much of x_0 survives half-way. */
  halfwaySignalLinear: number;
  halfwaySignalCosine: number;
  /** λ_2/λ_T for the linear schedule, T = 100, σ² = β: how unevenly the true ELBO weights timesteps. */
  weightRatio: number;
  /** Var(x_0[0]) produced by the exact-ε sampler divided by the true variance S₀₀. */
  varRatioT10Tilde: number;
  varRatioT10Beta: number;
  varRatioT100Beta: number;
  varRatioT1000Beta: number;
  /** The largest T at which the rescaled linear schedule's upper end 0.02·1000/T is clipped at MAX_BETA. */
  clipLargestT: number;
  /** The clipped ten-step linear schedule: β_1, β_10, the unclipped β_10 (0.02·1000/10) and ᾱ_10. */
  t10BetaFirst: number;
  t10BetaLast: number;
  t10BetaUnclipped: number;
  t10AlphaBar: number;
}

/** Largest T whose rescaled linear schedule is clipped: the schedule itself is asked, T by T. */
function largestClippedT(): number {
  let largest = 0;
  for (let T = 2; T <= 1000; T++) {
    const s = makeSchedule('linear', T);
    if (s.beta[T] === MAX_BETA) largest = T;
  }
  return largest;
}

let cached: Chapter8Numbers | null = null;

export function chapter8Numbers(): Chapter8Numbers {
  if (cached) return cached;
  const lin = makeSchedule('linear', 100);
  const cos = makeSchedule('cosine', 100);
  const t10 = makeSchedule('linear', 10);
  const ratio = (T: number, v: 'beta' | 'betaTilde') =>
    gaussianSamplerMoments(CH8_GAUSSIAN_MEAN, CH8_GAUSSIAN_COV, 2, makeSchedule('linear', T), v).cov[0] / CH8_GAUSSIAN_COV[0];
  cached = {
    alphaBarTLinear: lin.alphaBar[100],
    alphaBarTCosine: cos.alphaBar[100],
    halfwaySignalLinear: Math.sqrt(lin.alphaBar[50]),
    halfwaySignalCosine: Math.sqrt(cos.alphaBar[50]),
    weightRatio: elboWeight(lin, 2, 'beta') / elboWeight(lin, 100, 'beta'),
    varRatioT10Tilde: ratio(10, 'betaTilde'),
    varRatioT10Beta: ratio(10, 'beta'),
    varRatioT100Beta: ratio(100, 'beta'),
    varRatioT1000Beta: ratio(1000, 'beta'),
    clipLargestT: largestClippedT(),
    t10BetaFirst: t10.beta[1],
    t10BetaLast: t10.beta[10],
    t10BetaUnclipped: (0.02 * 1000) / 10,
    t10AlphaBar: t10.alphaBar[10],
  };
  return cached;
}
