/**
 * Bench entry 'latent' (issue 13): sampling 16 digits from the shipped latent-diffusion model (and,
 * for comparison, from the shipped 14×14 pixel model), and the latent model's training step next to
 * the backend's rate on the step's own products. Rows: node_wasm_* in Node, browser_<backend>_*
 * from the bench page's worker ("in the tab": the same worker setup as the book's).
 */
import { browserJobRows } from './browserJobs';
import { nodeWasmAndBrowserEntry } from './jobEntry';
import { latentJob } from './latentJob';
import type { BenchEntry } from './types';

export const latentBench: BenchEntry = nodeWasmAndBrowserEntry(
  'latent',
  (loadAsset) => latentJob(loadAsset, { warmups: 3, maxReps: 100, budgetMs: 5000 }),
  (ctx) => browserJobRows(ctx, 'latent'),
);
