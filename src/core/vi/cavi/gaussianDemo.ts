/**
 * Demo 'cavi-gaussian': one coordinate update of mean-field CAVI per step on a correlated
 * bivariate Gaussian; the snapshot carries the staircase path for the contour plot.
 */
import { defineDemo, type Plain } from '../../demo';
import type { ParamTable } from '../../params';
import {
  correlatedGaussian,
  meanFieldKl,
  meanFieldVarianceRatio,
  updateFactor,
  type MeanFieldGaussian,
} from './gaussian2d';

export const caviGaussianParams = {
  rho: { kind: 'number', label: 'Correlation ρ', min: -0.99, max: 0.99, step: 0.01, default: 0.9 },
  sd2: { kind: 'number', label: 'sd of z₂ (sd of z₁ = 1)', min: 0.3, max: 3, step: 0.05, default: 1 },
  startX: { kind: 'number', label: 'Start m₁', min: -3, max: 3, step: 0.1, default: -2.5 },
  startY: { kind: 'number', label: 'Start m₂', min: -3, max: 3, step: 0.1, default: 2 },
} satisfies ParamTable;

export interface CaviGaussianSnapshot extends Record<string, Plain> {
  /** Target mean [2] and covariance [Σ11, Σ12, Σ22]. */
  mean: Float64Array;
  cov: Float64Array;
  /** Means visited, [(steps+1)*2]. */
  path: Float64Array;
  m: Float64Array;
  v: Float64Array;
  varianceRatio: number;
}

export default defineDemo({
  id: 'cavi-gaussian',
  title: 'CAVI on a correlated Gaussian',
  params: caviGaussianParams,
  usesTf: false,
  defaultSteps: 40,
  async create({ params }) {
    const target = correlatedGaussian(params.rho, 1, params.sd2);
    const start = (): MeanFieldGaussian => ({ m: [params.startX, params.startY], v: [1, params.sd2 ** 2] });
    let q = start();
    let steps = 0;
    let path: number[] = [...q.m];
    return {
      step() {
        q = updateFactor(q, target, (steps % 2) as 0 | 1);
        steps++;
        path.push(q.m[0], q.m[1]);
        const kl = meanFieldKl(q, target);
        const dist = Math.hypot(q.m[0] - target.mean[0], q.m[1] - target.mean[1]);
        return { elbo: -kl, kl, m1: q.m[0], m2: q.m[1], distanceToMean: dist, varianceRatio: q.v[0] / target.cov[0] };
      },
      snapshot(): CaviGaussianSnapshot {
        return {
          mean: Float64Array.from(target.mean),
          cov: Float64Array.from(target.cov),
          path: Float64Array.from(path),
          m: Float64Array.from(q.m),
          v: Float64Array.from(q.v),
          varianceRatio: meanFieldVarianceRatio(target),
        };
      },
      checkpoint() {
        return { m: Float64Array.from(q.m), v: Float64Array.from(q.v), steps, path: Float64Array.from(path) };
      },
      restore(cp) {
        const c = cp as { m: Float64Array; v: Float64Array; steps: number; path: Float64Array };
        q = { m: [c.m[0], c.m[1]], v: [c.v[0], c.v[1]] };
        steps = c.steps;
        path = Array.from(c.path);
      },
      isDone() {
        return steps >= 400 || Math.hypot(q.m[0] - target.mean[0], q.m[1] - target.mean[1]) < 1e-10;
      },
      corrupt() {
        q = { m: [NaN, NaN], v: [NaN, NaN] };
      },
      dispose() {},
    };
  },
  async summarize(session) {
    const s = (await session.snapshot()) as CaviGaussianSnapshot;
    return {
      distanceToMean: Math.hypot(s.m[0] - s.mean[0], s.m[1] - s.mean[1]),
      varianceRatio: s.varianceRatio,
      coordinateUpdates: s.path.length / 2 - 1,
    };
  },
});
