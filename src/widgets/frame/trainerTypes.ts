/**
 * What `useTrainer` takes and returns: the state of one training run as the frame draws it
 * (defined in the runtime, which keeps it) and the controls that drive it.
 */
import type { Plain } from '../../core/demo';
import type { AnyParamValues } from '../../core/params';
import type { BackendChoice, BackendName, BackendTimings, DebugAction, RunStatus } from '../../runtime/protocol';

export type { BackendChoice, BackendName, BackendTimings, DebugAction, RunStatus };
export type { HistoryPoint, TrainerNotice, TrainerNoticeKind, TrainerState } from '../../runtime/trainerState';
export { HISTORY_CAP } from '../../runtime/trainerState';

export interface TrainerControls {
  /** Starts or resumes training (after an unrecovered error: restarts the run). */
  play(): void;
  pause(): void;
  /**
   * Pauses, then advances `n` steps (default 1). Not named `step`: that is the state's step
   * count, and state and controls are spread into one object.
   */
  stepForward(n?: number): void;
  /** Restarts from step 0 with the current settings and seed. */
  reset(): void;
  /** Live params are applied in place; any other param in `p` restarts the run with it. */
  setParams(p: AnyParamValues): void;
  requestSnapshot(): void;
  dismissNotice(id: number): void;
  /** Test hooks: poison parameters with NaN, lose the WebGL context, crash the worker. */
  debug(action: DebugAction): void;
}

export interface TrainerOptions {
  /** Demo id in src/core/registry.ts; '' starts nothing. */
  demo: string;
  params: AnyParamValues;
  seed: number;
  /** Compared by value (typed arrays included), so a fresh but equal object does not restart. */
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
