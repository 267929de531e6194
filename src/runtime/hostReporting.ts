/**
 * The worker host's state and reporting (./workerHost.ts): its options, the run it holds, the
 * FIFO lock over the session, and the messages it posts (status, progress, snapshots, errors).
 */
import type { DemoDefinition, Metrics, Plain, TrainingSession } from '../core/demo';
import type { AnyParamValues } from '../core/params';
import { loadDemo as registryLoadDemo } from '../core/registry';
import { HostBackend, type BackendControl } from './hostBackend';
import { defaultYield, errorText, isPromise } from './hostSupport';
import { forTransfer, type FromWorker, type RunStatus } from './protocol';

export interface WorkerHostOptions {
  post(message: FromWorker, transfer: Transferable[]): void;
  /** Default: src/core/registry `loadDemo`. */
  loadDemo?: (id: string) => Promise<DemoDefinition>;
  /** Loaded on the first demo that uses tfjs, so demos without tfjs never load it. */
  backend?: () => Promise<BackendControl>;
  loadAsset?: (path: string) => Promise<ArrayBuffer>;
  /** Debug 'crash': must fail outside any promise chain (default: throw from a setTimeout). */
  crash?: () => void;
  now?: () => number;
  /** Lets queued messages run between batches (default: setImmediate, else a MessageChannel). */
  yieldToEventLoop?: () => Promise<void>;
  /** Longest a batch of steps holds the lock, in ms (default 15). */
  batchMs?: number;
  progressIntervalMs?: number;
  snapshotIntervalMs?: number;
  /** Stepping time per checkpoint cost (default 19: checkpoints take < 5% of the time). */
  checkpointWorkRatio?: number;
  /** How often a GPU backend is checked for a lost context, in ms (default 250). */
  lossPollMs?: number;
}

export interface GoodCheckpoint {
  step: number;
  checkpoint: Plain;
  metrics: Metrics | null;
}

/** The state just before a live setting changed: the rollback target if a divergence follows soon. */
export interface BeforeChange extends GoodCheckpoint {
  /** Step of the latest change in this burst of changes. */
  changedAt: number;
  /** Names of the settings changed since this checkpoint. */
  names: string[];
}

/** A divergence within this many steps of a live setting's change is blamed on the change. */
export const SUSPECT_STEPS = 1000;
/** Changes within this many steps of each other (a slider drag) share one checkpoint: the one before them all. */
export const CHANGE_BURST_STEPS = 50;

export interface Run {
  runId: number;
  def: DemoDefinition;
  params: AnyParamValues;
  seed: number;
  input?: Plain;
  session: TrainingSession;
  status: RunStatus;
  step: number;
  metrics: Metrics | null;
  /** The last checkpoint whose numbers were all finite; always present once the run exists. */
  good: GoodCheckpoint;
  /**
   * The state before the latest change of a live setting. Too large a learning rate can wreck
   * the parameters for hundreds of steps before any number overflows, so the last finite
   * checkpoint may already be ruined; this one is from before the cause.
   */
  beforeChange: BeforeChange | null;
  pendingSteps: number;
  speed: number | null;
  snapshots: boolean;
  stepMsSinceCheckpoint: number;
  checkpointCostMs: number;
  lastProgressAt: number;
  lastProgressStep: number;
  lastSnapshotAt: number;
  /** Speed cap bookkeeping: when stepping resumed and at which step. */
  paceAt: number;
  paceStep: number;
}

type HostSettings = Required<Omit<WorkerHostOptions, 'backend' | 'loadAsset'>> & Pick<WorkerHostOptions, 'backend' | 'loadAsset'>;

export abstract class HostReporting {
  protected readonly opts: HostSettings;
  protected run: Run | null = null;
  /** runId of the latest `start`, also while its session is being created or after it failed. */
  protected runId = 0;
  protected disposed = false;
  protected readonly backend: HostBackend;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(options: WorkerHostOptions) {
    this.opts = {
      loadDemo: registryLoadDemo,
      crash: () =>
        setTimeout(() => {
          throw new Error('Simulated worker crash (debug)');
        }, 0),
      now: () => performance.now(),
      yieldToEventLoop: defaultYield(),
      batchMs: 15,
      progressIntervalMs: 100,
      snapshotIntervalMs: 50,
      checkpointWorkRatio: 19,
      lossPollMs: 250,
      ...options,
    };
    this.backend = new HostBackend(this.opts.backend, this.opts.lossPollMs, () => this.onLost());
  }

  /** The active GPU backend lost its context (./hostRecovery.ts). */
  protected abstract onLost(): void;

  /** Reports an error nobody caught (worker.ts calls this from the global error handlers). */
  reportUncaught(message: string): void {
    this.postError('exception', `Unexpected error in the training worker: ${message}`, false);
  }

  /** Runs `work` after everything queued before it (a FIFO lock over the session). */
  protected exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.lock.then(work);
    this.lock = result.catch((e) => this.reportUncaught(errorText(e)));
    return result;
  }

  protected disposeSession(): void {
    const r = this.run;
    this.run = null;
    if (r) r.session.dispose();
  }

  protected restartClocks(r: Run): void {
    const now = this.opts.now();
    r.paceAt = now;
    r.paceStep = r.step;
    r.lastProgressAt = now;
    r.lastProgressStep = r.step;
  }

  protected setStatus(r: Run, status: RunStatus): void {
    if (r.status === status) return;
    r.status = status;
    this.post({ type: 'status', runId: r.runId, status });
  }

  protected postProgress(r: Run, force = false): void {
    const now = this.opts.now();
    const elapsed = now - r.lastProgressAt;
    if (!force && elapsed < this.opts.progressIntervalMs) return;
    const stepsPerSecond =
      r.status === 'running' && elapsed > 0 ? Math.max(0, ((r.step - r.lastProgressStep) * 1000) / elapsed) : 0;
    r.lastProgressAt = now;
    r.lastProgressStep = r.step;
    this.post({
      type: 'progress',
      runId: r.runId,
      step: r.step,
      metrics: { ...(r.metrics ?? {}) },
      stepsPerSecond,
      status: r.status,
    });
  }

  /** Posts a snapshot unless snapshots are off (an explicit request sends one regardless). */
  protected async postSnapshot(r: Run, requested = false): Promise<void> {
    if (!r.snapshots && !requested) return;
    r.lastSnapshotAt = this.opts.now();
    const out = r.session.snapshot({ resting: r.status !== 'running' });
    const snapshot = isPromise(out) ? await this.backend.race(out) : out;
    // Copied before transfer: the session may keep the arrays it returned.
    const [message, transfer] = forTransfer({ type: 'snapshot' as const, runId: r.runId, step: r.step, snapshot }, true);
    this.post(message, transfer);
  }

  protected postError(kind: 'diverged' | 'backend-lost' | 'exception', message: string, recovered: boolean, r = this.run): void {
    this.post({
      type: 'error',
      runId: r?.runId ?? this.runId,
      kind,
      message,
      recovered,
      step: r?.step ?? 0,
      ...(this.backend.active ? { backend: this.backend.active } : {}),
    });
  }

  protected post(message: FromWorker, transfer: Transferable[] = []): void {
    if (!this.disposed) this.opts.post(message, transfer);
  }
}
