/**
 * Demo 'ppca-em': EM for probabilistic PCA converging to the closed-form MLE. Data come from a
 * PPCA model with random loadings; EM starts from random W and σ² = 1. The metrics measure the
 * distance to the closed-form solution in rotation-invariant terms (W is identified only up to
 * an orthogonal R): the largest principal angle between the subspaces, ‖WWᵀ − W*W*ᵀ‖_F, |σ² − σ²*|
 * and the log-likelihood gap ℓ* − ℓ ≥ 0.
 */
import { defineDemo, type Plain } from '../demo';
import type { ParamTable } from '../params';
import { createRng } from '../random';
import { mean } from '../math/stats';
import {
  loadingsDistance,
  ppcaClosedForm,
  ppcaEmStep,
  ppcaInit,
  ppcaLogLikPerPoint,
  samplePpca,
  sampleCovariance,
  subspaceAngle,
  type PpcaParams,
} from './ppca';

export const ppcaParams = {
  d: { kind: 'int', label: 'Data dimension d', min: 2, max: 10, default: 2 },
  q: { kind: 'int', label: 'Latent dimension q', min: 1, max: 9, default: 1 },
  n: { kind: 'int', label: 'Points n', min: 20, max: 2000, step: 10, default: 300 },
  noise: { kind: 'number', label: 'True noise sd σ', min: 0.05, max: 1.5, step: 0.05, default: 0.4 },
  maxSteps: { kind: 'int', label: 'Steps', min: 10, max: 5000, default: 500 },
} satisfies ParamTable;

export interface PpcaSnapshot extends Record<string, Plain> {
  /** x [n*d] */
  data: Float32Array;
  n: number;
  d: number;
  q: number;
  /** sample mean [d] (the MLE of μ) */
  mean: Float64Array;
  /** EM iterate W [d*q], σ² */
  W: Float64Array;
  sigma2: number;
  /** closed-form MLE W* [d*q], σ²* */
  mleW: Float64Array;
  mleSigma2: number;
  /** eigenvalues of S, descending [d] */
  eigenvalues: Float64Array;
  step: number;
  notice: string;
  /** Metrics of every step so far, for the chart. */
  trace: { angle: Float64Array; distance: Float64Array; sigma2Error: Float64Array; gap: Float64Array };
}

/** The generating loadings: column a is a random unit direction scaled by 1.6 / (a + 1). */
function trueLoadings(d: number, q: number, seed: number): Float64Array {
  const rng = createRng(seed ^ 0x2545f491);
  const W = new Float64Array(d * q);
  for (let a = 0; a < q; a++) {
    let norm = 0;
    const v = Array.from({ length: d }, () => rng.normal());
    for (const t of v) norm += t * t;
    for (let j = 0; j < d; j++) W[j * q + a] = (1.6 / (a + 1)) * (v[j] / Math.sqrt(norm));
  }
  return W;
}

export default defineDemo({
  id: 'ppca-em',
  title: 'EM for probabilistic PCA',
  params: ppcaParams,
  usesTf: false,
  defaultSteps: 500,
  async create({ params, seed }) {
    const { d, n } = params;
    const q = Math.min(params.q, d - 1);
    const notice = q !== params.q ? `q must be below d: using q = ${q}.` : '';
    const x = samplePpca(n, trueLoadings(d, q, seed), d, q, params.noise ** 2, createRng(seed));
    const mu = mean(x, n, d);
    const S = sampleCovariance(x, n, d);
    const mle = ppcaClosedForm(S, d, q);
    const mleLogLik = ppcaLogLikPerPoint(S, mle, d, q);
    let p: PpcaParams = ppcaInit(d, q, createRng(seed + 1));
    let step = 0;
    const keys = ['angle', 'distance', 'sigma2Error', 'gap'] as const;
    let trace: Record<(typeof keys)[number], number[]> = { angle: [], distance: [], sigma2Error: [], gap: [] };
    const packTrace = () => ({
      angle: Float64Array.from(trace.angle),
      distance: Float64Array.from(trace.distance),
      sigma2Error: Float64Array.from(trace.sigma2Error),
      gap: Float64Array.from(trace.gap),
    });
    const metrics = () => {
      const logLik = ppcaLogLikPerPoint(S, p, d, q);
      return {
        logLik,
        gap: mleLogLik - logLik,
        angle: subspaceAngle(p.W, mle.W, d, q),
        distance: loadingsDistance(p.W, mle.W, d, q),
        sigma2Error: Math.abs(p.sigma2 - mle.sigma2),
        sigma2: p.sigma2,
        step,
      };
    };
    return {
      step() {
        p = ppcaEmStep(S, p, d, q);
        step++;
        const out = metrics();
        for (const key of keys) trace[key].push(out[key]);
        return out;
      },
      snapshot(): PpcaSnapshot {
        return {
          data: Float32Array.from(x),
          n,
          d,
          q,
          mean: mu,
          W: p.W.slice(),
          sigma2: p.sigma2,
          mleW: mle.W.slice(),
          mleSigma2: mle.sigma2,
          eigenvalues: mle.eigenvalues.slice(),
          step,
          notice,
          trace: packTrace(),
        };
      },
      checkpoint() {
        return { W: p.W.slice(), sigma2: p.sigma2, step, trace: packTrace() };
      },
      restore(cp) {
        const c = cp as { W: Float64Array; sigma2: number; step: number; trace: Record<(typeof keys)[number], Float64Array> };
        p = { W: Float64Array.from(c.W), sigma2: c.sigma2 };
        step = c.step;
        trace = { angle: Array.from(c.trace.angle), distance: Array.from(c.trace.distance), sigma2Error: Array.from(c.trace.sigma2Error), gap: Array.from(c.trace.gap) };
      },
      isDone() {
        return step >= params.maxSteps || (step > 0 && metrics().gap < 1e-12);
      },
      corrupt() {
        p = { W: p.W.map(() => NaN), sigma2: NaN };
      },
      dispose() {},
    };
  },
  async summarize(session) {
    const s = (await session.snapshot()) as PpcaSnapshot;
    return { sigma2: s.sigma2, mleSigma2: s.mleSigma2, steps: s.step };
  },
});
