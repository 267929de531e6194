/**
 * A training step timed against the bare matrix products of the same shapes, on whatever tfjs
 * backend is active (Node wasm/cpu, or a browser backend inside the bench page's worker). Uses
 * tfjs-core only, so the same code measures in both places.
 */
import * as tf from '@tensorflow/tfjs-core';
import { matmulFlops, type MatmulShape } from './matmulShapes';
import { gflopsPerSecond, matmulShare, percentile } from './stats';

export interface StepVsMatmulOptions {
  /** One training step, including its readback (the step's own `await data()`). */
  step: () => Promise<unknown>;
  /** The step's products, [m, k, n] each. */
  shapes: readonly MatmulShape[];
  /** Untimed pairs first (shader compilation, wasm memory growth). */
  warmups?: number;
  /** Most timed pairs. */
  maxReps?: number;
  /** Fewest timed pairs, even past the budget. */
  minReps?: number;
  /** Stop once the timed pairs have taken this long (slow backends, e.g. software WebGL). */
  budgetMs?: number;
}

export interface StepVsMatmul {
  reps: number;
  /** median ms per step */
  stepMs: number;
  /** median ms for the step's products alone */
  matmulMs: number;
  flopsPerStep: number;
  stepGflops: number;
  matmulGflops: number;
  /** matmulMs / stepMs: the step's FLOP rate as a fraction of the matMul rate (target ≥ 0.5) */
  share: number;
  /** median ms for the products with fresh right operands (packing included, as in a step) */
  freshMatmulMs: number;
  /** fastest step and fastest products: load from other processes only ever adds time */
  stepMinMs: number;
  matmulMinMs: number;
  /** matmulMinMs / stepMinMs */
  shareOfMinima: number;
}

/**
 * A binary kernel alone on pairs of operands (the runner owns them): every op issued, then one
 * readback of the last. Backends run ops in order (wasm and cpu synchronously, WebGL/WebGPU in one
 * queue), so reading the last result waits for all of them, and the kernels pay one readback, as
 * the step does.
 */
export function pairRunner<T extends tf.Tensor>(operands: [T, T][], op: (a: T, b: T) => tf.Tensor): ReferenceRunner {
  return {
    async run() {
      const outs = operands.map(([a, b]) => op(a, b));
      await outs[outs.length - 1].data();
      tf.dispose(outs);
    },
    /**
     * Replaces every right operand by a fresh copy (untimed). The wasm backend packs a matMul's
     * right operand (a convolution's filter) for XNNPACK and caches the packing per tensor; a
     * training step's operands are new tensors every step, so it pays the packing each time.
     * Renewing before each run measures kernels that pay it too.
     */
    renew() {
      for (const pair of operands) {
        const old = pair[1];
        pair[1] = tf.add(old, 0) as T;
        old.dispose();
      }
    },
    dispose: () => operands.forEach((pair) => tf.dispose(pair)),
  };
}

/** The products alone (tf.matMul on [m, k] × [k, n] each). */
export function matmulRunner(shapes: readonly MatmulShape[]): ReferenceRunner {
  return pairRunner(
    shapes.map(([m, k, n]) => [tf.randomNormal([m, k]), tf.randomNormal([k, n])] as [tf.Tensor2D, tf.Tensor2D]),
    (a, b) => tf.matMul(a, b),
  );
}

/** Bare kernels to time a step against: run them all (one readback), renew their operands, free them. */
export interface ReferenceRunner {
  run: () => Promise<void>;
  renew: () => void;
  dispose: () => void;
}

/** The step against the bare products of its shapes (matmulRunner). */
export function measureStepVsMatmul(opts: StepVsMatmulOptions): Promise<StepVsMatmul> {
  return measureStepVsReference({ ...opts, runner: matmulRunner(opts.shapes), flops: matmulFlops(opts.shapes) });
}

/**
 * Times step and reference kernels in alternation, so that load from other processes hits both
 * alike, and reports medians (robust to the shared machine's stalls). `flops` is the reference's
 * cost, which the step is credited with too (stepGflops). Disposes the runner.
 */
export async function measureStepVsReference(opts: Omit<StepVsMatmulOptions, 'shapes'> & { runner: ReferenceRunner; flops: number }): Promise<StepVsMatmul> {
  const { step, runner: products, flops: flopsPerStep, warmups = 3, maxReps = 30, minReps = 3, budgetMs = 15_000 } = opts;
  try {
    for (let i = 0; i < warmups; i++) {
      await step();
      await products.run();
    }
    const stepTimes: number[] = [];
    const matmulTimes: number[] = [];
    const freshTimes: number[] = [];
    const started = performance.now();
    while (stepTimes.length < maxReps && (stepTimes.length < minReps || performance.now() - started < budgetMs)) {
      let t = performance.now();
      await step();
      stepTimes.push(performance.now() - t);
      // Fresh operands first (they pay the packing), then the same products again (packing cached).
      products.renew();
      t = performance.now();
      await products.run();
      freshTimes.push(performance.now() - t);
      t = performance.now();
      await products.run();
      matmulTimes.push(performance.now() - t);
    }
    const stepMs = percentile(stepTimes, 0.5);
    const matmulMs = percentile(matmulTimes, 0.5);
    return {
      reps: stepTimes.length,
      stepMs,
      matmulMs,
      flopsPerStep,
      stepGflops: gflopsPerSecond(flopsPerStep, stepMs),
      matmulGflops: gflopsPerSecond(flopsPerStep, matmulMs),
      share: matmulShare(stepMs, matmulMs),
      freshMatmulMs: percentile(freshTimes, 0.5),
      stepMinMs: Math.min(...stepTimes),
      matmulMinMs: Math.min(...matmulTimes),
      shareOfMinima: matmulShare(Math.min(...stepTimes), Math.min(...matmulTimes)),
    };
  } finally {
    products.dispose();
  }
}
