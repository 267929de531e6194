/**
 * Hosts one training run of any registered demo: the body of the Web Worker, written without
 * DOM or worker globals so it runs under vitest in Node. `worker.ts` wires it to `self`.
 *
 * What it guarantees to the client:
 * - every step's metrics are checked with `allFinite`; on a non-finite value (or a step that
 *   throws about NaN) the session is restored to the last finite checkpoint and paused, and an
 *   `error` of kind 'diverged' explains what happened; when a live setting (a learning rate)
 *   changed less than SUSPECT_STEPS steps before, it is restored to the state before that
 *   change instead, since the finite states in between may already be wrecked;
 * - a checkpoint is taken before the first step and then whenever the stepping time since the
 *   last one reaches 19× the checkpoint's own cost (checkpointing stays under ~5% of the time);
 * - a lost GPU context (WebGL/WebGPU) moves the run to the next working backend, restored from
 *   the last checkpoint, with an `error` of kind 'backend-lost';
 * - progress is posted at most ~10 times a second and snapshots ~20 times a second while
 *   running, and always after a manual step, a pause, a start or a rollback.
 *
 * Everything that touches the session runs through one FIFO lock (`exclusive`), so messages
 * are applied between step batches, in the order they arrived.
 */
import { allFinite, type DemoDefinition, type Metrics, type Plain, type TrainingSession } from '../core/demo';
import { defaultParams, type AnyParamValues } from '../core/params';
import { loadDemo as registryLoadDemo } from '../core/registry';
import {
  copyPlain,
  forTransfer,
  type BackendChoice,
  type BackendName,
  type BackendTimings,
  type FromWorker,
  type RunStatus,
  type StartMessage,
  type ToWorker,
} from './protocol';

/** The tfjs backend as the host needs it; `backend.ts` implements it in the browser. */
export interface BackendControl {
  /**
   * Makes a backend active: `choice` or, when it is excluded or fails to initialise, the next
   * one in the order webgpu → webgl → wasm → cpu. 'auto' probes the non-excluded ones.
   */
  activate(
    choice: BackendChoice,
    exclude: readonly BackendName[],
    opts?: { threads?: boolean },
  ): Promise<{ backend: BackendName; probe?: BackendTimings; threads?: number }>;
  /**
   * Runs a batch of a multi-threaded backend's steps holding the page's cores, so that threaded
   * workers take turns instead of oversubscribing (src/runtime/threads.ts). Optional.
   */
  shareCores?<T>(fn: () => Promise<T>): Promise<T>;
  /** True when the active backend's GPU context or device is gone. */
  isLost(): boolean;
  /** Calls `onLost` when the active backend loses its GPU context; returns an unsubscribe. */
  watchLoss(onLost: () => void): () => void;
  /** Debug: makes the active GPU backend lose its context; false when there is none to lose. */
  loseContext(): boolean;
}

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

interface GoodCheckpoint {
  step: number;
  checkpoint: Plain;
  metrics: Metrics | null;
}

/** The state just before a live setting changed: the rollback target if a divergence follows soon. */
interface BeforeChange extends GoodCheckpoint {
  /** Step of the latest change in this burst of changes. */
  changedAt: number;
  /** Names of the settings changed since this checkpoint. */
  names: string[];
}

/** A divergence within this many steps of a live setting's change is blamed on the change. */
export const SUSPECT_STEPS = 1000;
/** Changes within this many steps of each other (a slider drag) share one checkpoint: the one before them all. */
const CHANGE_BURST_STEPS = 50;

interface Run {
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

class BackendLostError extends Error {
  constructor() {
    super('The GPU context was lost');
  }
}

const GPU_BACKENDS: readonly BackendName[] = ['webgpu', 'webgl'];

const BACKEND_LABEL: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly (wasm)',
  cpu: 'plain JavaScript (cpu)',
};

const fmt = (n: number) => n.toLocaleString('en-US');

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A step that threw because a number went bad (e.g. a Cholesky of a NaN matrix). */
function isNumericFailure(e: unknown): boolean {
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
function nonFiniteMetrics(metrics: Metrics): string {
  const bad = Object.keys(metrics).filter((k) => !Number.isFinite(metrics[k]));
  const kind = bad.every((k) => Number.isNaN(metrics[k])) ? 'NaN' : 'non-finite';
  return `${bad.map((k) => `"${k}"`).join(', ')} became ${kind}`;
}

function isPromise<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown } | null)?.then === 'function';
}

function defaultYield(): () => Promise<void> {
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

/** A promise that rejects when the active GPU backend is lost; raced against session calls. */
function createLossGate(): { promise: Promise<never>; trip: () => void } {
  let trip = () => {};
  const promise = new Promise<never>((_, reject) => {
    trip = () => reject(new BackendLostError());
  });
  promise.catch(() => {}); // nobody may be racing it when it trips
  return { promise, trip };
}

export class WorkerHost {
  private readonly opts: Required<Omit<WorkerHostOptions, 'backend' | 'loadAsset'>> &
    Pick<WorkerHostOptions, 'backend' | 'loadAsset'>;
  private run: Run | null = null;
  /** runId of the latest `start`, also while its session is being created or after it failed. */
  private runId = 0;
  private lock: Promise<unknown> = Promise.resolve();
  private looping = false;
  private wake: (() => void) | null = null;
  private disposed = false;

  private control: BackendControl | null = null;
  private activeBackend: BackendName | null = null;
  /** Whether the current demo asked for wasm threads (DemoDefinition.threads). */
  private wantThreads = false;
  /** The active backend's thread count (wasm), 1 otherwise. */
  private threads = 1;
  private readonly lostBackends = new Set<BackendName>();
  private lossGate = createLossGate();
  private lossPending = false;
  private unwatchLoss: (() => void) | null = null;
  /** Polls `isLost()` while on a GPU backend: a step stuck on a dead context never returns. */
  private lossPoll: ReturnType<typeof setInterval> | null = null;

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
  }

  /** Applies one message; resolves once it (not the training it starts) has been handled. */
  handle(msg: ToWorker): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.wake?.();
    if (msg.type === 'debug' && msg.action === 'crash') {
      this.opts.crash();
      return Promise.resolve();
    }
    if (msg.type === 'debug' && msg.action === 'lose-context') {
      // Not queued: a step stuck on the dead context would hold the lock forever.
      if (this.control && this.activeBackend && GPU_BACKENDS.includes(this.activeBackend) && this.control.loseContext()) {
        this.onLost();
      } else {
        this.postError('exception', `Debug "lose-context" needs a GPU backend; this run uses ${this.activeBackend ?? 'no tfjs backend'}.`, true);
      }
      return Promise.resolve();
    }
    // A failure inside apply() has already been reported by the lock.
    return this.exclusive(() => this.apply(msg)).then(
      () => this.kick(),
      () => undefined,
    );
  }

  /** Reports an error nobody caught (worker.ts calls this from the global error handlers). */
  reportUncaught(message: string): void {
    this.postError('exception', `Unexpected error in the training worker: ${message}`, false);
  }

  dispose(): void {
    this.disposed = true;
    this.wake?.();
    this.stopWatchingLoss();
    void this.exclusive(async () => this.disposeSession());
  }

  // ------------------------------------------------------------------ messages

  private async apply(msg: ToWorker): Promise<void> {
    if (msg.type === 'start') return this.start(msg);
    const r = this.run;
    if (!r) return;
    switch (msg.type) {
      case 'pause':
        if (r.status !== 'running' && r.pendingSteps === 0) return;
        r.pendingSteps = 0;
        await this.settle(r, 'paused');
        return;
      case 'resume':
        if (r.status !== 'idle' && r.status !== 'paused') return;
        this.setStatus(r, 'running');
        this.restartClocks(r);
        return;
      case 'step':
        if (r.status === 'done' || r.status === 'error') return;
        if (r.status !== 'paused') this.setStatus(r, 'paused');
        r.pendingSteps += Math.max(1, Math.floor(msg.count) || 1);
        return;
      case 'stop':
        this.disposeSession();
        this.post({ type: 'status', runId: r.runId, status: 'idle' });
        return;
      case 'set-params': {
        const changed = Object.keys(msg.params).filter((k) => r.params[k] !== msg.params[k]);
        if (changed.length > 0 && r.status !== 'done') await this.guarded(r, () => this.noteChange(r, changed));
        r.params = { ...r.params, ...msg.params };
        r.session.setParams?.(msg.params);
        if (r.status !== 'running') await this.postSnapshot(r);
        return;
      }
      case 'set-speed':
        r.speed = msg.stepsPerSecond !== null && msg.stepsPerSecond > 0 ? msg.stepsPerSecond : null;
        this.restartClocks(r);
        return;
      case 'set-snapshots':
        r.snapshots = msg.enabled;
        if (msg.enabled) await this.postSnapshot(r);
        return;
      case 'request-snapshot':
        await this.postSnapshot(r, true);
        return;
      case 'request-checkpoint':
        await this.guarded(r, async () => {
          await this.takeCheckpoint(r);
          const [message, transfer] = forTransfer(
            {
              type: 'checkpoint' as const,
              runId: r.runId,
              step: r.good.step,
              checkpoint: r.good.checkpoint,
              ...(r.good.metrics ? { metrics: r.good.metrics } : {}),
            },
            true,
          );
          this.post(message, transfer);
        });
        return;
      case 'debug':
        if (msg.action !== 'corrupt') return;
        if (!r.session.corrupt) {
          this.postError('exception', `Debug "corrupt": demo "${r.def.id}" has no corrupt() hook.`, true);
          return;
        }
        r.session.corrupt();
        // The next step's metrics will show it, as a real divergence would; a finished run
        // takes no more steps, so there the state itself is checked now.
        if (r.status !== 'done') return;
        await this.guarded(r, async () => {
          const out = r.session.checkpoint();
          if (!isFinitePlain(isPromise(out) ? await this.raceLoss(out) : out)) {
            await this.rollback(r, 'The parameters were set to NaN (debug "corrupt")');
          }
        });
        return;
    }
  }

  private async start(msg: StartMessage): Promise<void> {
    this.disposeSession();
    this.runId = msg.runId;
    try {
      const def = await this.opts.loadDemo(msg.demo);
      let backend: BackendName = 'cpu';
      let probe: BackendTimings | undefined;
      let threads: number | undefined;
      this.wantThreads = def.threads === true;
      if (def.usesTf) ({ backend, probe, threads } = await this.activate(msg.backend));
      const params = { ...defaultParams(def.params), ...msg.params };
      const session = await def.create({ params, seed: msg.seed, input: msg.input, loadAsset: this.opts.loadAsset });
      if (msg.checkpoint) await session.restore(copyPlain(msg.checkpoint.checkpoint));
      const step = msg.checkpoint?.step ?? 0;
      const metrics = msg.checkpoint?.metrics ?? null;
      const now = this.opts.now();
      const r: Run = {
        runId: msg.runId,
        def,
        params,
        seed: msg.seed,
        input: msg.input,
        session,
        status: 'idle',
        step,
        metrics,
        good: { step, checkpoint: null, metrics },
        beforeChange: null,
        pendingSteps: 0,
        speed: msg.speed !== null && msg.speed > 0 ? msg.speed : null,
        snapshots: msg.snapshots ?? true,
        stepMsSinceCheckpoint: 0,
        checkpointCostMs: 0,
        lastProgressAt: now,
        lastProgressStep: step,
        lastSnapshotAt: now,
        paceAt: now,
        paceStep: step,
      };
      this.run = r;
      if (!(await this.takeCheckpoint(r))) throw new Error('the initial state is not finite (check the demo and its settings)');
      r.checkpointCostMs = 0; // the first readback includes warm-up: measure again after a batch
      this.post({ type: 'ready', runId: r.runId, backend, ...(probe ? { probe } : {}), ...(threads ? { threads } : {}) });
      r.status = msg.autoplay ? 'running' : step > 0 ? 'paused' : 'idle';
      this.post({ type: 'status', runId: r.runId, status: r.status });
      if (step > 0) this.postProgress(r, true);
      await this.postSnapshot(r);
    } catch (e) {
      this.disposeSession();
      this.postError('exception', `Could not start "${msg.demo}": ${errorText(e)}`, false);
      this.post({ type: 'status', runId: msg.runId, status: 'error' });
    }
  }

  // ------------------------------------------------------------------ the step loop

  private wantsSteps(): boolean {
    const r = this.run;
    return !this.disposed && r !== null && (r.status === 'running' || r.pendingSteps > 0);
  }

  private kick(): void {
    if (this.looping || !this.wantsSteps()) return;
    this.looping = true;
    void this.loop()
      .catch((e) => {
        if (this.run) this.fail(this.run, e); // stops the loop: status is no longer 'running'
      })
      .finally(() => {
        this.looping = false;
        this.kick(); // a message may have arrived between the last check and now
      });
  }

  private async loop(): Promise<void> {
    while (this.wantsSteps()) {
      const wait = this.msUntilNextStep();
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      const share = this.threads > 1 ? this.control?.shareCores?.bind(this.control) : undefined;
      await this.exclusive(() => (share ? share(() => this.batch()) : this.batch()));
      await this.opts.yieldToEventLoop();
    }
  }

  /** Runs steps for up to `batchMs`, then checkpoints and reports as due. */
  private async batch(): Promise<void> {
    const r = this.run;
    if (!r) return;
    const { now } = this.opts;
    const started = now();
    await this.guarded(r, async () => {
      let manualRun = false;
      while (this.run === r && (r.status === 'running' || r.pendingSteps > 0)) {
        const manual = r.pendingSteps > 0;
        if (!manual && this.msUntilNextStep() > 0) break;
        const t0 = now();
        const out = r.session.step();
        const metrics = isPromise(out) ? await this.raceLoss(out) : out;
        r.stepMsSinceCheckpoint += now() - t0;
        r.step++;
        if (manual) {
          r.pendingSteps--;
          manualRun = true;
        }
        if (!allFinite(metrics)) return this.rollback(r, nonFiniteMetrics(metrics));
        r.metrics = metrics;
        if (r.session.isDone?.()) {
          r.pendingSteps = 0;
          await this.settle(r, 'done');
          return;
        }
        if (now() - started >= this.opts.batchMs) break;
      }
      if (this.run !== r) return;
      // After manual steps too: the reader is stepping by hand, so a rollback should lose none.
      const manualDone = manualRun && r.pendingSteps === 0 && r.status !== 'running';
      if (manualDone || r.stepMsSinceCheckpoint >= r.checkpointCostMs * this.opts.checkpointWorkRatio) {
        await this.takeCheckpoint(r);
      }
      this.postProgress(r, manualDone);
      if (manualDone || (r.status === 'running' && now() - r.lastSnapshotAt >= this.opts.snapshotIntervalMs)) {
        await this.postSnapshot(r);
      }
    });
    if (this.activeBackend && GPU_BACKENDS.includes(this.activeBackend) && this.control?.isLost()) this.onLost();
  }

  /** Milliseconds until the speed cap allows the next step (0 without a cap). */
  private msUntilNextStep(): number {
    const r = this.run;
    if (!r || r.speed === null || r.status !== 'running' || r.pendingSteps > 0) return 0;
    const now = this.opts.now();
    const due = r.paceAt + ((r.step - r.paceStep + 1) * 1000) / r.speed;
    if (now - due > 1000) {
      // Far behind (slow steps or a long stall): do not try to catch up in a burst.
      r.paceAt = now;
      r.paceStep = r.step;
      return 0;
    }
    return Math.max(0, due - now);
  }

  private restartClocks(r: Run): void {
    const now = this.opts.now();
    r.paceAt = now;
    r.paceStep = r.step;
    r.lastProgressAt = now;
    r.lastProgressStep = r.step;
  }

  // ------------------------------------------------------------------ checkpoints and recovery

  /** Takes a checkpoint; keeps it as the rollback target only if every number in it is finite. */
  private async takeCheckpoint(r: Run): Promise<boolean> {
    const t0 = this.opts.now();
    const out = r.session.checkpoint();
    // Copied: a session may hand out arrays it keeps mutating.
    const checkpoint = copyPlain(isPromise(out) ? await this.raceLoss(out) : out);
    const cost = this.opts.now() - t0;
    // Smoothed, so that one slow readback (a GPU warming up) does not space checkpoints far apart.
    r.checkpointCostMs = r.checkpointCostMs === 0 ? cost : 0.5 * r.checkpointCostMs + 0.5 * cost;
    r.stepMsSinceCheckpoint = 0;
    if (!isFinitePlain(checkpoint)) return false;
    r.good = { step: r.step, checkpoint, metrics: r.metrics };
    return true;
  }

  /** Keeps the state before a burst of live-setting changes (see `beforeChange`). */
  private async noteChange(r: Run, names: string[]): Promise<void> {
    const prior = r.beforeChange;
    if (prior && r.step - prior.changedAt <= CHANGE_BURST_STEPS) {
      prior.changedAt = r.step;
      prior.names = [...new Set([...prior.names, ...names])];
      return;
    }
    // The current state, as an ordinary checkpoint (also the new rollback target) unless one was just taken.
    const current = (r.good.step === r.step && r.good.checkpoint !== null) || (await this.takeCheckpoint(r));
    r.beforeChange = current ? { ...r.good, changedAt: r.step, names } : null;
  }

  private async restoreGood(r: Run, session: TrainingSession): Promise<void> {
    const out = session.restore(copyPlain(r.good.checkpoint));
    if (isPromise(out)) await this.raceLoss(out);
    r.step = r.good.step;
    r.metrics = r.good.metrics;
    r.pendingSteps = 0;
    r.stepMsSinceCheckpoint = 0;
    this.restartClocks(r);
  }

  /**
   * Back to the last finite state, paused, with an explanation. `what` says what went
   * non-finite, e.g. '"loss" became NaN'; the step it happened at is the current one.
   */
  private async rollback(r: Run, what: string): Promise<void> {
    const atStep = r.step;
    const suspect = r.beforeChange && atStep - r.beforeChange.changedAt <= SUSPECT_STEPS ? r.beforeChange : null;
    r.beforeChange = null;
    if (suspect) r.good = { step: suspect.step, checkpoint: suspect.checkpoint, metrics: suspect.metrics };
    await this.restoreGood(r, r.session);
    const where = suspect
      ? `It was rolled back to step ${fmt(r.step)}, the state before ${this.settingNames(r, suspect.names)} changed at step ${fmt(suspect.changedAt)} ` +
        `(a divergence this soon after a change is most likely its doing; later states may be finite but already wrecked), and paused. `
      : `It was rolled back to step ${fmt(r.step)}, the last state where every number was finite, and paused. `;
    const message = `${what} at step ${fmt(atStep)}: training diverged. ${where}${this.learningRateHint(r)}`;
    this.postError('diverged', message, true, r);
    await this.settle(r, 'paused', false);
  }

  private settingNames(r: Run, names: string[]): string {
    const labels = names.map((n) => `“${(r.def.params[n]?.label ?? n).toLowerCase()}”`);
    return labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  }

  private learningRateHint(r: Run): string {
    const name = Object.keys(r.params).find((k) => /^(lr|learningRate|learning_rate|stepSize|step_size)$/i.test(k));
    // A demo without a step size (EM, CAVI) diverges from bad data or settings, not from a too-large step.
    if (!name) return 'Check the settings or the data (e.g. a new seed) before pressing play again.';
    const spec = r.def.params[name];
    const label = spec ? spec.label.toLowerCase() : 'learning rate';
    return `Try a smaller ${label} (now ${r.params[name]}) before pressing play again.`;
  }

  /**
   * Runs session work; routes failures: a lost GPU context → switch backend; a numeric
   * failure → rollback; anything else → status 'error'.
   */
  private async guarded(r: Run, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (this.run !== r) return;
      const gpu = this.activeBackend !== null && GPU_BACKENDS.includes(this.activeBackend);
      if (e instanceof BackendLostError || (gpu && this.control?.isLost())) {
        this.lossPending = true;
        await this.recoverBackend();
      } else if (isNumericFailure(e)) {
        try {
          await this.rollback(r, `A step failed with a non-finite number (${errorText(e)})`);
        } catch (e2) {
          this.fail(r, e2);
        }
      } else {
        this.fail(r, e);
      }
    }
  }

  private fail(r: Run, e: unknown): void {
    r.pendingSteps = 0;
    this.postError('exception', `Training stopped at step ${fmt(r.step)}: ${errorText(e)}`, false, r);
    this.setStatus(r, 'error');
  }

  /** The active GPU backend lost its context: switch now, or as soon as the lock is free. */
  private onLost(): void {
    if (this.lossPending) return;
    this.lossPending = true;
    this.lossGate.trip();
    void this.exclusive(() => this.recoverBackend()).then(() => this.kick());
  }

  private raceLoss<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.lossGate.promise]);
  }

  private stopWatchingLoss(): void {
    this.unwatchLoss?.();
    this.unwatchLoss = null;
    if (this.lossPoll !== null) clearInterval(this.lossPoll);
    this.lossPoll = null;
  }

  private async recoverBackend(): Promise<void> {
    if (!this.lossPending || !this.control || !this.activeBackend) return;
    const lost = this.activeBackend;
    this.lostBackends.add(lost);
    this.stopWatchingLoss();
    const r = this.run;
    const atStep = r?.step ?? 0;
    try {
      r?.session.dispose();
    } catch {
      // Disposing on a dead context may throw; the tensors are gone with it anyway.
    }
    try {
      const { backend, threads } = await this.activate(lost);
      if (!r || this.run !== r) return;
      const session = await r.def.create({ params: r.params, seed: r.seed, input: r.input, loadAsset: this.opts.loadAsset });
      r.session = session;
      await this.restoreGood(r, session);
      r.checkpointCostMs = 0; // costs differ on the new backend: measure again
      this.post({ type: 'ready', runId: r.runId, backend, ...(threads ? { threads } : {}) });
      this.postError(
        'backend-lost',
        `The ${BACKEND_LABEL[lost]} context was lost at step ${fmt(atStep)}. ` +
          `Training moved to ${BACKEND_LABEL[backend]} and resumed from step ${fmt(r.step)}.`,
        true,
        r,
      );
      this.postProgress(r, true);
      await this.postSnapshot(r);
    } catch (e) {
      if (r && this.run === r) {
        this.run = null;
        this.postError('exception', `The ${BACKEND_LABEL[lost]} context was lost and no other backend could take over: ${errorText(e)}`, false, r);
        this.post({ type: 'status', runId: r.runId, status: 'error' });
      }
    }
  }

  private async activate(choice: BackendChoice): Promise<{ backend: BackendName; probe?: BackendTimings; threads?: number }> {
    this.control ??= await (this.opts.backend ?? (() => Promise.reject(new Error('no tfjs backend was provided to the worker'))))();
    const result = await this.control.activate(choice, [...this.lostBackends], { threads: this.wantThreads });
    this.activeBackend = result.backend;
    this.threads = result.threads ?? 1;
    this.lossGate = createLossGate();
    this.lossPending = false;
    this.stopWatchingLoss();
    const control = this.control;
    this.unwatchLoss = control.watchLoss(() => this.onLost());
    if (GPU_BACKENDS.includes(result.backend)) {
      this.lossPoll = setInterval(() => {
        if (control.isLost()) this.onLost();
      }, this.opts.lossPollMs);
    }
    return result;
  }

  // ------------------------------------------------------------------ reporting

  /** Moves to a resting status (paused/done) with a checkpoint, progress and a snapshot. */
  private async settle(r: Run, status: 'paused' | 'done', checkpoint = true): Promise<void> {
    if (checkpoint) await this.takeCheckpoint(r);
    this.setStatus(r, status);
    this.postProgress(r, true);
    await this.postSnapshot(r);
  }

  private setStatus(r: Run, status: RunStatus): void {
    if (r.status === status) return;
    r.status = status;
    this.post({ type: 'status', runId: r.runId, status });
  }

  private postProgress(r: Run, force = false): void {
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
  private async postSnapshot(r: Run, requested = false): Promise<void> {
    if (!r.snapshots && !requested) return;
    r.lastSnapshotAt = this.opts.now();
    const out = r.session.snapshot({ resting: r.status !== 'running' });
    const snapshot = isPromise(out) ? await this.raceLoss(out) : out;
    // Copied before transfer: the session may keep the arrays it returned.
    const [message, transfer] = forTransfer({ type: 'snapshot' as const, runId: r.runId, step: r.step, snapshot }, true);
    this.post(message, transfer);
  }

  private postError(kind: 'diverged' | 'backend-lost' | 'exception', message: string, recovered: boolean, r = this.run): void {
    this.post({
      type: 'error',
      runId: r?.runId ?? this.runId,
      kind,
      message,
      recovered,
      step: r?.step ?? 0,
      ...(this.activeBackend ? { backend: this.activeBackend } : {}),
    });
  }

  private post(message: FromWorker, transfer: Transferable[] = []): void {
    if (!this.disposed) this.opts.post(message, transfer);
  }

  // ------------------------------------------------------------------ plumbing

  private disposeSession(): void {
    const r = this.run;
    this.run = null;
    if (r) r.session.dispose();
  }

  /** Runs `work` after everything queued before it (a FIFO lock over the session). */
  private exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.lock.then(work);
    this.lock = result.catch((e) => this.reportUncaught(errorText(e)));
    return result;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
