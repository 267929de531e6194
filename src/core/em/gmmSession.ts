/**
 * The training session behind the 'em-gmm' demo: EM (tfjs E/M steps) with half-steps,
 * degenerate-component detection, the optional guard and restarts. See emGmmDemo.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DemoContext, Metrics, Plain, TrainingSession } from '../demo';
import { makeDataset, normalizeDrawn, type DatasetName } from '../data/toy2d';
import type { ParamValues } from '../params';
import { createRng } from '../random';
import { detectDegenerateComponents, type DegenerateComponent } from './degenerate';
import { initKMeansPlusPlus, restartSeed, type GaussianMixture } from './gmm';
import { reseedComponents } from './gmmGuard';
import { mixtureStandardErrors, type MixtureInference } from './mixtureStandardErrors';
import {
  disposeMixture,
  eStepTf,
  lowerBoundTf,
  mixtureToTensors,
  mStepTf,
  type MixtureTensors,
} from './gmmTf';
import type { emGmmParams } from './emGmmParams';

type Values = ParamValues<typeof emGmmParams>;
export type EmPhase = 'init' | 'E' | 'M';

export interface RestartSummary extends Record<string, Plain> {
  /** Seed of this restart's k-means++ initialization. */
  seed: number;
  /** Final ℓ/n. */
  logLik: number;
  steps: number;
  converged: boolean;
}

export interface EmGmmSnapshot extends Record<string, Plain> {
  /** x [n*2] */
  data: Float32Array;
  n: number;
  k: number;
  /** r [n*k]: the responsibilities on screen (after an M half-step, those of the previous θ). */
  resp: Float32Array;
  /** μ [k*2] */
  means: Float64Array;
  /** Σ [k*4], row-major 2×2 per component */
  covariances: Float64Array;
  /** π [k] */
  weights: Float64Array;
  /** 1 where component k is flagged as collapsing, [k] */
  degenerate: Uint8Array;
  /** Why each flagged component is degenerate, for the reader. */
  degenerateNotes: string[];
  /** Recent guard interventions, newest last. */
  events: string[];
  /** 'init' (just initialized), 'E' (after an E-step) or 'M' (after an M-step). */
  phase: string;
  step: number;
  restart: number;
  restarts: number;
  restartSummaries: RestartSummary[];
  bestRestart: number;
  logLik: number;
  bound: number;
  source: string;
  notice: string;
  done: boolean;
  /** Once EM has converged: Louis standard errors and 95% Wald intervals at the float64-polished MLE (null before). */
  inference: MixtureInference | null;
  /** ℓ/n and the bound at the start (entry 0) and after every step() since (across restarts), for the chart. */
  trace: { logLik: Float64Array; bound: Float64Array };
}

function mixture64(k: number, p: { weights: Float64Array; means: Float64Array; covariances: Float64Array }): GaussianMixture {
  return { k, d: 2, ...p };
}

function isFiniteMixture(m: GaussianMixture): boolean {
  return [m.weights, m.means, m.covariances].every((a) => a.every(Number.isFinite));
}

/** Reads the drawn input if there is one; otherwise draws the named dataset. */
function loadData(ctx: DemoContext<typeof emGmmParams>): { x: Float64Array; source: string; notice: string } {
  const { params, input, seed } = ctx;
  const dataset = () => makeDataset(params.dataset as DatasetName, params.n, createRng(seed), params.noise);
  if (input && (ArrayBuffer.isView(input) || Array.isArray(input)) && (input as ArrayLike<number>).length > 0) {
    const r = normalizeDrawn(input as ArrayLike<number>);
    if (r.ok) return { x: r.points, source: 'drawn', notice: '' };
    return { x: dataset(), source: params.dataset, notice: `${r.reason} Showing the ${params.dataset} dataset instead.` };
  }
  return { x: dataset(), source: params.dataset, notice: '' };
}

export async function createGmmSession(ctx: DemoContext<typeof emGmmParams>): Promise<TrainingSession<EmGmmSnapshot, Values>> {
  const live = { ...ctx.params };
  const { x: x64, source, notice } = loadData(ctx);
  const n = x64.length / 2;
  const k = Math.min(ctx.params.k, n);
  const restarts = ctx.params.restarts;
  const xT = tf.tensor2d(Float32Array.from(x64), [n, 2]);
  let dataVariance = 0;
  {
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) [mx, my] = [mx + x64[2 * i] / n, my + x64[2 * i + 1] / n];
    for (let i = 0; i < n; i++) dataVariance += ((x64[2 * i] - mx) ** 2 + (x64[2 * i + 1] - my) ** 2) / (2 * n);
  }

  let model!: MixtureTensors;
  let model64!: GaussianMixture;
  let resp!: tf.Tensor2D;
  let pending: tf.Tensor2D | null = null;
  let phase: EmPhase = 'init';
  let iter = 0;
  let restart = 0;
  let logLik = 0;
  let bound = 0;
  let delta = 0;
  let lastReseeded = false;
  let flags: DegenerateComponent[] = [];
  let events: string[] = [];
  let summaries: RestartSummary[] = [];
  let best: { restart: number; logLik: number; model: GaussianMixture; resp: Float32Array } | null = null;
  let pendingRestart = false;
  let done = false;
  let trace = { logLik: [] as number[], bound: [] as number[] };
  /** Computed once per finished run (a few ms to a few hundred for n = 2000, K = 10). */
  let inference: MixtureInference | null = null;

  const setModel = (m: GaussianMixture) => {
    if (model) disposeMixture(model);
    model64 = m;
    model = mixtureToTensors(m.weights, m.means, m.covariances);
  };

  const initRestart = async (r: number) => {
    restart = r;
    setModel(initKMeansPlusPlus(x64, n, 2, k, createRng(restartSeed(ctx.seed, r))));
    const e = eStepTf(xT, model);
    if (resp) resp.dispose();
    pending?.dispose();
    pending = null;
    resp = e.resp;
    logLik = (await e.logLik.data())[0] / n;
    e.logLik.dispose();
    bound = logLik;
    delta = 0;
    iter = 0;
    phase = 'init';
    lastReseeded = false;
    flags = detectDegenerateComponents(model64, n, dataVariance);
  };

  /** E-step and bound for `next`, read back with θ in one transfer (one GPU sync per M-step). */
  const evaluate = async (next: MixtureTensors) => {
    const e = eStepTf(xT, next);
    const b = lowerBoundTf(xT, next, resp);
    const packed = tf.tidy(() =>
      tf.concat([next.weights, tf.reshape(next.means, [-1]), tf.reshape(next.covariances, [-1]), tf.reshape(e.logLik, [1]), tf.reshape(b, [1])]),
    );
    const v = await packed.data();
    tf.dispose([packed, e.logLik, b]);
    const abc = v.subarray(3 * k, 6 * k);
    const covariances = new Float64Array(4 * k);
    for (let c = 0; c < k; c++) {
      covariances[4 * c] = abc[3 * c];
      covariances[4 * c + 1] = covariances[4 * c + 2] = abc[3 * c + 1];
      covariances[4 * c + 3] = abc[3 * c + 2];
    }
    const m64 = mixture64(k, { weights: Float64Array.from(v.subarray(0, k)), means: Float64Array.from(v.subarray(k, 3 * k)), covariances });
    return { resp: e.resp, m64, logLik: v[6 * k], bound: v[6 * k + 1] };
  };

  const doM = async () => {
    let next = mStepTf(xT, resp);
    let ev = await evaluate(next);
    let m64 = ev.m64;
    flags = detectDegenerateComponents(m64, n, dataVariance);
    lastReseeded = false;
    if (live.guard && flags.length > 0 && isFiniteMixture(m64)) {
      const rng = createRng(restartSeed(ctx.seed, restart) ^ Math.imul(iter + 1, 0x9e3779b1));
      m64 = reseedComponents(x64, n, m64, flags.map((f) => f.component), rng);
      for (const f of flags) events.push(`Step ${iter + 1}: ${f.explanation} The guard re-seeded it at a data point far from the other means.`);
      events = events.slice(-5);
      disposeMixture(next);
      ev.resp.dispose();
      next = mixtureToTensors(m64.weights, m64.means, m64.covariances);
      ev = await evaluate(next);
      flags = detectDegenerateComponents(m64, n, dataVariance);
      lastReseeded = true;
    }
    disposeMixture(model);
    model = next;
    model64 = m64;
    pending?.dispose();
    pending = ev.resp;
    phase = 'M';
    iter++;
    delta = ev.logLik / n - logLik;
    logLik = ev.logLik / n;
    bound = ev.bound / n;
  };

  const doE = () => {
    if (!pending) return;
    resp.dispose();
    resp = pending;
    pending = null;
    phase = 'E';
    bound = logLik;
  };

  const finishRestart = async () => {
    summaries = [...summaries, { seed: restartSeed(ctx.seed, restart), logLik, steps: iter, converged: Math.abs(delta) < live.tol }];
    if (!best || logLik > best.logLik) {
      best = { restart, logLik, model: { ...model64, weights: model64.weights.slice(), means: model64.means.slice(), covariances: model64.covariances.slice() }, resp: Float32Array.from(await resp.data()) };
    }
    if (restart + 1 < restarts) {
      pendingRestart = true;
      return;
    }
    done = true;
    if (best.restart !== restart) {
      // show the best run: its parameters and responsibilities
      setModel(best.model);
      resp.dispose();
      resp = tf.tensor2d(best.resp, [n, k]);
      logLik = bound = best.logLik;
      restart = best.restart;
      flags = detectDegenerateComponents(model64, n, dataVariance);
    }
  };

  const metrics = (): Metrics => ({
    logLik,
    bound,
    delta,
    step: iter,
    restart: restart + 1,
    degenerate: flags.length,
    afterM: phase === 'M' ? 1 : 0,
  });

  await initRestart(0);
  trace = { logLik: [logLik], bound: [bound] };

  return {
    async step() {
      if (done) return metrics();
      if (pendingRestart) {
        pendingRestart = false;
        await initRestart(restart + 1);
      }
      if (live.halfSteps) {
        if (phase === 'M') doE();
        else await doM();
      } else {
        if (phase === 'M') doE();
        await doM();
        doE();
      }
      if (phase === 'E' && (iter >= live.maxSteps || (!lastReseeded && Math.abs(delta) < live.tol))) await finishRestart();
      trace.logLik.push(logLik);
      trace.bound.push(bound);
      return metrics();
    },

    async snapshot(): Promise<EmGmmSnapshot> {
      const r = (await resp.data()) as Float32Array;
      const degenerate = new Uint8Array(k);
      for (const f of flags) degenerate[f.component] = 1;
      if (done && !inference) inference = flags.length > 0 ? { ok: false, reason: 'A component is degenerate; there is no interior MLE to attach standard errors to.' } : mixtureStandardErrors(x64, n, model64);
      return {
        data: Float32Array.from(x64),
        n,
        k,
        resp: Float32Array.from(r),
        means: Float64Array.from(model64.means),
        covariances: Float64Array.from(model64.covariances),
        weights: Float64Array.from(model64.weights),
        degenerate,
        degenerateNotes: flags.map((f) => f.explanation),
        events: [...events],
        phase,
        step: iter,
        restart,
        restarts,
        restartSummaries: summaries.map((s) => ({ ...s })),
        bestRestart: best ? best.restart : restart,
        logLik,
        bound,
        source,
        notice,
        done,
        inference: done ? inference : null,
        trace: { logLik: Float64Array.from(trace.logLik), bound: Float64Array.from(trace.bound) },
      };
    },

    async checkpoint(): Promise<Plain> {
      return {
        weights: Float64Array.from(model64.weights),
        means: Float64Array.from(model64.means),
        covariances: Float64Array.from(model64.covariances),
        resp: Float32Array.from(await resp.data()),
        pending: pending ? Float32Array.from(await pending.data()) : null,
        phase,
        iter,
        restart,
        logLik,
        bound,
        delta,
        lastReseeded,
        events: [...events],
        summaries: summaries.map((s) => ({ ...s })),
        best: best
          ? { restart: best.restart, logLik: best.logLik, weights: best.model.weights.slice(), means: best.model.means.slice(), covariances: best.model.covariances.slice(), resp: best.resp.slice() }
          : null,
        pendingRestart,
        done,
        trace: { logLik: Float64Array.from(trace.logLik), bound: Float64Array.from(trace.bound) },
      };
    },

    restore(cp: Plain) {
      const c = cp as Record<string, Plain>;
      setModel(mixture64(k, { weights: Float64Array.from(c.weights as Float64Array), means: Float64Array.from(c.means as Float64Array), covariances: Float64Array.from(c.covariances as Float64Array) }));
      resp.dispose();
      resp = tf.tensor2d(c.resp as Float32Array, [n, k]);
      pending?.dispose();
      pending = c.pending ? tf.tensor2d(c.pending as Float32Array, [n, k]) : null;
      phase = c.phase as EmPhase;
      iter = c.iter as number;
      restart = c.restart as number;
      logLik = c.logLik as number;
      bound = c.bound as number;
      delta = c.delta as number;
      lastReseeded = c.lastReseeded as boolean;
      events = [...(c.events as string[])];
      summaries = (c.summaries as RestartSummary[]).map((s) => ({ ...s }));
      const b = c.best as Record<string, Plain> | null;
      best = b
        ? {
            restart: b.restart as number,
            logLik: b.logLik as number,
            model: mixture64(k, { weights: Float64Array.from(b.weights as Float64Array), means: Float64Array.from(b.means as Float64Array), covariances: Float64Array.from(b.covariances as Float64Array) }),
            resp: Float32Array.from(b.resp as Float32Array),
          }
        : null;
      pendingRestart = c.pendingRestart as boolean;
      done = c.done as boolean;
      const t = c.trace as { logLik: Float64Array; bound: Float64Array };
      trace = { logLik: Array.from(t.logLik), bound: Array.from(t.bound) };
      flags = detectDegenerateComponents(model64, n, dataVariance);
      inference = null;
    },

    setParams(values: Partial<Values>) {
      Object.assign(live, values);
    },

    isDone() {
      return done;
    },

    corrupt() {
      // Poison what the next M-step reads (the responsibilities) and the displayed mean.
      const m = Float64Array.from(model64.means);
      m[0] = NaN;
      setModel(mixture64(k, { weights: model64.weights, means: m, covariances: model64.covariances }));
      const poisoned = tf.fill([n, k], NaN) as tf.Tensor2D;
      resp.dispose();
      resp = poisoned;
      pending?.dispose();
      pending = null;
      phase = 'E';
    },

    dispose() {
      disposeMixture(model);
      resp.dispose();
      pending?.dispose();
      pending = null;
      xT.dispose();
    },
  };
}
