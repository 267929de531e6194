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
import { BROWSER_BUDGET, browserJobRows } from './browserJobs';
import { nodeWasmAndBrowserEntry } from './jobEntry';
import type { BenchEntry } from './types';
import { unetJob } from './unetJob';

export const unetBench: BenchEntry = nodeWasmAndBrowserEntry(
  'unet',
  (loadAsset) => unetJob(loadAsset, BROWSER_BUDGET.unet),
  (ctx) => browserJobRows(ctx, 'unet', ['wasm'], BROWSER_BUDGET.unet, true),
);
