/**
 * Standard errors and 95% Wald intervals for the weights and means of a Gaussian mixture at its
 * EM fixed point (chapter 2, section "standard-errors"), from Louis's observed information.
 *
 * The widget's EM runs in float32 with the covariance floor ψ. The intervals are for the MLE of
 * the unpenalized ℓ, so we first polish the fit with float64 EM without the floor (ψ = 0) until
 * the step is below 1e-13 per point, then invert I_obs (louis.ts). Var(π̂_K) follows from
 * π_K = 1 − Σ_{j<K} π_j: Var = 1ᵀ V_ππ 1 over the first K − 1 weights.
 */
import { cholesky, inverse } from '../math/linalg';
import { fitGaussianMixtureEM, type GaussianMixture } from './gmm';
import { louisInformation, parameterLayout, Z_975 } from './louis';

export interface WaldEstimate extends Record<string, number> {
  estimate: number;
  se: number;
  lower: number;
  upper: number;
}

export interface ComponentInference extends Record<string, WaldEstimate | WaldEstimate[]> {
  weight: WaldEstimate;
  /** one per coordinate */
  mean: WaldEstimate[];
}

export type MixtureInference =
  | {
      ok: true;
      components: ComponentInference[];
      /** float64 EM iterations of the polish */
      polishSteps: number;
      /** largest |∂ℓ/∂θ_j| at the polished fixed point */
      maxAbsScore: number;
      /** largest |change| of a weight or mean coordinate made by the polish */
      polishShift: number;
    }
  | { ok: false; reason: string };

function wald(estimate: number, variance: number): WaldEstimate {
  const se = Math.sqrt(variance);
  return { estimate, se, lower: estimate - Z_975 * se, upper: estimate + Z_975 * se };
}

/** Wald intervals from I_obs at the given (already converged) mixture. @param x [n×d] */
export function waldFromObservedInformation(x: ArrayLike<number>, n: number, m: GaussianMixture): { ok: true; components: ComponentInference[]; maxAbsScore: number } | { ok: false; reason: string } {
  const { k, d } = m;
  const info = louisInformation(x, n, m);
  const { p } = info;
  if (!info.observed.every(Number.isFinite)) return { ok: false, reason: 'The observed information is not finite at this fit.' };
  if (!cholesky(info.observed, p)) {
    return { ok: false, reason: 'The observed information is not positive definite here: this fit is not a strict local maximum (a saddle, or a component too small to pin down), so Wald intervals do not apply.' };
  }
  const V = inverse(info.observed, p);
  const layout = parameterLayout(k, d);
  const components: ComponentInference[] = [];
  for (let c = 0; c < k; c++) {
    let wVar = 0;
    if (c < k - 1) wVar = V[c * p + c];
    else for (let a = 0; a < k - 1; a++) for (let b = 0; b < k - 1; b++) wVar += V[a * p + b];
    const mean: WaldEstimate[] = [];
    for (let j = 0; j < d; j++) {
      const t = layout.meanIndex(c, j);
      mean.push(wald(m.means[c * d + j], V[t * p + t]));
    }
    components.push({ weight: wald(m.weights[c], wVar), mean });
  }
  let maxAbsScore = 0;
  for (const g of info.score) maxAbsScore = Math.max(maxAbsScore, Math.abs(g));
  return { ok: true, components, maxAbsScore };
}

/** Polishes `fit` with float64 EM (ψ = 0) and returns Wald intervals at the polished MLE. @param x [n×d] */
export function mixtureStandardErrors(x: ArrayLike<number>, n: number, fit: GaussianMixture, maxSteps = 5000): MixtureInference {
  const { k, d } = fit;
  if (k < 1 || n <= k * (1 + d + (d * (d + 1)) / 2)) return { ok: false, reason: `Too few points (${n}) for ${k} components with full covariances.` };
  const polished = fitGaussianMixtureEM(x, n, d, k, { init: fit, floor: 0, tol: 1e-13, maxSteps });
  const m = polished.model;
  if (![m.weights, m.means, m.covariances].every((a) => a.every(Number.isFinite))) return { ok: false, reason: 'Polishing the fit without the covariance floor diverged (a component collapses).' };
  if (!polished.converged) return { ok: false, reason: `EM had not settled to a fixed point after ${maxSteps} float64 iterations; the intervals need the MLE.` };
  let polishShift = 0;
  for (let t = 0; t < k; t++) polishShift = Math.max(polishShift, Math.abs(m.weights[t] - fit.weights[t]));
  for (let t = 0; t < k * d; t++) polishShift = Math.max(polishShift, Math.abs(m.means[t] - fit.means[t]));
  const w = waldFromObservedInformation(x, n, m);
  if (!w.ok) return w;
  return { ok: true, components: w.components, polishSteps: polished.steps, maxAbsScore: w.maxAbsScore, polishShift };
}
