/**
 * Bench entry 'latent-threads' (issue 13): is the latent-diffusion demo heavy enough for tfjs's
 * threaded wasm build (DemoDefinition.threads)? Its training step and the time to sample 16 digits,
 * single-threaded SIMD against threaded SIMD, in a worker of the bench page (cross-origin isolated,
 * as the book), alternated twice in one run; medians, and speedup = single / threaded.
 */
import { runBenchJob } from './benchPage';
import { errorCell } from './browserJobs';
import { percentile } from './stats';
import type { BenchContext, BenchEntry, BenchResult } from './types';

async function latentOnce(ctx: BenchContext, threads: boolean): Promise<{ step: number; sample: number; threads: number }> {
  const reply = await runBenchJob(ctx, { model: 'latent', backend: 'wasm', threads, budget: { warmups: 5, minReps: 20, maxReps: 200, budgetMs: 5000 } });
  if (!reply.ok) throw new Error(reply.error);
  return { step: Number(reply.result.latent_step_ms), sample: Number(reply.result.latent_sample16_ms), threads: reply.threads ?? 1 };
}

export const latentThreadsBench: BenchEntry = {
  name: 'latent-threads',
  async run(ctx: BenchContext) {
    const out: BenchResult = {};
    try {
      const single: { step: number; sample: number }[] = [];
      const threaded: { step: number; sample: number }[] = [];
      let count = 1;
      for (let round = 0; round < 2; round++) {
        single.push(await latentOnce(ctx, false));
        const t = await latentOnce(ctx, true);
        threaded.push(t);
        count = t.threads;
      }
      const med = (rows: { step: number; sample: number }[], k: 'step' | 'sample') => percentile(rows.map((r) => r[k]), 0.5);
      Object.assign(out, {
        latent_threads: count,
        latent_single_step_ms: med(single, 'step'),
        latent_threaded_step_ms: med(threaded, 'step'),
        latent_step_thread_speedup: med(single, 'step') / med(threaded, 'step'),
        latent_single_sample16_ms: med(single, 'sample'),
        latent_threaded_sample16_ms: med(threaded, 'sample'),
        latent_sample_thread_speedup: med(single, 'sample') / med(threaded, 'sample'),
      });
    } catch (err) {
      out.latent_threads_error = errorCell(err);
    }
    return out;
  },
};
