/**
 * Bench entry 'latent' (issue 13): sampling 16 digits from the shipped latent-diffusion model (and,
 * for comparison, from the shipped 14×14 pixel model), and the latent model's training step next to
 * the backend's rate on the step's own products. Rows: node_wasm_* in Node, browser_<backend>_*
 * from the bench page's worker ("in the tab": the same worker setup as the book's). In Node also
 * live_*: the widget's whole live run from scratch at its defaults, driven by the book's worker
 * host with snapshots on (../latentLiveHost.ts): ready → done, and the shares of it spent in steps
 * and in snapshots (scripts/latentLiveTraining.ts --host adds the yardstick's scores of the result).
 */
import { ddmLatentParams } from '../../src/core/diffusion/latentDemo';
import { defaultParams } from '../../src/core/params';
import type { AssetLoader } from '../../src/core/vae/data';
import { hostRun } from '../latentLiveHost';
import { browserJobRows } from './browserJobs';
import { nodeWasmAndBrowserEntry } from './jobEntry';
import { latentJob } from './latentJob';
import type { BenchEntry, BenchResult } from './types';

async function liveRunRows(loadAsset: AssetLoader): Promise<BenchResult> {
  const live = await hostRun({ ...defaultParams(ddmLatentParams), pretrained: false }, 1, loadAsset);
  live.dispose();
  return {
    live_run_ms: live.wallMs,
    live_steps: live.steps,
    live_step_median_ms: live.medianStepMs,
    live_step_share: live.stepMs / live.wallMs,
    live_snapshot_share: live.snapshotMs / live.wallMs,
  };
}

export const latentBench: BenchEntry = nodeWasmAndBrowserEntry(
  'latent',
  async (loadAsset) => ({ ...(await latentJob(loadAsset, { warmups: 3, maxReps: 100, budgetMs: 5000 })), ...(await liveRunRows(loadAsset)) }),
  (ctx) => browserJobRows(ctx, 'latent'),
);
