/**
 * Demo 'svi-step-sizes': SVI on the hierarchical normal model with Robbins–Monro steps
 * ρ_t = (τ₀ + t)^(−κ). Three runs share the data and minibatch stream: the reader's κ (clamped
 * to (½, 1] by the param table), and two reference runs outside the valid range, κ = 0.3
 * (steps shrink too slowly: the iterate keeps jittering) and κ = 1.5 (steps shrink so fast that
 * Σρ_t < ∞: the iterate stalls before reaching the optimum).
 */
import { defineDemo, type Plain } from '../../demo';
import { createRng } from '../../random';
import type { ParamTable } from '../../params';
import {
  defaultSviData,
  distanceToOptimum,
  fullBatchOptimum,
  startSvi,
  sviStep,
  SVI_INIT,
  type SviRun,
} from './hierarchicalNormal';

export const SVI_REFERENCE_KAPPAS = { slow: 0.3, fast: 1.5 } as const;
/** The CLI's default run length: long converged for valid κ. */
export const SVI_MAX_STEPS = 20000;

export const sviParams = {
  kappa: {
    kind: 'number',
    label: 'Decay κ',
    help: 'ρ_t = (τ₀ + t)^(−κ). Robbins–Monro needs κ in (0.5, 1]; values outside are clamped (the grey reference runs show why).',
    min: 0.51,
    max: 1,
    step: 0.01,
    default: 0.7,
  },
  tau0: { kind: 'number', label: 'Delay τ₀', help: 'Larger τ₀ damps the first steps.', min: 1, max: 1000, default: 10, scale: 'log' },
  batchSize: { kind: 'int', label: 'Minibatch size', min: 1, max: 500, default: 10 },
  n: { kind: 'int', label: 'Data set size N', min: 100, max: 5000, step: 100, default: 1000 },
} satisfies ParamTable;

interface RunState {
  run: SviRun;
  kappa: number;
}

export const sviStepSizesDemo = defineDemo({
  id: 'svi-step-sizes',
  title: 'Stochastic variational inference with Robbins–Monro step sizes',
  params: sviParams,
  usesTf: false,
  defaultSteps: SVI_MAX_STEPS,
  async create({ params, seed }) {
    const data = defaultSviData(seed, params.n as number);
    const opt = fullBatchOptimum(data);
    const rng = createRng(seed + 7919);
    const runs: Record<'main' | 'slow' | 'fast', RunState> = {
      main: { run: startSvi(SVI_INIT), kappa: params.kappa as number },
      slow: { run: startSvi(SVI_INIT), kappa: SVI_REFERENCE_KAPPAS.slow },
      fast: { run: startSvi(SVI_INIT), kappa: SVI_REFERENCE_KAPPAS.fast },
    };
    const path: number[] = [];
    // (t, log10 error of main, slow, fast) at geometrically spaced steps, for a log–log picture.
    const trace: number[] = [];
    let nextTrace = 1;
    const batchSize = params.batchSize as number;
    const tau0 = params.tau0 as number;
    return {
      step() {
        // One shared minibatch stream, forked per run so that the three runs see the same batches.
        const base = rng.fork();
        let rho = 0;
        for (const [name, r] of Object.entries(runs)) {
          const local = createRng(base.seed);
          const used = sviStep(r.run, data, batchSize, tau0, r.kappa, local);
          if (name === 'main') rho = used;
        }
        const m = runs.main.run.theta;
        const t = runs.main.run.t;
        if (t % 5 === 0 && path.length < 4000) path.push(m.mu, Math.sqrt(m.tau2));
        const metrics = {
          mu: m.mu,
          tau: Math.sqrt(m.tau2),
          rho,
          log10Error: Math.log10(distanceToOptimum(m, opt) + 1e-12),
          log10ErrorSlow: Math.log10(distanceToOptimum(runs.slow.run.theta, opt) + 1e-12),
          log10ErrorFast: Math.log10(distanceToOptimum(runs.fast.run.theta, opt) + 1e-12),
        };
        if (t >= nextTrace) {
          trace.push(t, metrics.log10Error, metrics.log10ErrorSlow, metrics.log10ErrorFast);
          nextTrace = Math.max(t + 1, Math.ceil(t * 1.02));
        }
        return metrics;
      },
      snapshot(): Plain {
        const th = (r: RunState) => ({ mu: r.run.theta.mu, tau: Math.sqrt(r.run.theta.tau2) });
        return {
          optimum: { mu: opt.mu, tau: Math.sqrt(opt.tau2) },
          init: { mu: SVI_INIT.mu, tau: Math.sqrt(SVI_INIT.tau2) },
          main: th(runs.main),
          slow: th(runs.slow),
          fast: th(runs.fast),
          path: Float64Array.from(path),
          trace: Float64Array.from(trace),
          step: runs.main.run.t,
        };
      },
      checkpoint(): Plain {
        const c: Record<string, Plain> = {};
        for (const [name, r] of Object.entries(runs)) c[name] = [r.run.stats[0], r.run.stats[1], r.run.t];
        return c;
      },
      restore(c) {
        const rec = c as Record<string, number[]>;
        for (const [name, r] of Object.entries(runs)) {
          const [a, b, t] = rec[name];
          r.run.stats = [a, b];
          r.run.t = t;
          r.run.theta = { mu: a, tau2: Math.max(1e-6, b - a * a) };
        }
      },
      corrupt() {
        runs.main.run.stats = [NaN, NaN];
        runs.main.run.theta = { mu: NaN, tau2: NaN };
      },
      dispose() {},
    };
  },
});

export default sviStepSizesDemo;
