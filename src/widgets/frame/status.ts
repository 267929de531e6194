/** Pure helpers for the status line. */
import type { Metrics } from '../../core/demo';

/** metrics.progress in [0, 1] (e.g. epochs done / epochs planned), or null when absent. */
export function progressOf(metrics: Metrics | null): number | null {
  const p = metrics?.progress;
  if (typeof p !== 'number' || !Number.isFinite(p)) return null;
  return Math.min(1, Math.max(0, p));
}

const PHRASES: Record<string, string> = {
  idle: 'Ready',
  running: 'Training',
  paused: 'Paused',
  done: 'Finished',
  error: 'Stopped by an error',
};

/** The backend as the status line names it: "wasm · 2 threads" when the wasm backend runs threaded. */
export function backendLabel(backend: string | null, threads: number | null): string {
  if (!backend) return '…';
  return threads !== null && threads > 1 ? `${backend} · ${threads} threads` : backend;
}

/** What the polite live region says: changes with status and backend only, never per step. */
export function statusAnnouncement(status: string, backend: string | null): string {
  const phrase = PHRASES[status] ?? status;
  return backend && status !== 'idle' ? `${phrase} on ${backend}` : phrase;
}
