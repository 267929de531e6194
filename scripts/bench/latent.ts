/**
 * Bench entry 'latent' (issue 13): sampling 16 digits from the shipped latent-diffusion model (and,
 * for comparison, from the shipped 14×14 pixel model), and the latent model's training step next to
 * the backend's rate on the step's own products. Rows: node_wasm_* in Node, browser_<backend>_*
 * from the bench page's worker ("in the tab": the same worker setup as the book's).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '../../tests/support/tf';
import { nodeAssetLoader } from '../lab/run';
import { browserJobRows, errorCell } from './browserJobs';
import { latentJob } from './latentJob';
import type { BenchContext, BenchEntry, BenchResult } from './types';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const latentBench: BenchEntry = {
  name: 'latent',
  async run(ctx: BenchContext) {
    const out: BenchResult = {};
    try {
      await useBackend('wasm');
      for (const [k, v] of Object.entries(await latentJob(nodeAssetLoader(root), { warmups: 3, maxReps: 100, budgetMs: 5000 }))) out[`node_wasm_${k}`] = v;
    } catch (err) {
      out.node_wasm_error = errorCell(err);
    }
    Object.assign(out, await browserJobRows(ctx, 'latent'));
    return out;
  },
};
