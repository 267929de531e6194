/**
 * A model job on every browser backend through the bench page, flattened into report rows:
 * `browser_<backend>_<measure>`; 'auto' also names the backend the book's probe picked. A backend
 * that fails gets an `_error` row, never silence.
 */
import { runBenchJob } from './benchPage';
import type { JobBudget } from './modelJobs';
import type { BenchJob } from './page/protocol';
import type { BenchContext, BenchResult } from './types';

/** Software WebGL (SwiftShader) and the cpu backend take seconds per VAE step: few reps, capped by time. */
export const BROWSER_BUDGET: Record<BenchJob['model'], JobBudget> = {
  vae: { warmups: 2, minReps: 3, maxReps: 60, budgetMs: 6000 },
  'vae-profile': {},
  'vae-host': {},
  ddm: { warmups: 3, minReps: 3, maxReps: 300, budgetMs: 4000 },
  'vae-trajectory': {},
  latent: { warmups: 3, minReps: 3, maxReps: 100, budgetMs: 4000 },
  // a U-Net step at batch 64 takes seconds (tens on one loaded wasm thread)
  unet: { warmups: 1, minReps: 2, maxReps: 10, budgetMs: 8000 },
};

export async function browserJobRows(
  ctx: BenchContext,
  model: BenchJob['model'],
  // WebGPU too, so that a machine without it says so in the report rather than by omission.
  backends: readonly string[] = ['auto', ...new Set([...ctx.backends, 'webgpu'])],
  budget: JobBudget = BROWSER_BUDGET[model],
  /** the threaded wasm build, as a demo with DemoDefinition.threads gets it */
  threads = false,
): Promise<BenchResult> {
  const out: BenchResult = {};
  for (const backend of backends) {
    const key = `browser_${backend}`;
    try {
      const reply = await runBenchJob(ctx, { model, backend: backend as BenchJob['backend'], budget, threads });
      if (!reply.ok) {
        out[`${key}_error`] = reply.error;
        continue;
      }
      if (backend === 'auto') out[`${key}_picked`] = reply.backend;
      if (reply.backend === 'wasm') out[`${key}_wasm_binary`] = `${reply.wasmBinary ?? 'none fetched'}${reply.crossOriginIsolated ? ' (isolated)' : ''}`;
      for (const [k, v] of Object.entries(reply.result)) out[`${key}_${k}`] = v;
    } catch (err) {
      out[`${key}_error`] = errorCell(err);
    }
  }
  return out;
}

/** The backend with the most step GFLOP/s among the measured rows, and its matMul share. */
export function fastestBackend(rows: BenchResult, prefix = 'browser_'): { backend: string; share: number; gflops: number } | null {
  let best: { backend: string; share: number; gflops: number } | null = null;
  for (const [k, v] of Object.entries(rows)) {
    const m = /^(.*)_step_gflop_per_s$/.exec(k);
    if (!m || !m[1].startsWith(prefix) || m[1] === `${prefix}auto` || typeof v !== 'number') continue;
    const share = rows[`${m[1]}_matmul_share`];
    if (typeof share !== 'number') continue;
    if (!best || v > best.gflops) best = { backend: m[1].slice(prefix.length), share, gflops: v };
  }
  return best;
}

/** The report rows naming the fastest browser backend and its matMul shares (median and of minima). */
export function fastestBackendRows(rows: BenchResult): BenchResult {
  const best = fastestBackend(rows);
  if (!best) return { fastest_browser_backend: 'none measured' };
  return {
    fastest_browser_backend: best.backend,
    fastest_browser_matmul_share: best.share,
    fastest_browser_matmul_share_of_minima: rows[`browser_${best.backend}_matmul_share_of_minima`],
  };
}

/** An error as one report cell: its first line. */
export function errorCell(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0] : String(err);
}
