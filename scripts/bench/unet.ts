/**
 * Bench entry 'unet' (issue 13): chapter 8's U-Net pixel model. The time to sample 16 digits from
 * the shipped weights (DDIM on the widget's default k and on the yardstick's k, the ancestral chain
 * over all T steps), the time of one network call on 16 images against the backend's bare forward
 * convolutions of the same shapes, and the training step at the widget's batch against the same
 * kernel on the step's own convolution FLOPs (./unetJob.ts). Rows: node_wasm_* in Node,
 * browser_wasm_* from the bench page's worker with the threaded wasm build, as the widget's demo
 * asks for it. Not 'auto': in headless Chromium here it did not finish the job in 180 s (software
 * WebGL), and the other entries already report what the book's probe picks.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '../../tests/support/tf';
import { nodeAssetLoader } from '../lab/run';
import { BROWSER_BUDGET, browserJobRows, errorCell } from './browserJobs';
import type { BenchContext, BenchEntry, BenchResult } from './types';
import { unetJob } from './unetJob';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const unetBench: BenchEntry = {
  name: 'unet',
  async run(ctx: BenchContext) {
    const out: BenchResult = {};
    try {
      await useBackend('wasm');
      for (const [k, v] of Object.entries(await unetJob(nodeAssetLoader(root), BROWSER_BUDGET.unet))) out[`node_wasm_${k}`] = v;
    } catch (err) {
      out.node_wasm_error = errorCell(err);
    }
    Object.assign(out, await browserJobRows(ctx, 'unet', ['wasm'], BROWSER_BUDGET.unet, true));
    return out;
  },
};
