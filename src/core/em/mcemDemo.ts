/**
 * Demo 'mcem': exact EM and Monte Carlo EM on the same data from the same k-means++ start.
 * The MC run replaces each E-step by m sampled assignments per point (slider, applied live);
 * with small m its log-likelihood jitters below the exact run's, and the gap closes as m grows.
 */
import { defineDemo, type Plain } from '../demo';
import { DATASET_LABELS, DATASET_NAMES, makeDataset, type DatasetName } from '../data/toy2d';
import type { ParamTable } from '../params';
import { createRng } from '../random';
import { cloneMixture, initKMeansPlusPlus, logLikelihood, type GaussianMixture } from './gmm';
import { emStep, mcemStep } from './mcem';

export const mcemParams = {
  dataset: { kind: 'select', label: 'Dataset', options: DATASET_NAMES, optionLabels: DATASET_LABELS, default: 'moons' },
  n: { kind: 'int', label: 'Points n', min: 20, max: 1000, step: 10, default: 300 },
  k: { kind: 'int', label: 'Components k', min: 1, max: 8, default: 4 },
  noise: { kind: 'number', label: 'Noise', min: 0.05, max: 1, step: 0.01, default: 0.15 },
  m: { kind: 'int', label: 'Samples per point m', min: 1, max: 1000, default: 5 },
  maxSteps: { kind: 'int', label: 'Steps', min: 10, max: 2000, default: 200 },
} satisfies ParamTable;

export interface McemSnapshot extends Record<string, Plain> {
  /** x [n*2] */
  data: Float32Array;
  k: number;
  /** exact EM: μ [k*2], Σ [k*4], π [k] */
  exactMeans: Float64Array;
  exactCovariances: Float64Array;
  exactWeights: Float64Array;
  /** Monte Carlo EM, same layout */
  mcMeans: Float64Array;
  mcCovariances: Float64Array;
  mcWeights: Float64Array;
  m: number;
  step: number;
  /** Metrics of every step so far (the chart draws these, so a fast run still shows every iteration). */
  trace: { logLikExact: Float64Array; logLikMc: Float64Array; meanGap: Float64Array };
}

const pack = (g: GaussianMixture): Plain => ({ w: g.weights.slice(), mu: g.means.slice(), s: g.covariances.slice() });
const unpack = (p: Plain, k: number): GaussianMixture => {
  const o = p as { w: Float64Array; mu: Float64Array; s: Float64Array };
  return { k, d: 2, weights: Float64Array.from(o.w), means: Float64Array.from(o.mu), covariances: Float64Array.from(o.s) };
};

export default defineDemo({
  id: 'mcem',
  title: 'Monte Carlo EM beside exact EM',
  params: mcemParams,
  usesTf: false,
  defaultSteps: 200,
  async create({ params, seed }) {
    const live = { ...params };
    const n = params.n;
    const k = params.k;
    const x = makeDataset(params.dataset as DatasetName, n, createRng(seed), params.noise);
    let exact = initKMeansPlusPlus(x, n, 2, k, createRng(seed + 1));
    let mc = cloneMixture(exact);
    let step = 0;
    let trace = { logLikExact: [] as number[], logLikMc: [] as number[], meanGap: [] as number[] };
    // MC draws for step t come from a stream fixed by (seed, t), so checkpoints need no rng state.
    const drawRng = () => createRng((seed * 2654435761 + 97 * (step + 1)) >>> 0);
    const metrics = () => {
      const logLikExact = logLikelihood(x, n, exact) / n;
      const logLikMc = logLikelihood(x, n, mc) / n;
      let meanGap = 0;
      for (let i = 0; i < mc.means.length; i++) meanGap = Math.max(meanGap, Math.abs(mc.means[i] - exact.means[i]));
      return { logLikExact, logLikMc, gap: logLikExact - logLikMc, meanGap, m: live.m, step };
    };
    return {
      step() {
        const rng = drawRng();
        exact = emStep(x, n, exact);
        mc = mcemStep(x, n, mc, live.m, rng);
        step++;
        const out = metrics();
        trace.logLikExact.push(out.logLikExact);
        trace.logLikMc.push(out.logLikMc);
        trace.meanGap.push(out.meanGap);
        return out;
      },
      snapshot(): McemSnapshot {
        return {
          data: Float32Array.from(x),
          k,
          exactMeans: exact.means.slice(),
          exactCovariances: exact.covariances.slice(),
          exactWeights: exact.weights.slice(),
          mcMeans: mc.means.slice(),
          mcCovariances: mc.covariances.slice(),
          mcWeights: mc.weights.slice(),
          m: live.m,
          step,
          trace: {
            logLikExact: Float64Array.from(trace.logLikExact),
            logLikMc: Float64Array.from(trace.logLikMc),
            meanGap: Float64Array.from(trace.meanGap),
          },
        };
      },
      checkpoint() {
        return {
          exact: pack(exact),
          mc: pack(mc),
          step,
          trace: { logLikExact: Float64Array.from(trace.logLikExact), logLikMc: Float64Array.from(trace.logLikMc), meanGap: Float64Array.from(trace.meanGap) },
        };
      },
      restore(cp) {
        const c = cp as { exact: Plain; mc: Plain; step: number; trace: Record<'logLikExact' | 'logLikMc' | 'meanGap', Float64Array> };
        exact = unpack(c.exact, k);
        mc = unpack(c.mc, k);
        step = c.step;
        trace = { logLikExact: Array.from(c.trace.logLikExact), logLikMc: Array.from(c.trace.logLikMc), meanGap: Array.from(c.trace.meanGap) };
      },
      setParams(values) {
        Object.assign(live, values);
      },
      isDone() {
        return step >= live.maxSteps;
      },
      corrupt() {
        mc.means[0] = NaN;
        exact.means[0] = NaN;
      },
      dispose() {},
    };
  },
  async summarize(session) {
    const s = (await session.snapshot()) as McemSnapshot;
    return { m: s.m, steps: s.step };
  },
});
