/**
 * VAE training speed in Node on the wasm backend (the backend the book falls back to without a
 * GPU): ms per training step of the default 784-400-20 model (batch 128, the full step: batch
 * assembly, forward, hand-written backward, Adam, metric readback), its FLOP rate, and the
 * same backend's matMul rate on exactly the step's eleven matMul shapes, measured in the same
 * run. `matmulShare` = (step FLOP rate) / (matMul-only FLOP rate); the target is ≥ 0.5.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBackend } from '../../tests/support/tf';
import { loadMnistArrays } from '../../src/core/vae/data';
import { PRETRAINED_SHAPES, DEFAULT_SCHEDULE } from '../../src/core/vae/pretrained';
import { VaeTrainer } from '../../src/core/vae/trainer';
import type { Page } from 'playwright-core';
import type { BenchContext, BenchEntry, BenchResult } from './types';

/** [m, k, n] of every matMul in one step (forward 4, backward 7), B = batch, D = 784, H = 400, L = 20. */
export function stepMatmulShapes(B: number, D: number, H: number, L: number): [number, number, number][] {
  return [
    [B, D, H], // x W1
    [B, H, 2 * L], // h1 W2
    [B, L, H], // z W3
    [B, H, D], // h3 W4
    [H, B, D], // h3ᵀ ∂ℓ
    [B, D, H], // ∂ℓ W4ᵀ
    [L, B, H], // zᵀ ∂a3
    [B, H, L], // ∂a3 W3ᵀ
    [H, B, 2 * L], // h1ᵀ ∂e
    [B, 2 * L, H], // ∂e W2ᵀ
    [D, B, H], // xᵀ ∂a1
  ];
}

export async function measureVaeNode(root: string, backend: 'wasm' | 'cpu' = 'wasm'): Promise<BenchResult> {
  await useBackend(backend);
  const data = await loadMnistArrays(async (p) => {
    const b = readFileSync(path.join(root, 'public', p));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
  });
  const shape = PRETRAINED_SHAPES.default;
  const B = DEFAULT_SCHEDULE.batchSize;
  const trainer = new VaeTrainer(shape, DEFAULT_SCHEDULE, data.trainImages, 1);
  const shapes = stepMatmulShapes(B, shape.inputDim, shape.hidden, shape.latent);
  const flops = shapes.reduce((s, [m, k, n]) => s + 2 * m * k * n, 0);
  const operands = shapes.map(([m, k, n]) => [tf.randomNormal([m, k]), tf.randomNormal([k, n])] as const);
  const matmuls = async () => {
    const outs = operands.map(([a, b]) => tf.matMul(a, b));
    await Promise.all(outs.map((o) => o.data()));
    tf.dispose(outs);
  };
  const reps = 30;
  for (let i = 0; i < 5; i++) {
    await trainer.trainStep();
    await matmuls();
  }
  // Interleave the two measurements so that load from other processes hits both alike.
  let stepMs = 0;
  let mmMs = 0;
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    await trainer.trainStep();
    stepMs += performance.now() - t;
    t = performance.now();
    await matmuls();
    mmMs += performance.now() - t;
  }
  stepMs /= reps;
  mmMs /= reps;
  trainer.dispose();
  operands.forEach(([a, b]) => tf.dispose([a, b]));
  return {
    backend,
    step_ms: stepMs,
    step_gflop_per_s: flops / stepMs / 1e6,
    matmul_only_ms: mmMs,
    matmul_gflop_per_s: flops / mmMs / 1e6,
    matmulShare: mmMs / stepMs,
    flop_per_step: flops,
  };
}

const CHAPTER = '/variational-autoencoder/';
const WIDGET = 'ch7-vae-train';

/**
 * The browser half: the chapter's vae-train widget trained from scratch for `seconds` on one
 * backend ('auto' = the page's own choice); ms per step from the widget's step counter, so
 * worker messaging and snapshots are included.
 */
export async function measureVaeBrowser(page: Page, baseURL: string, backend: string, seconds = 15): Promise<BenchResult> {
  const q = `?${WIDGET}.start=scratch${backend === 'auto' ? '' : `&backend=${backend}`}`;
  await page.goto(baseURL + CHAPTER + q);
  const w = page.locator(`[data-widget="${WIDGET}"]`);
  await w.waitFor({ timeout: 120_000 });
  await page.waitForFunction((id) => document.querySelector(`[data-widget="${id}"]`)?.getAttribute('data-backend'), WIDGET, { timeout: 180_000 });
  await w.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction((id) => Number(document.querySelector(`[data-widget="${id}"]`)?.getAttribute('data-step')) > 2, WIDGET, { timeout: 180_000 });
  const s0 = Number(await w.getAttribute('data-step'));
  const t0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const s1 = Number(await w.getAttribute('data-step'));
  const elapsed = (Date.now() - t0) / 1000;
  const used = (await w.getAttribute('data-backend')) ?? backend;
  return { [`browser_${used}_ms_per_step`]: (1000 * elapsed) / Math.max(1, s1 - s0) };
}

export const vaeBench: BenchEntry = {
  name: 'vae',
  async run(ctx: BenchContext) {
    const out: BenchResult = { ...(await measureVaeNode(ctx.root, 'wasm')) };
    for (const backend of ['auto', ...ctx.backends]) {
      try {
        Object.assign(out, await measureVaeBrowser(await ctx.newPage(), ctx.baseURL, backend));
      } catch (err) {
        out[`browser_${backend}_error`] = err instanceof Error ? err.message.split('\n')[0] : String(err);
      }
    }
    out.matmulShare_target = 0.5;
    return out;
  },
};

/** `npx tsx scripts/bench/vae.ts` prints the Node measurement alone. */
if (process.argv[1] && process.argv[1].endsWith('bench/vae.ts')) {
  measureVaeNode(process.cwd()).then((r) => console.log(JSON.stringify(r, null, 2)));
}
