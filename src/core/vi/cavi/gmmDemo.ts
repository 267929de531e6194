/**
 * Demo 'cavi-gmm': CAVI sweeps for the Bayesian mixture of unit-variance Gaussians in 2-D
 * (Blei, Kucukelbir & McAuliffe 2017, §3), optionally with the hyperparameter σ² estimated by
 * variational EM. One sweep per step; the ELBO is the convergence monitor.
 */
import { defineDemo, type Plain } from '../../demo';
import type { ParamTable } from '../../params';
import { createRng } from '../../random';
import {
  caviSweep,
  gmmElbo,
  initGmmVariational,
  matchedMeanError,
  sampleGmmData,
  type GmmProblem,
  type GmmVariational,
} from './gmm';

export const caviGmmParams = {
  K: { kind: 'int', label: 'Components K', min: 2, max: 6, default: 3 },
  n: { kind: 'int', label: 'Points n', min: 30, max: 600, step: 10, default: 200 },
  trueSigma: { kind: 'number', label: 'Spread of the true means (data)', min: 0.5, max: 8, step: 0.1, default: 3 },
  sigma: { kind: 'number', label: 'Prior sd σ of the means (fit)', min: 0.2, max: 20, step: 0.1, default: 5, scale: 'log' },
  estimateSigma: { kind: 'boolean', label: 'Estimate σ² (variational EM)', default: false },
} satisfies ParamTable;

export interface CaviGmmSnapshot extends Record<string, Plain> {
  x: Float64Array;
  trueMeans: Float64Array;
  m: Float64Array;
  s2: Float64Array;
  phi: Float64Array;
  K: number;
  sigma2: number;
}

const D = 2;

export default defineDemo({
  id: 'cavi-gmm',
  title: 'CAVI for a Bayesian Gaussian mixture',
  params: caviGmmParams,
  usesTf: false,
  defaultSteps: 40,
  async create({ params, seed }) {
    const rng = createRng(seed);
    const data = sampleGmmData(params.n, params.K, D, params.trueSigma, rng);
    const prob: GmmProblem = { x: data.x, n: params.n, D, K: params.K, sigma2: params.sigma ** 2 };
    let q: GmmVariational = initGmmVariational(prob, rng);
    let sweeps = 0;
    let lastElbo = gmmElbo(prob, q);
    let change = Infinity;
    const copy = (v: GmmVariational): GmmVariational => ({
      m: Float64Array.from(v.m),
      s2: Float64Array.from(v.s2),
      phi: Float64Array.from(v.phi),
    });
    return {
      step() {
        caviSweep(prob, q, params.estimateSigma);
        sweeps++;
        const elbo = gmmElbo(prob, q);
        change = elbo - lastElbo;
        lastElbo = elbo;
        return {
          elbo,
          elboChange: change,
          meanError: matchedMeanError(data.means, q.m, params.K, D),
          sigma2: prob.sigma2,
        };
      },
      snapshot(): CaviGmmSnapshot {
        return {
          x: Float64Array.from(data.x),
          trueMeans: Float64Array.from(data.means),
          m: Float64Array.from(q.m),
          s2: Float64Array.from(q.s2),
          phi: Float64Array.from(q.phi),
          K: params.K,
          sigma2: prob.sigma2,
        };
      },
      checkpoint() {
        return { ...copy(q), sigma2: prob.sigma2, sweeps, lastElbo };
      },
      restore(cp) {
        const c = cp as unknown as GmmVariational & { sigma2: number; sweeps: number; lastElbo: number };
        q = copy(c);
        prob.sigma2 = c.sigma2;
        sweeps = c.sweeps;
        lastElbo = c.lastElbo;
      },
      isDone() {
        return sweeps >= 500 || (sweeps > 2 && Math.abs(change) < 1e-10);
      },
      corrupt() {
        q.m.fill(NaN);
      },
      dispose() {},
    };
  },
  async summarize(session) {
    const s = (await session.snapshot()) as CaviGmmSnapshot;
    return { sigma2: s.sigma2, meanError: matchedMeanError(s.trueMeans, s.m, s.K, D) };
  },
});
