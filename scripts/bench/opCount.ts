/**
 * Kernels per training step, counted with tf.profile on the active backend. On wasm every kernel
 * has a fixed cost of ~20 µs whatever its size, so for small models the count sets the step's
 * floor (issue #12). Only registered kernels are counted: tf.profile also lists the wrappers of
 * ops with a custom gradient (fusedMatMul__op around each _FusedMatMul), which run no kernel.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface KernelCount {
  /** kernels one step ran */
  total: number;
  /** kernel name → calls, most frequent first */
  byName: [string, number][];
}

/** Profiles one call of `step` (which must do one training step and its readback). */
export async function kernelsPerStep(step: () => Promise<unknown>): Promise<KernelCount> {
  const backend = tf.getBackend();
  const info = await tf.profile(async () => {
    await step();
    return [];
  });
  const counts = new Map<string, number>();
  for (const k of info.kernels) {
    if (!tf.getKernel(k.name, backend)) continue;
    counts.set(k.name, (counts.get(k.name) ?? 0) + 1);
  }
  const byName = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { total: byName.reduce((s, [, n]) => s + n, 0), byName };
}

/** The count as report rows: ops_per_step and one cell listing the kernels. */
export function kernelCountRows(c: KernelCount): Record<string, number | string> {
  return { ops_per_step: c.total, ops_by_kernel: c.byName.map(([k, n]) => `${k}×${n}`).join(' ') };
}
