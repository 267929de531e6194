/**
 * Bench entry 'ddm': the 2-D diffusion model's training steps/s and samples/s per Node backend
 * (wasm, cpu), next to the same backend's rate on the bare matrix products of one training step
 * (the layer shapes of the default network: forward X W and, for the backward pass, Xᵀ δ and δ Wᵀ).
 * stepVsMatmul = (matmul-only time per step) / (measured time per step): the share of a step
 * spent in the products; the rest is elementwise ops, per-op overhead and the host-side batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ddmParams } from '../../src/core/diffusion/ddmParams';
import { DdmSession } from '../../src/core/diffusion/ddmSession';
import { ancestralSample } from '../../src/core/diffusion/sampler';
import { defaultParams } from '../../src/core/params';
import { createRng } from '../../src/core/random';
import { useBackend, type NodeBackend } from '../../tests/support/tf';
import type { BenchEntry, BenchResult } from './types';

const TRAIN_STEPS = 40;
const SAMPLES = 1000;

/** [m, k, n] of every product in one step: per layer X[B, in]·W[in, out], Xᵀ·δ, δ·Wᵀ. */
function stepProducts(batch: number, width: number, depth: number, inDim: number, outDim: number): [number, number, number][] {
  const dims = [inDim, ...Array(depth).fill(width), outDim];
  const out: [number, number, number][] = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    const [a, b] = [dims[l], dims[l + 1]];
    out.push([batch, a, b], [a, batch, b], [batch, b, a]);
  }
  return out;
}

async function matmulSecondsPerStep(products: [number, number, number][], reps: number): Promise<{ seconds: number; flops: number }> {
  const pairs = products.map(([m, k, n]) => [tf.randomNormal([m, k]), tf.randomNormal([k, n])] as const);
  const flops = products.reduce((s, [m, k, n]) => s + 2 * m * k * n, 0);
  const run = async () => {
    const outs = pairs.map(([a, b]) => tf.matMul(a, b));
    await Promise.all(outs.map((o) => o.data()));
    tf.dispose(outs);
  };
  await run();
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) await run();
  const seconds = (performance.now() - t0) / 1000 / reps;
  tf.dispose(pairs.flat());
  return { seconds, flops };
}

export async function benchDdmNode(backends: NodeBackend[] = ['wasm', 'cpu']): Promise<BenchResult> {
  const out: BenchResult = {};
  const params = defaultParams(ddmParams);
  for (const b of backends) {
    await useBackend(b);
    const session = new DdmSession(params, 1);
    for (let k = 0; k < 3; k++) await session.step();
    let t0 = performance.now();
    for (let k = 0; k < TRAIN_STEPS; k++) await session.step();
    const stepSeconds = (performance.now() - t0) / 1000 / TRAIN_STEPS;
    t0 = performance.now();
    await ancestralSample(session.net.predict, session.schedule, SAMPLES, 2, createRng(2), { variance: 'beta' });
    const sampleSeconds = (performance.now() - t0) / 1000;
    const mm = await matmulSecondsPerStep(stepProducts(params.batch, params.width, 3, 2 + 32, 2), 20);
    session.dispose();
    out[`${b}_train_steps_per_s`] = 1 / stepSeconds;
    out[`${b}_samples_per_s_T${params.T}`] = SAMPLES / sampleSeconds;
    out[`${b}_matmul_gflops_step_shapes`] = mm.flops / mm.seconds / 1e9;
    out[`${b}_matmul_only_steps_per_s`] = 1 / mm.seconds;
    out[`${b}_step_vs_matmul`] = mm.seconds / stepSeconds;
  }
  return out;
}

export const ddmBench: BenchEntry = {
  name: 'ddm',
  run: () => benchDdmNode(),
};
