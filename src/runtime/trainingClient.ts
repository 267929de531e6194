/**
 * One training worker as seen from the main thread: typed commands in, a `TrainerState` out
 * (for `useSyncExternalStore`: `subscribe` + `getState`).
 *
 * - One Worker, one message listener, terminated by `dispose()` (a later `start` spawns a
 *   fresh one, so a client survives React StrictMode's mount–unmount–mount).
 * - Each `start` gets a new runId; replies from older runs are dropped.
 * - Keeps the latest checkpoint (asked for every ~10 s while running and on pause). When the
 *   worker crashes it is replaced and the run resumes from that checkpoint; after 3 crashes
 *   within a minute the client gives up with status 'error'.
 * - 'auto' backends are probed once per page (`SharedBackendProbe`): the first client's worker
 *   probes, the others wait and start on its answer.
 */
import type { Plain } from '../core/demo';
import type { AnyParamValues } from '../core/params';
import {
  forTransfer,
  type BackendChoice,
  type BackendName,
  type DebugAction,
  type FromWorker,
  type StartMessage,
  type StepCheckpoint,
  type ToWorker,
} from './protocol';
import {
  EMPTY_HISTORY,
  INITIAL_TRAINER_STATE,
  historyPoints,
  pushHistory,
  type HistoryBuffer,
  type TrainerNoticeKind,
  type TrainerState,
} from './trainerState';

/** What the client needs of a Worker (a fake in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?(): void }) => void) | null;
}

export interface RunConfig {
  demo: string;
  params: AnyParamValues;
  seed: number;
  input?: Plain;
  backend: BackendChoice;
  autoplay?: boolean;
}

/**
 * The page-wide answer to 'auto': one worker probes, the others wait for its result. If that
 * worker never probes (a demo without tfjs) or fails, the next waiter probes instead.
 */
export class SharedBackendProbe {
  private known: BackendName | null = null;
  private pending: { promise: Promise<void>; settle: () => void } | null = null;

  /** A known backend, or `probe` (the caller probes and must `resolve`/`abandon`), or a promise to wait for. */
  acquire(): { backend: BackendName } | { probe: true } | { wait: Promise<void> } {
    if (this.known) return { backend: this.known };
    if (this.pending) return { wait: this.pending.promise };
    let settle = () => {};
    const promise = new Promise<void>((resolve) => (settle = resolve));
    this.pending = { promise, settle };
    return { probe: true };
  }

  resolve(backend: BackendName): void {
    this.known = backend;
    this.settle();
  }

  abandon(): void {
    this.settle();
  }

  private settle(): void {
    const p = this.pending;
    this.pending = null;
    p?.settle();
  }
}

/** The probe result shared by every widget on the page. */
export const pageBackendProbe = new SharedBackendProbe();

export interface TrainingClientOptions {
  createWorker?: () => WorkerLike;
  probe?: SharedBackendProbe;
  now?: () => number;
  checkpointIntervalMs?: number;
  maxCrashes?: number;
  crashWindowMs?: number;
  /** Most notices kept; older ones are dropped. */
  maxNotices?: number;
  /** When to tell listeners about new state (default: next animation frame; at once without frames). */
  scheduleFlush?: (flush: () => void) => void;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** One flush per frame in a page; synchronous where there are no frames (Node tests). */
function defaultScheduleFlush(flush: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
  else flush();
}

function createModuleWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' }) as unknown as WorkerLike;
}

export class TrainingClient {
  private readonly opts: Required<TrainingClientOptions>;
  private worker: WorkerLike | null = null;
  private state: TrainerState = INITIAL_TRAINER_STATE;
  private history: HistoryBuffer = EMPTY_HISTORY;
  private readonly listeners = new Set<() => void>();

  private config: RunConfig | null = null;
  private runId = 0;
  private speed: number | null = null;
  private snapshots = true;
  private latestCheckpoint: StepCheckpoint | null = null;
  /** Commands held back while this client waits for another worker's backend probe. */
  private outbox: ToWorker[] | null = null;
  private probing = false;
  private checkpointTimer: ReturnType<typeof setInterval> | null = null;
  private crashTimes: number[] = [];
  private noticeSeq = 0;
  private flushPending = false;
  /** The last 'exception' notice, folded into the crash notice if the worker dies right after. */
  private lastException: { id: number; at: number; message: string } | null = null;

  constructor(options: TrainingClientOptions = {}) {
    this.opts = {
      createWorker: createModuleWorker,
      probe: pageBackendProbe,
      now: () => Date.now(),
      checkpointIntervalMs: 10_000,
      maxCrashes: 3,
      crashWindowMs: 60_000,
      maxNotices: 5,
      scheduleFlush: defaultScheduleFlush,
      ...options,
    };
  }

  // ------------------------------------------------------------------ store

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): TrainerState => this.state;

  /** The settings of the current run (params include live changes). */
  get currentConfig(): RunConfig | null {
    return this.config;
  }

  // ------------------------------------------------------------------ commands

  /** Starts a new run (new runId) on this client's worker, spawning it if needed. */
  start(config: RunConfig): void {
    this.config = { ...config, params: { ...config.params } };
    this.latestCheckpoint = null;
    this.history = EMPTY_HISTORY;
    this.update({
      status: 'idle',
      step: 0,
      metrics: null,
      history: [],
      snapshot: null,
      stepsPerSecond: 0,
      notices: this.state.notices.filter((n) => n.kind !== 'diverged'),
    });
    this.launch(this.config, undefined);
  }

  /** Starts the current run again from step 0 (optionally with changed settings). */
  restart(changes: Partial<RunConfig> = {}): void {
    if (this.config) this.start({ ...this.config, ...changes });
  }

  play(): void {
    if (this.state.status === 'error' || !this.worker) {
      this.crashTimes = []; // the reader asks to try again
      this.restart({ autoplay: true });
    } else if (this.state.status !== 'done') this.post({ type: 'resume' });
  }

  pause(): void {
    this.post({ type: 'pause' });
  }

  step(count = 1): void {
    this.post({ type: 'step', count });
  }

  stop(): void {
    this.post({ type: 'stop' });
  }

  /** Sends the params that differ from the run's current ones, to be applied live. */
  setParams(params: AnyParamValues): void {
    if (!this.config) return;
    const changed: AnyParamValues = {};
    for (const [k, v] of Object.entries(params)) if (this.config.params[k] !== v) changed[k] = v;
    if (Object.keys(changed).length === 0) return;
    this.config.params = { ...this.config.params, ...changed };
    this.post({ type: 'set-params', params: changed });
  }

  setSpeed(stepsPerSecond: number | null): void {
    if (stepsPerSecond === this.speed) return;
    this.speed = stepsPerSecond;
    this.post({ type: 'set-speed', stepsPerSecond });
  }

  /** Off screen: the worker stops pushing snapshots (training continues). */
  setSnapshots(enabled: boolean): void {
    if (enabled === this.snapshots) return;
    this.snapshots = enabled;
    this.post({ type: 'set-snapshots', enabled });
  }

  requestSnapshot(): void {
    this.post({ type: 'request-snapshot' });
  }

  requestCheckpoint(): void {
    this.post({ type: 'request-checkpoint' });
  }

  debug(action: DebugAction): void {
    this.post({ type: 'debug', action });
  }

  dismissNotice(id: number): void {
    if (this.state.notices.some((n) => n.id === id)) {
      this.update({ notices: this.state.notices.filter((n) => n.id !== id) });
    }
  }

  /** Terminates the worker. The client stays usable: a later `start` spawns a new one. */
  dispose(): void {
    this.dropWorker();
  }

  // ------------------------------------------------------------------ worker lifecycle

  private spawn(): WorkerLike {
    const worker = this.opts.createWorker();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.crashed(event.message);
    };
    this.worker = worker;
    this.checkpointTimer ??= setInterval(() => {
      if (this.state.status === 'running') this.requestCheckpoint();
    }, this.opts.checkpointIntervalMs);
    return worker;
  }

  private dropWorker(): void {
    if (this.probing) this.opts.probe.abandon();
    this.probing = false;
    this.outbox = null;
    if (this.checkpointTimer !== null) clearInterval(this.checkpointTimer);
    this.checkpointTimer = null;
    const w = this.worker;
    this.worker = null;
    if (w) {
      w.onmessage = null;
      w.onerror = null;
      w.terminate();
    }
  }

  /** Sends `start` for a new runId, first settling an 'auto' backend with the page's probe. */
  private launch(config: RunConfig, checkpoint: StepCheckpoint | undefined): void {
    const runId = ++this.runId;
    if (!this.worker) this.spawn();
    if (this.probing) this.opts.probe.abandon();
    this.probing = false;
    this.outbox = null;
    const send = (backend: BackendChoice) => {
      const message: StartMessage = {
        type: 'start',
        runId,
        demo: config.demo,
        params: config.params,
        seed: config.seed,
        backend,
        speed: this.speed,
        autoplay: config.autoplay ?? false,
        snapshots: this.snapshots,
        ...(config.input !== undefined ? { input: config.input } : {}),
        ...(checkpoint ? { checkpoint } : {}),
      };
      // Copied: the client keeps the input and checkpoint for later restarts.
      const [copy, transfer] = forTransfer(message, true);
      this.worker?.postMessage(copy, transfer);
      const held = this.outbox ?? [];
      this.outbox = null;
      for (const m of held) this.worker?.postMessage(m, []);
    };
    if (config.backend === 'auto') this.whenBackendKnown(runId, send);
    else send(config.backend);
  }

  /** Calls `send` with the page's probed backend, or with 'auto' when this worker is to probe. */
  private whenBackendKnown(runId: number, send: (backend: BackendChoice) => void): void {
    const shared = this.opts.probe.acquire();
    if ('backend' in shared) return send(shared.backend);
    if ('probe' in shared) {
      this.probing = true;
      return send('auto');
    }
    this.outbox ??= [];
    void shared.wait.then(() => {
      if (this.runId === runId && this.worker) this.whenBackendKnown(runId, send);
    });
  }

  /** The worker died (uncaught error, failed load, debug 'crash'): replace it and resume. */
  private crashed(reason: string | undefined): void {
    const now = this.opts.now();
    this.dropWorker();
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.opts.crashWindowMs), now];
    const exception = this.lastException;
    if (exception && now - exception.at < 2000) {
      // The same failure, reported twice: keep one notice, and the error event's own words.
      reason ||= exception.message;
      this.update({ notices: this.state.notices.filter((n) => n.id !== exception.id) });
    }
    const why = reason ? ` (${reason})` : '';
    if (this.crashTimes.length >= this.opts.maxCrashes || !this.config) {
      this.update({ status: 'error', stepsPerSecond: 0 });
      this.notify(
        'error',
        `The training worker crashed ${this.crashTimes.length} times within a minute${why}, so training stopped. ` +
          'Reload the page to try again.',
      );
      return;
    }
    const from = this.latestCheckpoint;
    const backend = this.state.backend ?? this.config.backend;
    this.launch({ ...this.config, backend, autoplay: this.state.status === 'running' }, from ?? undefined);
    this.notify(
      'worker-restarted',
      `The training worker crashed${why} and was restarted; training resumed from step ${fmt(from?.step ?? 0)}.`,
    );
  }

  // ------------------------------------------------------------------ replies

  private receive(msg: FromWorker): void {
    if (msg.runId !== this.runId) return; // a reply to an older run
    switch (msg.type) {
      case 'ready':
        if (this.probing) {
          if (msg.probe) this.opts.probe.resolve(msg.backend);
          else this.opts.probe.abandon(); // this demo did not need tfjs: someone else probes
          this.probing = false;
        }
        this.update({ backend: msg.backend, threads: msg.threads ?? null, ...(msg.probe ? { probe: msg.probe } : {}) });
        return;
      case 'progress': {
        const hasMetrics = Object.keys(msg.metrics).length > 0;
        if (hasMetrics) this.history = pushHistory(this.history, { step: msg.step, metrics: msg.metrics });
        else if (msg.step === 0) this.history = EMPTY_HISTORY;
        this.update({
          step: msg.step,
          metrics: hasMetrics ? msg.metrics : null,
          stepsPerSecond: msg.stepsPerSecond,
          history: historyPoints(this.history),
        });
        this.setStatus(msg.status);
        return;
      }
      case 'snapshot':
        this.update({ snapshot: msg.snapshot });
        return;
      case 'checkpoint':
        this.latestCheckpoint = {
          step: msg.step,
          checkpoint: msg.checkpoint,
          ...(msg.metrics ? { metrics: msg.metrics } : {}),
        };
        return;
      case 'error': {
        if (this.probing && !msg.recovered) this.opts.probe.abandon();
        const kind: TrainerNoticeKind =
          msg.kind === 'exception' ? (msg.recovered ? 'info' : 'error') : msg.kind;
        const id = this.notify(kind, msg.message);
        if (msg.kind === 'exception' && !msg.recovered) this.lastException = { id, at: this.opts.now(), message: msg.message };
        return;
      }
      case 'status':
        this.setStatus(msg.status);
        return;
    }
  }

  private setStatus(status: TrainerState['status']): void {
    if (status === this.state.status) return;
    this.update({ status, ...(status === 'running' ? {} : { stepsPerSecond: 0 }) });
    if (status === 'paused' || status === 'done') this.requestCheckpoint();
    if (status === 'error' && this.probing) {
      this.opts.probe.abandon();
      this.probing = false;
    }
  }

  private notify(kind: TrainerNoticeKind, message: string): number {
    const id = ++this.noticeSeq;
    this.update({ notices: [...this.state.notices, { id, kind, message }].slice(-this.opts.maxNotices) });
    return id;
  }

  private post(message: ToWorker): void {
    if (this.outbox) this.outbox.push(message);
    else this.worker?.postMessage(message, []);
  }

  private update(patch: Partial<TrainerState>): void {
    this.state = { ...this.state, ...patch };
    if (this.flushPending) return;
    this.flushPending = true;
    this.opts.scheduleFlush(this.flush);
  }

  /**
   * Listeners (React renders) run at most once per animation frame with the latest state: a
   * figure that takes longer to draw than the worker takes between snapshots then skips
   * snapshots instead of queueing a render for each, so the page stays responsive.
   */
  private readonly flush = (): void => {
    this.flushPending = false;
    for (const listener of this.listeners) listener();
  };
}
