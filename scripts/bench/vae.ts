/**
 * Bench entry 'vae' (issue #4): ms per training step of the chapter's default 784-400-20 VAE
 * (batch 128; the full step: batch assembly, forward, hand-written backward, Adam, metric
 * readback), its FLOP rate, and the same backend's matMul rate on exactly the step's eleven
 * products, measured interleaved in the same run. matmul_share = (step FLOP rate) / (matMul-only
 * FLOP rate); the target is ≥ 0.5 on the fastest backend.
 *
 * Rows: node_wasm_* (Node, for reference); browser_<backend>_* (the core's VaeTrainer in a worker of
 * the bench page, per backend and for 'auto'); browser_<backend>_host_* (the 'vae' demo under the
 * book's WorkerHost in that worker, with and without snapshots); widget_<backend>_* (the chapter's vae-train widget
 * trained end to end: worker messaging, snapshots and per-epoch evaluation included, with the
 * main thread's frame times idle and while training); torch_* and ratio_* (the same step in
 * PyTorch, scripts/bench/torchRef.ts); ops_per_step (tfjs kernels per step). With `--profile`, also
 * the browser wasm step's time by kernel.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadMnistArrays, type AssetLoader } from '../../src/core/vae/data';
import { useBackend, type NodeBackend } from '../../tests/support/tf';
import { browserJobRows, errorCell, fastestBackendRows } from './browserJobs';
import { frameTimes } from './emWidget';
import { vaeStepJob } from './modelJobs';
import { torchReferenceRows } from './torchRef';
import type { BenchContext, BenchEntry, BenchResult } from './types';

/** The site's assets read from public/ (what the page fetches). */
function nodeAssetLoader(root: string): AssetLoader {
  return async (p) => {
    const b = readFileSync(path.join(root, 'public', p));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
  };
}

export async function measureVaeNode(root: string, backend: NodeBackend = 'wasm'): Promise<BenchResult> {
  await useBackend(backend);
  return vaeStepJob(nodeAssetLoader(root));
}

const CHAPTER = '/variational-autoencoder/';
const WIDGET = 'ch7-vae-train';

/**
 * The chapter's vae-train widget trained from scratch for `seconds` on one backend ('auto' = the
 * page's own choice): ms per step from the widget's step counter (so worker messaging, snapshots
 * and the per-epoch held-out evaluation are included), and main-thread frame times while it trains
 * next to the idle page's, measured in the same run (target p95 ≤ 20 ms).
 */
export async function measureVaeWidget(page: Page, baseURL: string, backend: string, seconds = 12): Promise<BenchResult> {
  const q = `?${WIDGET}.start=scratch${backend === 'auto' ? '' : `&backend=${backend}`}`;
  await page.goto(baseURL + CHAPTER + q);
  const w = page.locator(`[data-widget="${WIDGET}"]`);
  await w.waitFor({ timeout: 120_000 });
  // On screen, or the frame stops drawing and the worker stops sending snapshots.
  await w.scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => document.querySelector(`[data-widget="${id}"]`)?.getAttribute('data-backend'), WIDGET, { timeout: 180_000 });
  const idle = await frameTimes(page, 2000);
  await w.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForFunction((id) => Number(document.querySelector(`[data-widget="${id}"]`)?.getAttribute('data-step')) > 2, WIDGET, { timeout: 180_000 });
  const s0 = Number(await w.getAttribute('data-step'));
  const t0 = Date.now();
  const busy = await frameTimes(page, seconds * 1000);
  const s1 = Number(await w.getAttribute('data-step'));
  const elapsed = (Date.now() - t0) / 1000;
  const used = (await w.getAttribute('data-backend')) ?? backend;
  const key = `widget_${backend}`;
  return {
    ...(backend === 'auto' ? { [`${key}_picked`]: used } : {}),
    [`${key}_ms_per_step`]: (1000 * elapsed) / Math.max(1, s1 - s0),
    [`${key}_steps_counted`]: s1 - s0,
    [`${key}_frame_p50_idle_ms`]: idle.p50,
    [`${key}_frame_p95_idle_ms`]: idle.p95,
    [`${key}_frame_p50_training_ms`]: busy.p50,
    [`${key}_frame_p95_training_ms`]: busy.p95,
  };
}

export const vaeBench: BenchEntry = {
  name: 'vae',
  async run(ctx: BenchContext) {
    const out: BenchResult = {};
    for (const [k, v] of Object.entries(await measureVaeNode(ctx.root, 'wasm'))) out[`node_wasm_${k}`] = v;
    Object.assign(out, await browserJobRows(ctx, 'vae'));
    // PyTorch on the CPU, right after our Node and browser steps, and our steps as ratios to it.
    const data = await loadMnistArrays(nodeAssetLoader(ctx.root));
    Object.assign(out, await torchReferenceRows('vae', out, data.trainImages.length / data.inputDim));
    Object.assign(out, await browserJobRows(ctx, 'vae-host', ['auto', ...ctx.backends]));
    for (const backend of ['auto', ...ctx.backends]) {
      try {
        Object.assign(out, await measureVaeWidget(await ctx.newPage(), ctx.baseURL, backend));
      } catch (err) {
        out[`widget_${backend}_error`] = errorCell(err);
      }
    }
    // `npm run bench -- vae --profile`: where the browser wasm step's time goes, by kernel.
    if (process.argv.includes('--profile')) Object.assign(out, await browserJobRows(ctx, 'vae-profile', ['wasm']));
    Object.assign(out, fastestBackendRows(out));
    out.matmul_share_target = 0.5;
    out.frame_p95_target_ms = 20;
    return out;
  },
};

/** `npx tsx scripts/bench/vae.ts` prints the Node measurement alone. */
if (process.argv[1] && process.argv[1].endsWith('bench/vae.ts')) {
  measureVaeNode(process.cwd()).then((r) => console.log(JSON.stringify(r, null, 2)));
}
