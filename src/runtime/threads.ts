/**
 * How many wasm threads a training worker uses, and how threaded workers share the cores.
 *
 * tfjs fixes a wasm backend's thread count when it starts, and every widget's worker starts its
 * backend when the widget mounts. So a heavy demo's worker starts with the page's whole budget,
 * and the workers take turns instead: each batch of steps of a threaded worker runs under one
 * exclusive Web Lock for the page (origin). Two widgets training at once alternate batches (the
 * lock queue is first come, first served) rather than run 2 × budget threads on the budget's
 * cores, where XNNPACK's spinning thread pools would wait on preempted peers.
 */

/**
 * Threads for the page from `navigator.hardwareConcurrency` (logical cores): both on a 1–2 core
 * machine (the page's own work is light, and one thread would gain nothing); above that half the
 * logical cores (usually the physical ones: hyper-threads add little to XNNPACK's kernels), at
 * least 2 and at most 8 (tfjs pre-spawns 8 pthread workers), leaving the rest to the page.
 */
export function threadBudget(hardwareConcurrency: number): number {
  const cores = Number.isFinite(hardwareConcurrency) && hardwareConcurrency >= 1 ? Math.floor(hardwareConcurrency) : 1;
  return cores <= 2 ? cores : Math.min(8, Math.max(2, Math.floor(cores / 2)));
}

/**
 * Runs `init` (the wasm backend's start) with `navigator.hardwareConcurrency` reading
 * 2 × `threads`. tfjs caps its XNNPACK pool at hardwareConcurrency / 2, read once when the
 * module is instantiated (it assumes two hyper-threads per core), so on a 2-core machine it would
 * never run more than one thread whatever setThreadsCount asks; the book's budget has already
 * made that choice. The real value is restored afterwards.
 */
export async function withCoresReported<T>(nav: object, threads: number, init: () => Promise<T>): Promise<T> {
  if (threads <= 1) return init();
  Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  try {
    return await init();
  } finally {
    delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/** Threads a worker runs with: the budget for a heavy demo on an isolated page, else 1 (single-threaded SIMD). */
export function threadsFor(heavy: boolean, isolated: boolean, budget: number): number {
  return heavy && isolated && budget >= 2 ? budget : 1;
}

/** The part of the Web Locks API used here (`navigator.locks`, in pages and workers). */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export const CORES_LOCK = 'vi-book-wasm-cores';

/** Runs `fn` holding the page's cores lock; without the Web Locks API, just runs it. */
export function withCores<T>(locks: LockManagerLike | undefined, fn: () => Promise<T>): Promise<T> {
  return locks ? locks.request(CORES_LOCK, fn) : fn();
}
