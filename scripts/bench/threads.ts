/**
 * Bench entry 'threads' (issue #12): the chapter's VAE step on tfjs's threaded SIMD wasm build
 * against single-threaded SIMD, in the same run, in a worker of the bench page (cross-origin
 * isolated like the book). Runs alternate single/threaded twice and report medians; the speedup is
 * single ms / threaded ms (target ≥ 1.5 on a 2-core machine). The first 30 steps' ELBOs from the
 * fixed seed are compared between the two builds (same model, same data: they must agree to float
 * tolerance). Both builds' steps are then profiled by kernel (threadLoss.ts): how much the matrix
 * products, the other kernels and the JavaScript between kernels each gain from the threads, and
 * the speedup the whole step could reach if only the products were threaded. Then the chapter's
 * vae-train widget trains on wasm, where a heavy demo now runs threaded: its status line's thread
 * count and the main thread's frame p95 while it trains (target ≤ 20 ms).
 */
import { errorCell } from './browserJobs';
import { runBenchJob } from './benchPage';
import { percentile } from './stats';
import { threadLossRows } from './threadLoss';
import type { BenchContext, BenchEntry, BenchResult } from './types';
import { measureVaeWidget } from './vae';

/** Largest |a_i − b_i| / max(1, |a_i|) over two comma-separated trajectories. */
export function maxRelativeGap(a: string, b: string): number {
  const parse = (s: string) => (s.trim() === '' ? [] : s.split(',').map(Number));
  const x = parse(a);
  const y = parse(b);
  if (x.length !== y.length || x.length === 0) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const gap = Math.abs(x[i] - y[i]) / Math.max(1, Math.abs(x[i]));
    worst = Math.max(worst, Number.isFinite(gap) ? gap : Number.POSITIVE_INFINITY);
  }
  return worst;
}

async function stepMs(ctx: BenchContext, threads: boolean): Promise<{ ms: number; threads: number; share: number }> {
  const reply = await runBenchJob(ctx, { model: 'vae', backend: 'wasm', threads, budget: { warmups: 3, minReps: 5, maxReps: 80, budgetMs: 8000 } });
  if (!reply.ok) throw new Error(reply.error);
  return { ms: Number(reply.result.step_ms), threads: reply.threads ?? 1, share: Number(reply.result.matmul_share) };
}

export const threadsBench: BenchEntry = {
  name: 'threads',
  async run(ctx: BenchContext) {
    const out: BenchResult = {};
    try {
      const single: number[] = [];
      const threaded: number[] = [];
      let count = 1;
      for (let round = 0; round < 2; round++) {
        single.push((await stepMs(ctx, false)).ms);
        const t = await stepMs(ctx, true);
        threaded.push(t.ms);
        count = t.threads;
      }
      const s = percentile(single, 0.5);
      const t = percentile(threaded, 0.5);
      Object.assign(out, {
        vae_threads: count,
        vae_single_step_ms: s,
        vae_threaded_step_ms: t,
        vae_thread_speedup: s / t,
      });
    } catch (err) {
      out.vae_threads_error = errorCell(err);
    }
    try {
      const a = await runBenchJob(ctx, { model: 'vae-trajectory', backend: 'wasm', threads: false, budget: {} });
      const b = await runBenchJob(ctx, { model: 'vae-trajectory', backend: 'wasm', threads: true, budget: {} });
      if (!a.ok || !b.ok) throw new Error(!a.ok ? a.error : !b.ok ? b.error : '');
      out.elbo_trajectory_steps = String(a.result.elbo_trajectory).split(',').length;
      out.elbo_trajectory_max_rel_gap = maxRelativeGap(String(a.result.elbo_trajectory), String(b.result.elbo_trajectory));
    } catch (err) {
      out.trajectory_error = errorCell(err);
    }
    try {
      const profile = async (threads: boolean) => {
        const r = await runBenchJob(ctx, { model: 'vae-profile', backend: 'wasm', threads, budget: {} });
        if (!r.ok) throw new Error(r.error);
        return { result: r.result, threads: r.threads ?? 1 };
      };
      const single = await profile(false);
      const threaded = await profile(true);
      Object.assign(out, threadLossRows(single.result, threaded.result, threaded.threads));
    } catch (err) {
      out.profile_error = errorCell(err);
    }
    try {
      const page = await ctx.newPage();
      Object.assign(out, await measureVaeWidget(page, ctx.baseURL, 'wasm'));
      out.widget_wasm_threads = Number(await page.locator('[data-widget="ch7-vae-train"] [data-field="backend"]').getAttribute('data-threads'));
    } catch (err) {
      out.widget_error = errorCell(err);
    }
    return out;
  },
};

