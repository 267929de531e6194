/**
 * Bench entry 'hvae' (issue 13, part 3): ms per training step of the chapter's two-layer VAE
 * (784-400-100 / 20-10, batch 128: batch assembly, forward, autodiff backward through the custom
 * affine op, per-tensor Adam, metric readback) and of the one-layer 784-400-20 VAE, interleaved in
 * the same run on Node's wasm backend, with their ratio; the two-layer step against the bare
 * products of its own shapes (its FLOP rate as a share of the backend's matMul rate,
 * hvaeStepMatmulShapes); and the time to decode the widget's two 32-digit grids. Slow, noisy
 * machines: read the ratios, not the absolute times.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRng } from '../../src/core/random';
import { loadMnistArrays } from '../../src/core/vae/data';
import { holdZ2Grid, moveZ2Grid } from '../../src/core/vae/hvae/layers';
import { HVAE_SCHEDULE, HVAE_SHAPE } from '../../src/core/vae/hvae/pretrained';
import { HvaeTrainer } from '../../src/core/vae/hvae/trainer';
import { DEFAULT_SCHEDULE, PRETRAINED_SHAPES } from '../../src/core/vae/pretrained';
import { VaeTrainer } from '../../src/core/vae/trainer';
import { useBackend } from '../../tests/support/tf';
import { hvaeStepMatmulShapes } from './matmulShapes';
import { measureStepVsMatmul } from './stepVsMatmul';
import type { BenchEntry, BenchResult } from './types';

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

export async function measureHvae(root: string, rounds = 10): Promise<BenchResult> {
  await useBackend('wasm');
  const data = await loadMnistArrays(async (p) => {
    const b = readFileSync(path.join(root, 'public', p));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
  });
  const h = new HvaeTrainer(HVAE_SHAPE, HVAE_SCHEDULE, data.trainImages, 1);
  const v = new VaeTrainer(PRETRAINED_SHAPES.default, DEFAULT_SCHEDULE, data.trainImages, 1);
  for (let i = 0; i < 3; i++) await Promise.all([h.trainStep(), v.trainStep()]);
  const hm: number[] = [];
  const vm: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    await h.trainStep();
    hm.push(performance.now() - t);
    t = performance.now();
    await v.trainStep();
    vm.push(performance.now() - t);
  }
  const { inputDim: D, hidden: H, hidden2: H2, latent1: L1, latent2: L2 } = HVAE_SHAPE;
  const vsMatmul = await measureStepVsMatmul({ step: () => h.trainStep(), shapes: hvaeStepMatmulShapes(HVAE_SCHEDULE.batchSize, D, H, H2, L1, L2), maxReps: rounds });
  const t0 = performance.now();
  const rng = createRng(5);
  await holdZ2Grid(h.weights, HVAE_SHAPE, 4, 8, rng);
  await moveZ2Grid(h.weights, HVAE_SHAPE, 4, 8, rng);
  const gridsMs = performance.now() - t0;
  h.dispose();
  v.dispose();
  return {
    node_wasm_hvae_ms_per_step: median(hm),
    node_wasm_vae_ms_per_step: median(vm),
    node_wasm_hvae_over_vae_step: median(hm) / median(vm),
    node_wasm_hvae_step_matmul_share: vsMatmul.share,
    node_wasm_hvae_step_gflops: vsMatmul.stepGflops,
    node_wasm_hvae_matmul_gflops: vsMatmul.matmulGflops,
    node_wasm_hvae_grids_ms: gridsMs,
  };
}

export const hvaeBench: BenchEntry = { name: 'hvae', run: (ctx) => measureHvae(ctx.root) };
