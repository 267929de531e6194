/**
 * The variance of gradient estimators, measured the way the widget shows it: R independent
 * estimates, each from S draws, of ∂ELBO/∂m and ∂ELBO/∂ω; their sample variances; and the ratio
 * Var(score function) / Var(reparameterization). The exact single-draw variances come from
 * Gauss–Hermite quadrature (the estimators are polynomials in ε for the Gaussian toy).
 */
import { meanAndVariance } from '../../math/stats';
import { createRng } from '../../random';
import { expectStandardNormal } from './gaussHermite';
import { toyExactGradient, toyGradLogTarget, toyLogQ, toyLogTarget, type GaussianToy } from './gaussianToy';
import { reparameterizationGradient, scoreFunctionGradient, type ControlVariate } from './estimators';

export const ESTIMATORS = ['reparameterization', 'score', 'score-baseline', 'score-loo'] as const;
export type EstimatorName = (typeof ESTIMATORS)[number];

export const ESTIMATOR_CV: Record<Exclude<EstimatorName, 'reparameterization'>, ControlVariate> = {
  score: 'none',
  'score-baseline': 'baseline',
  'score-loo': 'leave-one-out',
};

export interface VarianceStudyOptions {
  toy: GaussianToy;
  /** Draws per estimate S (≥ 2 so leave-one-out is defined). */
  samples: number;
  /** Independent estimates R. */
  repeats: number;
  seed: number;
}

export interface ComponentSummary {
  mean: number;
  variance: number;
}

export interface VarianceStudy {
  exact: [number, number];
  /** R estimates per estimator: [R] for ∂/∂m and [R] for ∂/∂ω. */
  estimates: Record<EstimatorName, { m: Float64Array; logS: Float64Array }>;
  summary: Record<EstimatorName, { m: ComponentSummary; logS: ComponentSummary }>;
}


/** Runs every estimator on the same R × S draws (common random numbers make the comparison fair). */
export function gradientVarianceStudy(opts: VarianceStudyOptions): VarianceStudy {
  const { toy, samples: S, repeats: R } = opts;
  if (S < 2) throw new Error('gradientVarianceStudy needs at least 2 draws per estimate');
  const rng = createRng(opts.seed);
  const estimates = {} as VarianceStudy['estimates'];
  for (const name of ESTIMATORS) estimates[name] = { m: new Float64Array(R), logS: new Float64Array(R) };
  const eps = new Float64Array(S);
  const pilot = new Float64Array(S);
  for (let r = 0; r < R; r++) {
    for (let i = 0; i < S; i++) eps[i] = rng.normal();
    for (let i = 0; i < S; i++) pilot[i] = rng.normal();
    const put = (name: EstimatorName, g: [number, number]) => {
      estimates[name].m[r] = g[0];
      estimates[name].logS[r] = g[1];
    };
    put('reparameterization', reparameterizationGradient(toy, eps));
    put('score', scoreFunctionGradient(toy, eps, 'none'));
    put('score-baseline', scoreFunctionGradient(toy, eps, 'baseline', pilot));
    put('score-loo', scoreFunctionGradient(toy, eps, 'leave-one-out'));
  }
  const summary = {} as VarianceStudy['summary'];
  for (const name of ESTIMATORS) summary[name] = { m: meanAndVariance(estimates[name].m), logS: meanAndVariance(estimates[name].logS) };
  return { exact: toyExactGradient(toy), estimates, summary };
}

/**
 * Var(score-function estimator `scoreVariant`) / Var(reparameterization) for one gradient
 * component: the number the widget prints and the tests check.
 */
export function varianceRatio(study: VarianceStudy, scoreVariant: Exclude<EstimatorName, 'reparameterization'>, component: 'm' | 'logS'): number {
  return study.summary[scoreVariant][component].variance / study.summary.reparameterization[component].variance;
}

/**
 * Exact variance of a single-draw estimator (S = 1) by quadrature; the S-draw average of
 * independent terms has variance this / S. For the score function a fixed baseline b may be given.
 */
export function exactSingleDrawVariance(
  toy: GaussianToy,
  estimator: 'reparameterization' | 'score',
  component: 'm' | 'logS',
  baseline = 0,
): number {
  const s = Math.exp(toy.logS);
  const g = (e: number): number => {
    const z = toy.m + s * e;
    if (estimator === 'reparameterization') {
      const d = toyGradLogTarget(toy, z);
      return component === 'm' ? d : d * s * e + 1;
    }
    const fz = toyLogTarget(toy, z) - toyLogQ(toy, z) - baseline;
    return component === 'm' ? (fz * e) / s : fz * (e * e - 1);
  };
  const mean = expectStandardNormal(g);
  return expectStandardNormal((e) => (g(e) - mean) ** 2);
}
