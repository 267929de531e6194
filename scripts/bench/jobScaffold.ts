/**
 * What every model bench job repeats around its measurements: the median of a few timed calls, and
 * the check that the job left no tensors behind. tfjs-core only: the Node bench and the bench
 * page's worker both run the jobs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { percentile } from './stats';

/** Median wall time of `reps` calls of `fn`, after `warmups` untimed calls. */
export async function medianMs(fn: () => Promise<unknown>, reps: number, warmups = 0): Promise<number> {
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return percentile(times, 0.5);
}

/** Throws when the workload left tensors behind (a leak would also slow every later step). */
export function checkNoLeak(before: number, what: string): void {
  const after = tf.memory().numTensors;
  if (after !== before) throw new Error(`${what} leaked ${after - before} tensors`);
}
