/**
 * Small helpers of the worker host (./workerHost.ts): error text, finiteness checks of metrics
 * and checkpoints, and yielding to the event loop between step batches.
 */
import type { Metrics, Plain } from '../core/demo';

export const fmt = (n: number) => n.toLocaleString('en-US');

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A step that threw because a number went bad (e.g. a Cholesky of a NaN matrix). */
export function isNumericFailure(e: unknown): boolean {
  return /\bnan\b|non-?finite|not finite|infinit/i.test(errorText(e));
}

/** False when a float array holds NaN/±Inf or a plain number is NaN (the state is poisoned). */
export function isFinitePlain(value: Plain): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  if (value instanceof Float32Array || value instanceof Float64Array) {
    for (let i = 0; i < value.length; i++) if (!Number.isFinite(value[i])) return false;
    return true;
  }
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return true;
  if (Array.isArray(value)) return value.every(isFinitePlain);
  return Object.values(value).every(isFinitePlain);
}

/** '"loss", "elbo" became NaN' (or 'non-finite' when some are ±Infinity). */
export function nonFiniteMetrics(metrics: Metrics): string {
  const bad = Object.keys(metrics).filter((k) => !Number.isFinite(metrics[k]));
  const kind = bad.every((k) => Number.isNaN(metrics[k])) ? 'NaN' : 'non-finite';
  return `${bad.map((k) => `"${k}"`).join(', ')} became ${kind}`;
}

export function isPromise<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown } | null)?.then === 'function';
}

/** Lets queued messages run: setImmediate where there is one, else a MessageChannel round trip. */
export function defaultYield(): () => Promise<void> {
  if (typeof setImmediate === 'function') return () => new Promise((resolve) => setImmediate(resolve));
  // setTimeout(0) is clamped to 4 ms once nested; a MessageChannel round trip is not.
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
