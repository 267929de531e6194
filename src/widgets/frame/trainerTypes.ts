/**
 * What `useTrainer` returns: the state of one training run as the frame draws it, and the
 * controls that drive it. Shared by the frame, the widgets and the runtime's hook.
 */
import type { Metrics, Plain } from '../../core/demo';
import type { AnyParamValues } from '../../core/params';
import type { BackendChoice, BackendName, BackendTimings, DebugAction, RunStatus } from '../../runtime/protocol';

export type { BackendChoice, BackendName, BackendTimings, DebugAction, RunStatus };

export type TrainerNoticeKind = 'diverged' | 'backend-lost' | 'worker-restarted' | 'error' | 'info';

export interface TrainerNotice {
  /** Unique within one hook instance; pass it to `dismissNotice`. */
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
  /** Per-backend probe timings (ms) when the backend was chosen automatically. */
  probe: BackendTimings | null;
  stepsPerSecond: number;
  notices: TrainerNotice[];
}

export interface TrainerControls {
  play(): void;
  pause(): void;
  /** Pauses, then advances `n` steps (default 1). */
  step(n?: number): void;
  /** Restarts from step 0 with the current settings and seed. */
  reset(): void;
  /** Live params are applied in place; any other param change restarts the run. */
  setParams(p: AnyParamValues): void;
  requestSnapshot(): void;
  dismissNotice(id: number): void;
  /** Test hooks: poison parameters with NaN, lose the WebGL context, crash the worker. */
  debug(action: DebugAction): void;
}

export interface TrainerOptions {
  /** Demo id in src/core/registry.ts. */
  demo: string;
  params: AnyParamValues;
  seed: number;
  input?: Plain;
  /** Param names the session applies live (setParams) instead of restarting. */
  liveParams?: string[];
  /** Default: the page URL's `?backend=` if valid, else 'auto' (probed once per page). */
  backend?: BackendChoice;
  /** False while the widget is off screen: snapshots stop, training continues. Default true. */
  visible?: boolean;
  /** Steps per second cap; null or undefined = as fast as possible. */
  speed?: number | null;
  /** Start training as soon as the session is ready. Default false. */
  autoplay?: boolean;
}

export const HISTORY_CAP = 2000;
