/**
 * The contract between a model in src/core and everything that drives it: the Web Worker
 * host (src/runtime), the unit tests and the `npm run lab` CLI all call the same session.
 *
 * Values crossing the worker boundary are `Plain`: numbers, strings, booleans, typed arrays,
 * and arrays/objects of those; never tensors.
 */
import type { ParamTable, ParamValues } from './params';

export type Plain =
  | number
  | string
  | boolean
  | null
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint8Array
  | Uint32Array
  | Plain[]
  | { [key: string]: Plain };

/** Scalars reported after each step; every value is checked for finiteness by the host. */
export type Metrics = Record<string, number>;

export interface SnapshotHint {
  /** Not training right now: the snapshot will stay on screen, so it must be current. */
  resting: boolean;
}

export interface TrainingSession<Snapshot extends Plain = Plain, Values = Record<string, unknown>> {
  /** Advances one step (one EM iteration, one optimizer update) and returns its metrics. */
  step(): Metrics | Promise<Metrics>;
  /**
   * What the widget draws; may be heavier than metrics, so the host throttles it, and a session
   * may return a recent one while training runs. When `hint.resting` (paused, done, after a
   * manual step or a rollback) it must describe the current state.
   */
  snapshot(hint?: SnapshotHint): Snapshot | Promise<Snapshot>;
  /** Everything needed to resume exactly here (parameters, optimizer state, rng position if kept). */
  checkpoint(): Plain | Promise<Plain>;
  restore(checkpoint: Plain): void | Promise<void>;
  /** Applies live changes (learning rate, KL weight) without a restart; absent = restart needed. */
  setParams?(values: Partial<Values>): void;
  /** True when training has converged or reached its step budget. */
  isDone?(): boolean;
  /** Test hook: poisons the parameters with NaN so divergence handling can be exercised. */
  corrupt?(): void;
  dispose(): void;
}

export interface DemoContext<T extends ParamTable> {
  params: ParamValues<T>;
  seed: number;
  /** Optional data the reader supplied (a drawn point set as Float64Array [n*2]). */
  input?: Plain;
  /** Loads a shipped asset (MNIST, pretrained weights) by path relative to the site root. */
  loadAsset?: (path: string) => Promise<ArrayBuffer>;
}

export interface DemoDefinition<T extends ParamTable = ParamTable, Snapshot extends Plain = Plain> {
  id: string;
  title: string;
  params: T;
  /** Whether the session needs a tfjs backend initialised before create(). */
  usesTf: boolean;
  /**
   * Heavy enough to gain from tfjs's threaded wasm build (large matMuls per step). Such a demo's
   * worker takes threads from the page's budget (src/runtime/threads.ts); others stay single-threaded.
   */
  threads?: boolean;
  create(ctx: DemoContext<T>): Promise<TrainingSession<Snapshot, ParamValues<T>>>;
  /** Default step budget for the CLI and "run to convergence". */
  defaultSteps: number;
  /** Optional end-of-run summary for the CLI (e.g. test ELBO, energy distance). */
  summarize?(session: TrainingSession<Snapshot, ParamValues<T>>): Promise<Record<string, number | string>>;
}

export function defineDemo<T extends ParamTable, S extends Plain>(d: DemoDefinition<T, S>): DemoDefinition<T, S> {
  return d;
}

export function allFinite(metrics: Metrics): boolean {
  for (const v of Object.values(metrics)) if (!Number.isFinite(v)) return false;
  return true;
}
