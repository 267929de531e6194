/**
 * The state of one training run as a TrainingClient keeps it (and `useTrainer` returns it),
 * plus the evenly thinned metric history. Pure data and pure functions.
 */
import type { Metrics, Plain } from '../core/demo';
import type { BackendName, BackendTimings, RunStatus } from './protocol';

export type TrainerNoticeKind = 'diverged' | 'backend-lost' | 'worker-restarted' | 'error' | 'info';

export interface TrainerNotice {
  /** Unique within one client; pass it to `dismissNotice`. */
  id: number;
  kind: TrainerNoticeKind;
  /** Reader-facing sentence(s): what happened and what was done about it. */
  message: string;
}

/** One point of the metric history (a progress report), for line charts. */
export interface HistoryPoint {
  step: number;
  metrics: Metrics;
}

export interface TrainerState<S extends Plain = Plain> {
  status: RunStatus;
  /** Steps completed in the current run (after a rollback: the step rolled back to). */
  step: number;
  /** Latest metrics; null before the first step. */
  metrics: Metrics | null;
  /** Progress reports of this run, oldest first, thinned evenly to at most HISTORY_CAP points. */
  history: HistoryPoint[];
  /** Latest snapshot to draw; null until the worker has created the session. */
  snapshot: S | null;
  /** Backend the worker runs on; null until it is ready. */
  backend: BackendName | null;
  /** The wasm backend's thread count; null on other backends or before ready. */
  threads: number | null;
  /** Per-backend probe timings (ms per probe run) when the backend was chosen automatically. */
  probe: BackendTimings | null;
  stepsPerSecond: number;
  notices: TrainerNotice[];
}

export const HISTORY_CAP = 2000;

export const INITIAL_TRAINER_STATE: TrainerState = {
  status: 'idle',
  step: 0,
  metrics: null,
  history: [],
  snapshot: null,
  backend: null,
  threads: null,
  probe: null,
  stepsPerSecond: 0,
  notices: [],
};

/**
 * Metric history thinned evenly: every `stride`-th report is kept; when more than `cap` are
 * kept, every other one is dropped and the stride doubles. The latest report is always shown
 * (as a tail point when it is not one of the kept ones).
 */
export interface HistoryBuffer {
  kept: HistoryPoint[];
  stride: number;
  /** Reports seen since the start of the run (decides which ones are kept). */
  seen: number;
  tail: HistoryPoint | null;
}

export const EMPTY_HISTORY: HistoryBuffer = { kept: [], stride: 1, seen: 0, tail: null };

export function pushHistory(buf: HistoryBuffer, point: HistoryPoint, cap = HISTORY_CAP): HistoryBuffer {
  // A rollback or restart from a checkpoint moves the step back: what came after is undone.
  let kept = buf.kept;
  if (kept.length && kept[kept.length - 1].step >= point.step) kept = kept.filter((p) => p.step < point.step);
  let stride = buf.stride;
  if (buf.seen % stride === 0) {
    kept = [...kept, point];
    if (kept.length > cap) {
      kept = kept.filter((_, i) => i % 2 === 0);
      stride *= 2;
    }
  }
  return { kept, stride, seen: buf.seen + 1, tail: point };
}

export function historyPoints(buf: HistoryBuffer): HistoryPoint[] {
  const last = buf.kept[buf.kept.length - 1];
  return buf.tail && buf.tail !== last ? [...buf.kept, buf.tail] : buf.kept;
}
