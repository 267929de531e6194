/**
 * The typed message protocol between a TrainingClient (main thread) and the training worker.
 *
 * Every message is plain data (numbers, strings, typed arrays; see `Plain` in src/core/demo.ts),
 * never a tensor, so it survives structuredClone. Typed arrays travel as transferables:
 * `transferablesOf(message)` lists their buffers for postMessage's transfer list, and
 * `copyPlain` makes a private copy first when the sender must keep using the original.
 */
import type { Metrics, Plain } from '../core/demo';
import type { AnyParamValues } from '../core/params';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;
export const BACKEND_NAMES: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'error';
export type DebugAction = 'corrupt' | 'lose-context' | 'crash';
export type WorkerErrorKind = 'diverged' | 'backend-lost' | 'exception';

/** Milliseconds per probe workload for each backend tried; null when it failed to initialise. */
export type BackendTimings = Partial<Record<BackendName, number | null>>;

/** A checkpoint with the step it was taken at, as the client keeps it for a worker restart. */
export interface StepCheckpoint {
  step: number;
  checkpoint: Plain;
  /** Metrics of the step the checkpoint was taken after (absent at step 0). */
  metrics?: Metrics;
}

// ---------------------------------------------------------------- main thread → worker

export interface StartMessage {
  type: 'start';
  /** Identifies this run; every reply carries it and the client drops replies from older runs. */
  runId: number;
  demo: string;
  params: AnyParamValues;
  seed: number;
  input?: Plain;
  /** 'auto' lets the worker probe; the client normally passes the page's already-probed choice. */
  backend: BackendChoice;
  /** Steps per second cap; null runs as fast as the backend allows. */
  speed: number | null;
  /** Start running at once (true) or wait, at step 0, for `resume`/`step` (false, the default). */
  autoplay?: boolean;
  /** Whether the worker pushes snapshots while running (off while the widget is off screen). */
  snapshots?: boolean;
  /** Resume from here instead of step 0 (used after a worker crash). */
  checkpoint?: StepCheckpoint;
}

export type ToWorker =
  | StartMessage
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step'; count: number }
  | { type: 'stop' }
  | { type: 'set-params'; params: AnyParamValues }
  | { type: 'set-speed'; stepsPerSecond: number | null }
  | { type: 'set-snapshots'; enabled: boolean }
  | { type: 'request-snapshot' }
  | { type: 'request-checkpoint' }
  | { type: 'debug'; action: DebugAction };

// ---------------------------------------------------------------- worker → main thread

export type FromWorker =
  /** `threads`: the wasm backend's thread count (absent on other backends). */
  | { type: 'ready'; runId: number; backend: BackendName; probe?: BackendTimings; threads?: number }
  | { type: 'progress'; runId: number; step: number; metrics: Metrics; stepsPerSecond: number; status: RunStatus }
  | { type: 'snapshot'; runId: number; step: number; snapshot: Plain }
  | ({ type: 'checkpoint'; runId: number } & StepCheckpoint)
  | {
      type: 'error';
      runId: number;
      kind: WorkerErrorKind;
      /** Written for the reader: what happened, what was done about it, what to try. */
      message: string;
      /** True when training can go on (rolled back, or moved to another backend). */
      recovered: boolean;
      step: number;
      backend?: BackendName;
    }
  | { type: 'status'; runId: number; status: RunStatus };

export type ToWorkerType = ToWorker['type'];
export type FromWorkerType = FromWorker['type'];

// ---------------------------------------------------------------- transferables

function isTypedArray(v: unknown): v is ArrayBufferView {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

/**
 * The distinct ArrayBuffers behind every typed array inside `value` (a message or any Plain),
 * for postMessage's transfer list. SharedArrayBuffers are skipped (they are shared, not moved).
 * After posting with this list the originals are detached: copy first (`copyPlain`) if the
 * sender keeps them.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (isTypedArray(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
      return;
    }
    if (Array.isArray(v)) for (const x of v) walk(x);
    else for (const x of Object.values(v)) walk(x);
  };
  walk(value);
  return [...found];
}

/** Deep copy in which every typed array owns a fresh, compact buffer (safe to transfer). */
export function copyPlain<T>(value: T): T {
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (isTypedArray(v)) return (v as unknown as { slice(): unknown }).slice();
    if (Array.isArray(v)) return v.map(copy);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = copy(x);
    return out;
  };
  return copy(value) as T;
}

/**
 * A message and its transfer list. With `keep`, the typed arrays are copied first so the
 * sender's originals stay usable; without it they are moved (and detached on the sender's side).
 */
export function forTransfer<T>(message: T, keep: boolean): [T, ArrayBuffer[]] {
  const out = keep ? copyPlain(message) : message;
  return [out, transferablesOf(out)];
}
