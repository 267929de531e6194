/**
 * Demo 'variational-em': variational EM on the Gaussian random-effects model, one half-step
 * (an E-step or an M-step) per step() so the ELBO can be seen rising in both, while log p_θ(x)
 * moves only when θ does. Metrics carry the exact log-likelihood and the exact MLE, so the bias
 * of the variational MLE in τ² is read off directly.
 */
import { defineDemo, type Plain } from '../../demo';
import type { ParamTable } from '../../params';
import { createRng } from '../../random';
import {
  elbo,
  exactMle,
  klToPosterior,
  logMarginalLikelihood,
  sampleRandomEffects,
  type GaussianFactors,
  type RandomEffectsTheta,
} from './gaussianRandomEffects';
import { variationalEStep, variationalMStep, type FamilySpec, type VariationalFamily } from './variationalEm';

export const variationalEmParams = {
  n: { kind: 'int', label: 'Observations n', min: 5, max: 200, default: 40 },
  sigma: { kind: 'number', label: 'Noise sd σ (known)', min: 0.2, max: 3, step: 0.05, default: 1 },
  trueTau: { kind: 'number', label: 'True τ (data)', min: 0.1, max: 3, step: 0.05, default: 1 },
  family: {
    kind: 'select',
    label: 'Family of q',
    options: ['fixed-variance', 'gaussian'],
    optionLabels: { 'fixed-variance': 'N(m_i, v₀), v₀ fixed', gaussian: 'N(m_i, v_i), free (exact EM)' },
    default: 'fixed-variance',
  },
  qSd: { kind: 'number', label: 'Fixed sd √v₀ of q', min: 0.01, max: 2, step: 0.01, default: 0.5 },
  initTau: { kind: 'number', label: 'Initial τ', min: 0.1, max: 4, step: 0.05, default: 2.5 },
  initMu: { kind: 'number', label: 'Initial μ', min: -3, max: 3, step: 0.1, default: -2 },
} satisfies ParamTable;

export interface VariationalEmSnapshot extends Record<string, Plain> {
  x: Float64Array;
  qM: Float64Array;
  qV: Float64Array;
  mu: number;
  tau2: number;
  sigma2: number;
  mleMu: number;
  mleTau2: number;
  /** The half-step that runs next: 'E' or 'M'. */
  next: string;
  halfSteps: number;
}

export default defineDemo({
  id: 'variational-em',
  title: 'Variational EM on a Gaussian random-effects model',
  params: variationalEmParams,
  usesTf: false,
  defaultSteps: 80,
  async create({ params, seed }) {
    const sigma2 = params.sigma ** 2;
    const x = sampleRandomEffects(params.n, { mu: 0, tau2: params.trueTau ** 2 }, sigma2, createRng(seed));
    const mle = exactMle(x, sigma2);
    const mleLogLik = logMarginalLikelihood(x, mle, sigma2);
    const spec: FamilySpec = { family: params.family as VariationalFamily, fixedVariance: params.qSd ** 2 };
    let theta: RandomEffectsTheta = { mu: params.initMu, tau2: params.initTau ** 2 };
    // Start q at the prior N(μ₀, v): an honest first E-step has work to do.
    const startV = spec.family === 'gaussian' ? theta.tau2 : spec.fixedVariance;
    let q: GaussianFactors = { m: new Float64Array(params.n).fill(theta.mu), v: new Float64Array(params.n).fill(startV) };
    let halfSteps = 0;

    const metrics = () => {
      const logLik = logMarginalLikelihood(x, theta, sigma2);
      return {
        elbo: elbo(x, q, theta, sigma2),
        logLik,
        kl: klToPosterior(x, q, theta, sigma2),
        mu: theta.mu,
        tau2: theta.tau2,
        mleTau2: mle.tau2,
        mleLogLik,
        tau2Bias: theta.tau2 - mle.tau2,
        wasMStep: halfSteps % 2 === 0 ? 1 : 0,
      };
    };

    return {
      step() {
        if (halfSteps % 2 === 0) q = variationalEStep(x, theta, sigma2, spec);
        else theta = variationalMStep(q);
        halfSteps++;
        return metrics();
      },
      snapshot(): VariationalEmSnapshot {
        return {
          x: Float64Array.from(x),
          qM: Float64Array.from(q.m),
          qV: Float64Array.from(q.v),
          mu: theta.mu,
          tau2: theta.tau2,
          sigma2,
          mleMu: mle.mu,
          mleTau2: mle.tau2,
          next: halfSteps % 2 === 0 ? 'E' : 'M',
          halfSteps,
        };
      },
      checkpoint() {
        return { mu: theta.mu, tau2: theta.tau2, m: Float64Array.from(q.m), v: Float64Array.from(q.v), halfSteps };
      },
      restore(cp) {
        const c = cp as { mu: number; tau2: number; m: Float64Array; v: Float64Array; halfSteps: number };
        theta = { mu: c.mu, tau2: c.tau2 };
        q = { m: Float64Array.from(c.m), v: Float64Array.from(c.v) };
        halfSteps = c.halfSteps;
      },
      isDone() {
        return halfSteps >= 2000;
      },
      corrupt() {
        theta = { mu: NaN, tau2: NaN };
      },
      dispose() {},
    };
  },
  async summarize(session) {
    const s = (await session.snapshot()) as VariationalEmSnapshot;
    return {
      tau2: s.tau2,
      mleTau2: s.mleTau2,
      tau2Bias: s.tau2 - s.mleTau2,
      mu: s.mu,
      mleMu: s.mleMu,
    };
  },
});
