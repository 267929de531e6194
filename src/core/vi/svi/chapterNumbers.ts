/**
 * Numbers quoted in chapter 5's prose, computed from the same core the widgets run (their
 * default settings, seed 1). Cheap enough to run at render on the main thread (a few ms).
 */
import { exactSingleDrawVariance, gradientVarianceStudy, varianceRatio, type GaussianToy } from '../gradients';
import { gaussianTargetPrecision, TARGET_LOG_Z } from '../targets2d/constants';
import { ADVI_EXAMPLE, adviElbo, adviOptimum, poissonGammaLogEvidence } from './advi';
import { defaultSviData, fullBatchOptimum, sviFinalError } from './hierarchicalNormal';
import { totalStepLength } from './stepSizes';

export interface Chapter5Numbers {
  /** Toy q = N(1, 1), target N(0, 1), S = 10 draws, 2,000 repeats: Var(score)/Var(reparam) for ∂/∂m. */
  varianceRatioMeasured: number;
  varianceRatioExact: number;
  /** Same toy with log Z = 5 (an unnormalized target): measured as above, and exactly by quadrature. */
  varianceRatioLogZ5: number;
  varianceRatioLogZ5Exact: number;
  /** Leave-one-out control variate at log Z = 5: its variance over the plain score function's. */
  looReductionLogZ5: number;
  sviOptimumMu: number;
  sviOptimumTau: number;
  /** Distance to the optimum after 5,000 steps (batch 10, τ₀ = 10), seed 1. */
  sviErrorKappa07: number;
  sviErrorKappa03: number;
  sviErrorKappa15: number;
  /** Σ_t ρ_t over all t for κ = 1.5, τ₀ = 10: the whole distance SVI can ever travel. */
  totalStepKappa15: number;
  adviMeanLambda: number;
  posteriorMeanLambda: number;
  posteriorModeLambda: number;
  adviGap: number;
  /** Gaussian target: KL(q* ‖ p) at the mean-field optimum. */
  meanFieldKl: number;
  bananaLogZ: number;
}

let cache: Chapter5Numbers | undefined;

export const CH5_TOY: GaussianToy = { m: 1, logS: 0, mu0: 0, sigma0: 1 };

export function chapter5Numbers(): Chapter5Numbers {
  if (cache) return cache;
  const study = gradientVarianceStudy({ toy: CH5_TOY, samples: 10, repeats: 2000, seed: 1 });
  const shifted = gradientVarianceStudy({ toy: { ...CH5_TOY, logZ: 5 }, samples: 10, repeats: 2000, seed: 1 });
  const opt = fullBatchOptimum(defaultSviData(1));
  const advi = adviOptimum(ADVI_EXAMPLE);
  const A = ADVI_EXAMPLE.a + ADVI_EXAMPLE.counts.reduce((x, y) => x + y, 0);
  const B = ADVI_EXAMPLE.b + ADVI_EXAMPLE.counts.length;
  const [a, b, c] = gaussianTargetPrecision();
  cache = {
    varianceRatioMeasured: varianceRatio(study, 'score', 'm'),
    varianceRatioExact: exactSingleDrawVariance(CH5_TOY, 'score', 'm') / exactSingleDrawVariance(CH5_TOY, 'reparameterization', 'm'),
    varianceRatioLogZ5: varianceRatio(shifted, 'score', 'm'),
    varianceRatioLogZ5Exact:
      exactSingleDrawVariance({ ...CH5_TOY, logZ: 5 }, 'score', 'm') / exactSingleDrawVariance({ ...CH5_TOY, logZ: 5 }, 'reparameterization', 'm'),
    looReductionLogZ5: shifted.summary['score-loo'].m.variance / shifted.summary.score.m.variance,
    sviOptimumMu: opt.mu,
    sviOptimumTau: Math.sqrt(opt.tau2),
    sviErrorKappa07: sviFinalError(1, 5000, 10, 10, 0.7),
    sviErrorKappa03: sviFinalError(1, 5000, 10, 10, 0.3),
    sviErrorKappa15: sviFinalError(1, 5000, 10, 10, 1.5),
    totalStepKappa15: totalStepLength(200000, 10, 1.5) + 2 / Math.sqrt(10 + 200000),
    adviMeanLambda: advi.meanLambda,
    posteriorMeanLambda: A / B,
    posteriorModeLambda: (A - 1) / B,
    adviGap: poissonGammaLogEvidence(ADVI_EXAMPLE) - adviElbo(ADVI_EXAMPLE, advi.m, advi.logS),
    meanFieldKl: 0.5 * (Math.log(a) + Math.log(c) - Math.log(a * c - b * b)),
    bananaLogZ: TARGET_LOG_Z.banana,
  };
  return cache;
}
