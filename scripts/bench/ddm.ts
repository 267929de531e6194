/**
 * Bench entry 'ddm' (issue #5): the 2-D diffusion model at the demo's defaults. Training steps/s
 * and samples/s (one ancestral chain of 1,000 points through all T steps), each next to the same
 * backend's rate on the bare products of the same layer shapes, measured in the same run:
 * matmul_share = (matMul-only time) / (measured time). Rows: node_<wasm|cpu>_* in Node, and
 * browser_<backend>_* from the bench page's worker for each browser backend and 'auto'; torch_* and
 * ratio_* (the same step in PyTorch, scripts/bench/torchRef.ts); ops_per_step (tfjs kernels per step).
 */
import { useBackend, type NodeBackend } from '../../tests/support/tf';
import { browserJobRows, errorCell, fastestBackendRows } from './browserJobs';
import { ddmJob } from './modelJobs';
import { torchReferenceRows } from './torchRef';
import type { BenchContext, BenchEntry, BenchResult } from './types';

export async function benchDdmNode(backends: NodeBackend[] = ['wasm', 'cpu']): Promise<BenchResult> {
  const out: BenchResult = {};
  for (const b of backends) {
    try {
      await useBackend(b);
      const r = await ddmJob({ warmups: 3, maxReps: 40, budgetMs: 8000 });
      for (const [k, v] of Object.entries(r)) out[`node_${b}_${k}`] = v;
    } catch (err) {
      out[`node_${b}_error`] = errorCell(err);
    }
  }
  return out;
}

export const ddmBench: BenchEntry = {
  name: 'ddm',
  async run(ctx: BenchContext) {
    const out: BenchResult = { ...(await benchDdmNode()) };
    Object.assign(out, await browserJobRows(ctx, 'ddm'));
    // PyTorch on the CPU, right after our Node and browser steps, and our steps as ratios to it.
    Object.assign(out, await torchReferenceRows('ddm', out));
    Object.assign(out, fastestBackendRows(out));
    return out;
  },
};
