/**
 * Demo 'mixture-1d': EM on the two-means 1-D mixture of chapter 1, from a start the reader picks
 * on the log-likelihood surface. The snapshot carries the whole path so the widget can draw it
 * over the surface, and the MLE's two label-switched modes.
 */
import { defineDemo, type Plain } from '../demo';
import type { ParamTable } from '../params';
import { createRng } from '../random';
import { mixture1dData, mixture1dEmStep, mixture1dLogLik, mixture1dMle } from './mixture1d';

export const mixture1dParams = {
  separation: { kind: 'number', label: 'Separation of the true means', min: 0, max: 6, step: 0.1, default: 3 },
  n: { kind: 'int', label: 'Points n', min: 10, max: 1000, step: 10, default: 100 },
  start1: { kind: 'number', label: 'Start μ₁', min: -5, max: 5, step: 0.05, default: 4.5 },
  start2: { kind: 'number', label: 'Start μ₂', min: -5, max: 5, step: 0.05, default: 3.5 },
  maxSteps: { kind: 'int', label: 'Steps', min: 5, max: 2000, default: 300 },
} satisfies ParamTable;

/** The data both the demo and the widget's surface use: fixed by (n, separation, seed). */
export function mixture1dDemoData(n: number, separation: number, seed: number): Float64Array {
  return mixture1dData(n, separation, createRng(seed));
}

export interface Mixture1dSnapshot extends Record<string, Plain> {
  data: Float64Array;
  /** EM iterates (μ1, μ2) [(steps+1)*2], the start first */
  path: Float64Array;
  logLik: number;
  /** the refined MLE's modes (μ1, μ2, μ2, μ1) [4] */
  mle: Float64Array;
  mleLogLik: number;
  step: number;
}

const TOL_PER_POINT = 1e-10;

export default defineDemo({
  id: 'mixture-1d',
  title: 'EM on the two-means 1-D mixture',
  params: mixture1dParams,
  usesTf: false,
  defaultSteps: 300,
  async create({ params, seed }) {
    const x = mixture1dDemoData(params.n, params.separation, seed);
    const n = x.length;
    const mle = mixture1dMle(x);
    let path: number[] = [params.start1, params.start2];
    let ll = mixture1dLogLik(x, params.start1, params.start2);
    let delta = Infinity;
    const last = () => [path[path.length - 2], path[path.length - 1]] as const;
    const steps = () => path.length / 2 - 1;
    return {
      step() {
        const [a, b] = last();
        const [m1, m2] = mixture1dEmStep(x, a, b);
        path = [...path, m1, m2];
        const next = mixture1dLogLik(x, m1, m2);
        delta = (next - ll) / n;
        ll = next;
        return { logLik: ll / n, delta, mu1: m1, mu2: m2, step: steps() };
      },
      snapshot(): Mixture1dSnapshot {
        return {
          data: Float64Array.from(x),
          path: Float64Array.from(path),
          logLik: ll / n,
          mle: Float64Array.from([...mle.modes[0], ...mle.modes[1]]),
          mleLogLik: mle.logLik / n,
          step: steps(),
        };
      },
      checkpoint() {
        return { path: Float64Array.from(path), ll, delta: Number.isFinite(delta) ? delta : null };
      },
      restore(cp) {
        const c = cp as { path: Float64Array; ll: number; delta: number | null };
        path = Array.from(c.path);
        ll = c.ll;
        delta = c.delta ?? Infinity;
      },
      isDone() {
        return steps() >= params.maxSteps || Math.abs(delta) < TOL_PER_POINT;
      },
      corrupt() {
        path = [...path, NaN, NaN];
      },
      dispose() {},
    };
  },
});
