/**
 * Where a threaded wasm step loses against the single-threaded one: the two kernel profiles of
 * the same step (modelJobs.vaeKernelProfile, one per build) split into the matrix products
 * (XNNPACK's GEMMs, which the thread pool shares out), the other kernels, and the time outside any
 * kernel (batch assembly, uploads, op dispatch, the readback: JavaScript on one thread), with each
 * part's speedup and the bound Amdahl's law puts on the whole step if only the products were
 * threaded, perfectly.
 */
import type { BenchResult } from './types';

/** The kernels that run as XNNPACK GEMMs. */
const MATMULS = new Set(['_FusedMatMul', 'BatchMatMul']);

/** kernel name → ms per step, from a profile's kernel_<name>_ms rows. */
export function kernelTimes(profile: BenchResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(profile)) {
    const m = /^kernel_(.+)_ms$/.exec(k);
    if (m && m[1] !== 'ms_total' && typeof v === 'number') out.set(m[1], v);
  }
  return out;
}

function parts(profile: BenchResult): { step: number; matmul: number; other: number; outside: number; kernels: Map<string, number> } {
  const kernels = kernelTimes(profile);
  let matmul = 0;
  let other = 0;
  for (const [name, ms] of kernels) {
    if (MATMULS.has(name)) matmul += ms;
    else other += ms;
  }
  const step = Number(profile.profiled_step_ms);
  return { step, matmul, other, outside: step - matmul - other, kernels };
}

/**
 * @param threads the threaded build's thread count
 * @returns rows: each part's ms in both builds and its speedup; speedup_bound_matmul_only (the
 *   single-threaded step over the same step with its products `threads` times faster and the rest
 *   unchanged); threaded_step_share_matmul; and the non-product kernels that take longest threaded,
 *   single → threaded ms.
 */
export function threadLossRows(single: BenchResult, threaded: BenchResult, threads: number): BenchResult {
  const s = parts(single);
  const t = parts(threaded);
  const top = [...t.kernels.entries()]
    .filter(([name]) => !MATMULS.has(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, ms]) => `${name} ${(s.kernels.get(name) ?? 0).toFixed(2)}→${ms.toFixed(2)}`);
  return {
    profile_single_step_ms: s.step,
    profile_threaded_step_ms: t.step,
    profile_single_matmul_ms: s.matmul,
    profile_threaded_matmul_ms: t.matmul,
    matmul_speedup: s.matmul / t.matmul,
    profile_single_other_kernels_ms: s.other,
    profile_threaded_other_kernels_ms: t.other,
    other_kernels_speedup: s.other / t.other,
    profile_single_outside_kernels_ms: s.outside,
    profile_threaded_outside_kernels_ms: t.outside,
    profiled_speedup: s.step / t.step,
    speedup_bound_matmul_only: s.step / (s.matmul / threads + s.other + s.outside),
    threaded_step_share_matmul: t.matmul / t.step,
    threaded_slowest_other_kernels_ms: top.join(', '),
  };
}
