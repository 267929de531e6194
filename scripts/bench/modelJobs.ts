/**
 * The two models' bench workloads, on whichever tfjs backend is active: the VAE's training step
 * (the core's own VaeTrainer on the default 784-400-20 model, batch 128) and the 2-D DDM's
 * training step and ancestral sampling, each next to the bare products of its layer shapes.
 * tfjs-core only: the Node bench calls these directly, the browser bench page inside a worker.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ddmParams } from '../../src/core/diffusion/ddmParams';
import { DdmSession } from '../../src/core/diffusion/ddmSession';
import { ancestralSample } from '../../src/core/diffusion/sampler';
import { defaultParams } from '../../src/core/params';
import { createRng } from '../../src/core/random';
import { loadMnistArrays, type AssetLoader } from '../../src/core/vae/data';
import { DEFAULT_SCHEDULE, PRETRAINED_SEED, PRETRAINED_SHAPES } from '../../src/core/vae/pretrained';
import { VaeTrainer } from '../../src/core/vae/trainer';
import { checkNoLeak } from './jobScaffold';
import { ddmSampleMatmulShapes, ddmStepMatmulShapes, matmulFlops, vaeStepMatmulShapes } from './matmulShapes';
import { gflopsPerSecond, matmulShare, percentile } from './stats';
import { kernelCountRows, kernelsPerStep } from './opCount';
import { matmulRunner, measureStepVsMatmul, type StepVsMatmulOptions } from './stepVsMatmul';
import type { BenchResult } from './types';

export type JobBudget = Pick<StepVsMatmulOptions, 'warmups' | 'maxReps' | 'minReps' | 'budgetMs'>;

/** The VAE step of the chapter's default model, against its eleven products. */
export async function vaeStepJob(loadAsset: AssetLoader, budget: JobBudget = {}): Promise<BenchResult> {
  const data = await loadMnistArrays(loadAsset);
  const shape = PRETRAINED_SHAPES.default;
  const trainer = new VaeTrainer(shape, DEFAULT_SCHEDULE, data.trainImages, PRETRAINED_SEED);
  const before = tf.memory().numTensors;
  try {
    const r = await measureStepVsMatmul({
      step: () => trainer.trainStep(),
      shapes: vaeStepMatmulShapes(DEFAULT_SCHEDULE.batchSize, shape.inputDim, shape.hidden, shape.latent),
      ...budget,
    });
    checkNoLeak(before, 'the VAE step');
    // Kernels per step (tf.profile of one more step, after the timed ones).
    const ops = kernelCountRows(await kernelsPerStep(() => trainer.trainStep()));
    return {
      ...ops,
      step_ms: r.stepMs,
      step_gflop_per_s: r.stepGflops,
      matmul_only_ms: r.matmulMs,
      matmul_gflop_per_s: r.matmulGflops,
      matmul_share: r.share,
      matmul_fresh_operands_ms: r.freshMatmulMs,
      step_min_ms: r.stepMinMs,
      matmul_only_min_ms: r.matmulMinMs,
      matmul_share_of_minima: r.shareOfMinima,
      reps: r.reps,
      flop_per_step: r.flopsPerStep,
    };
  } finally {
    trainer.dispose();
  }
}

/** The ELBO of the default VAE's first `steps` training steps from its fixed seed, as 'e0,e1,…' (for comparing builds). */
export async function vaeTrajectoryJob(loadAsset: AssetLoader, steps = 30): Promise<BenchResult> {
  const data = await loadMnistArrays(loadAsset);
  const trainer = new VaeTrainer(PRETRAINED_SHAPES.default, DEFAULT_SCHEDULE, data.trainImages, PRETRAINED_SEED);
  try {
    const elbos: number[] = [];
    for (let i = 0; i < steps; i++) elbos.push((await trainer.trainStep()).elbo);
    return { elbo_trajectory: elbos.join(',') };
  } finally {
    trainer.dispose();
  }
}

/**
 * The 2-D DDM at the demo's defaults: training steps/s against the step's products, and samples/s
 * of ancestral sampling (`samples` points through all T reverse steps) against the forward
 * products of those T steps.
 */
export async function ddmJob(budget: JobBudget = {}, samples = 1000): Promise<BenchResult> {
  const params = defaultParams(ddmParams);
  const session = new DdmSession(params, 1);
  // Counted after construction: the session's own lifetime is not what is measured here.
  const before = tf.memory().numTensors;
  try {
    const c = session.net.config;
    const train = await measureStepVsMatmul({
      step: () => session.trainStep(),
      shapes: ddmStepMatmulShapes(params.batch, c.width, c.depth, c.dim + c.embedDim, c.dim),
      ...budget,
    });
    // Sampling: one full chain (T network evaluations on `samples` points), timed whole, and the
    // forward products of one reverse step, timed alone and multiplied by T.
    const sampleShapes = ddmSampleMatmulShapes(samples, c.width, c.depth, c.dim + c.embedDim, c.dim);
    const chain = () => ancestralSample(session.net.predict, session.schedule, samples, c.dim, createRng(2), { variance: params.variance });
    await chain();
    const t0 = performance.now();
    await chain();
    const chainMs = performance.now() - t0;
    const products = matmulRunner(sampleShapes);
    const perStep: number[] = [];
    try {
      await products.run();
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        await products.run();
        perStep.push(performance.now() - t);
      }
    } finally {
      products.dispose();
    }
    checkNoLeak(before, 'the DDM step and sampler');
    const chainMatmulMs = params.T * percentile(perStep, 0.5);
    const chainFlops = params.T * matmulFlops(sampleShapes);
    return {
      train_steps_per_s: 1000 / train.stepMs,
      step_ms: train.stepMs,
      step_gflop_per_s: train.stepGflops,
      matmul_only_ms: train.matmulMs,
      matmul_gflop_per_s: train.matmulGflops,
      matmul_share: train.share,
      matmul_fresh_operands_ms: train.freshMatmulMs,
      matmul_share_of_minima: train.shareOfMinima,
      step_min_ms: train.stepMinMs,
      reps: train.reps,
      ...kernelCountRows(await kernelsPerStep(() => session.trainStep())),
      [`samples_per_s_T${params.T}`]: (1000 * samples) / chainMs,
      sample_gflop_per_s: gflopsPerSecond(chainFlops, chainMs),
      sample_matmul_gflop_per_s: gflopsPerSecond(chainFlops, chainMatmulMs),
      sample_matmul_share: matmulShare(chainMs, chainMatmulMs),
    };
  } finally {
    session.dispose();
  }
}

/**
 * Where one VAE step's time goes, by kernel (tf.profile over `steps` steps after 3 warm-ups):
 * kernel_<name>_ms (ms per step, summed over its calls) and kernel_<name>_calls (calls per step),
 * for registered kernels only (tf.profile also lists the wrappers of ops with a custom gradient,
 * fusedMatMul__op around each _FusedMatMul, whose time is their kernel's); profiled_step_ms (wall
 * time per profiled step) and outside_kernels_ms (the rest: batch assembly, uploads, op dispatch,
 * the readback). For finding what to engineer; kernel times on GPU backends are queue times.
 */
export async function vaeKernelProfile(loadAsset: AssetLoader, steps = 5): Promise<BenchResult> {
  const data = await loadMnistArrays(loadAsset);
  const shape = PRETRAINED_SHAPES.default;
  const trainer = new VaeTrainer(shape, DEFAULT_SCHEDULE, data.trainImages, PRETRAINED_SEED);
  const backend = tf.getBackend();
  try {
    for (let i = 0; i < 3; i++) await trainer.trainStep();
    const byKernel = new Map<string, { ms: number; calls: number }>();
    let wall = 0;
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      const info = await tf.profile(async () => {
        await trainer.trainStep();
        return [];
      });
      wall += performance.now() - t0;
      for (const k of info.kernels) {
        if (!tf.getKernel(k.name, backend)) continue;
        const e = byKernel.get(k.name) ?? { ms: 0, calls: 0 };
        e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
        e.calls += 1;
        byKernel.set(k.name, e);
      }
    }
    const sorted = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const kernelMs = sorted.reduce((s, [, e]) => s + e.ms, 0) / steps;
    const out: BenchResult = { profiled_step_ms: wall / steps, kernel_ms_total: kernelMs, outside_kernels_ms: wall / steps - kernelMs };
    for (const [name, e] of sorted) {
      out[`kernel_${name}_ms`] = e.ms / steps;
      out[`kernel_${name}_calls`] = e.calls / steps;
    }
    return out;
  } finally {
    trainer.dispose();
  }
}
