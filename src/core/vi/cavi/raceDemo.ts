/**
 * Demo 'cavi-vs-mcmc': a race on the random-effects regression posterior, whose exact mean is
 * known. Each step gives CAVI and an MCMC sampler (Gibbs or random-walk Metropolis) the same
 * budget, either wall-clock milliseconds or sweeps, from the same starting point β = 0.
 * Metrics: each method's error in the posterior mean (RMS over coordinates, in posterior sds),
 * each method's variance ratio (estimate / truth), cumulative milliseconds and sweeps.
 */
import { defineDemo, type Plain } from '../../demo';
import type { ParamTable } from '../../params';
import { createRng } from '../../random';
import { exactMoments, unnormalizedLogDensity } from '../../mcmc/gaussianTarget';
import { gibbsSweep } from '../../mcmc/gibbs';
import { initMetropolis, metropolisStep, type MetropolisState } from '../../mcmc/metropolis';
import { RunningMoments } from '../../mcmc/moments';
import { meanFieldGaussianSweep, meanFieldVariances } from './gaussianNd';
import { regressionPosterior } from './regression';

export const raceParams = {
  d: { kind: 'int', label: 'Coefficients d', min: 2, max: 40, default: 10 },
  n: { kind: 'int', label: 'Observations n', min: 20, max: 500, step: 10, default: 100 },
  rho: { kind: 'number', label: 'Covariate correlation ρ', min: 0, max: 0.99, step: 0.01, default: 0.9 },
  sampler: {
    kind: 'select',
    label: 'Sampler',
    options: ['gibbs', 'rwm'],
    optionLabels: { gibbs: 'Gibbs', rwm: 'Random-walk Metropolis' },
    default: 'gibbs',
  },
  budget: {
    kind: 'select',
    label: 'Budget per step',
    options: ['time', 'sweeps'],
    optionLabels: { time: 'wall-clock ms', sweeps: 'sweeps' },
    default: 'time',
  },
  msPerStep: { kind: 'number', label: 'ms per method per step', min: 0.5, max: 50, step: 0.5, default: 2 },
  sweepsPerStep: { kind: 'int', label: 'Sweeps per method per step', min: 1, max: 1000, default: 5 },
} satisfies ParamTable;

/** (ms, error) pairs, thinned to at most TRACE_CAP points by dropping every other one when full. */
class Trace {
  ms: number[] = [];
  error: number[] = [];
  push(ms: number, error: number): void {
    if (this.ms.length > 0 && ms <= this.ms[this.ms.length - 1]) return;
    this.ms.push(ms);
    this.error.push(error);
    if (this.ms.length > TRACE_CAP) {
      this.ms = this.ms.filter((_, i) => i % 2 === 0 || i === this.ms.length - 1);
      this.error = this.error.filter((_, i) => i % 2 === 0 || i === this.error.length - 1);
    }
  }
}

const TRACE_CAP = 400;

export interface RaceSnapshot extends Record<string, Plain> {
  /** Each method's error against its cumulative ms (CAVI after every sweep, MCMC after every step). */
  caviTraceMs: Float64Array;
  caviTraceError: Float64Array;
  mcmcTraceMs: Float64Array;
  mcmcTraceError: Float64Array;
  exactMean: Float64Array;
  exactSd: Float64Array;
  caviMean: Float64Array;
  caviSd: Float64Array;
  mcmcMean: Float64Array;
  mcmcSd: Float64Array;
}

const FLOOR = 1e-16;
const now = (): number => globalThis.performance.now();

/** RMS_j ((est_j − μ_j) / sd_j). */
function standardizedError(est: ArrayLike<number>, mean: ArrayLike<number>, sd: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < mean.length; j++) s += ((est[j] - mean[j]) / sd[j]) ** 2;
  return Math.max(FLOOR, Math.sqrt(s / mean.length));
}

function meanRatio(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] / b[j];
  return s / a.length;
}

export default defineDemo({
  id: 'cavi-vs-mcmc',
  title: 'CAVI vs MCMC: a race to the posterior mean',
  params: raceParams,
  usesTf: false,
  defaultSteps: 100,
  async create({ params, seed }) {
    const rng = createRng(seed);
    const { target } = regressionPosterior(params.n, params.d, params.rho, rng.fork());
    const exact = exactMoments(target);
    const d = target.d;
    const exactVar = Float64Array.from({ length: d }, (_, j) => exact.cov[j * d + j]);
    const exactSd = exactVar.map(Math.sqrt);
    const qVar = meanFieldVariances(target);
    const chainRng = rng.fork();
    const logp = (z: Float64Array) => unnormalizedLogDensity(target, z);
    const rwmScale = qVar.map((v) => (2.38 / Math.sqrt(d)) * Math.sqrt(v));

    let m = new Float64Array(d);
    let caviChange = Infinity;
    let z = new Float64Array(d);
    let rwm: MetropolisState = initMetropolis(z, logp);
    let moments = new RunningMoments(d);
    let clock = { caviMs: 0, mcmcMs: 0, caviSweeps: 0, mcmcSweeps: 0 };
    let caviTrace = new Trace();
    let mcmcTrace = new Trace();
    let stepStart = 0;

    const caviSweep = () => {
      caviChange = meanFieldGaussianSweep(target, m);
      clock.caviSweeps++;
      caviTrace.push(clock.caviMs + now() - stepStart, standardizedError(m, exact.mean, exactSd));
    };
    const mcmcSweep = () => {
      if (params.sampler === 'gibbs') {
        gibbsSweep(target, z, chainRng);
        moments.push(z);
      } else {
        metropolisStep(rwm, logp, rwmScale, chainRng);
        moments.push(rwm.z);
      }
      clock.mcmcSweeps++;
    };
    /** Runs `sweep` for the step's budget; returns the milliseconds spent. */
    const spend = (sweep: () => void, stopEarly: () => boolean): number => {
      const t0 = now();
      stepStart = t0;
      if (params.budget === 'sweeps') {
        for (let s = 0; s < params.sweepsPerStep && !stopEarly(); s++) sweep();
      } else {
        while (!stopEarly() && now() - t0 < params.msPerStep) for (let s = 0; s < 8 && !stopEarly(); s++) sweep();
      }
      return now() - t0;
    };
    const caviConverged = () => caviChange < 1e-15;

    return {
      step() {
        clock.caviMs += spend(caviSweep, caviConverged);
        clock.mcmcMs += spend(mcmcSweep, () => false);
        mcmcTrace.push(clock.mcmcMs, standardizedError(moments.mean, exact.mean, exactSd));
        const mcmcVar = moments.variance();
        return {
          caviError: standardizedError(m, exact.mean, exactSd),
          mcmcError: standardizedError(moments.mean, exact.mean, exactSd),
          caviVarRatio: meanRatio(qVar, exactVar),
          mcmcVarRatio: moments.count > 1 ? meanRatio(mcmcVar, exactVar) : 0,
          ...clock,
          acceptance: params.sampler === 'rwm' ? rwm.accepted / Math.max(1, rwm.proposed) : 1,
        };
      },
      snapshot(): RaceSnapshot {
        return {
          caviTraceMs: Float64Array.from(caviTrace.ms),
          caviTraceError: Float64Array.from(caviTrace.error),
          mcmcTraceMs: Float64Array.from(mcmcTrace.ms),
          mcmcTraceError: Float64Array.from(mcmcTrace.error),
          exactMean: Float64Array.from(exact.mean),
          exactSd: Float64Array.from(exactSd),
          caviMean: Float64Array.from(m),
          caviSd: qVar.map(Math.sqrt),
          mcmcMean: Float64Array.from(moments.mean),
          mcmcSd: moments.variance().map(Math.sqrt),
        };
      },
      checkpoint() {
        const s = moments.state();
        return { m: Float64Array.from(m), caviChange, z: Float64Array.from(z), rz: Float64Array.from(rwm.z), ...s, ...clock };
      },
      restore(cp) {
        const c = cp as Record<string, Float64Array & number>;
        m = Float64Array.from(c.m);
        caviChange = c.caviChange;
        z = Float64Array.from(c.z);
        rwm = initMetropolis(c.rz, logp);
        moments = new RunningMoments(d);
        moments.restore(c.mean, c.m2, c.count);
        clock = { caviMs: c.caviMs, mcmcMs: c.mcmcMs, caviSweeps: c.caviSweeps, mcmcSweeps: c.mcmcSweeps };
        // the traces restart at the restored point (they are for drawing, not for resuming)
        caviTrace = new Trace();
        mcmcTrace = new Trace();
      },
      isDone() {
        return clock.mcmcMs >= 30_000 || clock.mcmcSweeps >= 50_000_000;
      },
      corrupt() {
        m.fill(NaN);
      },
      dispose() {},
    };
  },
  async summarize(session) {
    const s = (await session.snapshot()) as RaceSnapshot;
    return {
      caviError: standardizedError(s.caviMean, s.exactMean, s.exactSd),
      mcmcError: standardizedError(s.mcmcMean, s.exactMean, s.exactSd),
    };
  },
});
