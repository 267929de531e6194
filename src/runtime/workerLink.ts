/**
 * The TrainingClient's worker (./trainingClient.ts): spawns it with one message listener,
 * terminates it, starts a run on it (settling an 'auto' backend with the page's probe first,
 * ./backendProbe.ts, and holding commands back meanwhile), and asks it for a checkpoint every
 * `checkpointIntervalMs` while running.
 */
import type { Plain } from '../core/demo';
import type { AnyParamValues } from '../core/params';
import { pageBackendProbe, type SharedBackendProbe } from './backendProbe';
import { forTransfer, type BackendChoice, type FromWorker, type StartMessage, type StepCheckpoint, type ToWorker } from './protocol';
import { TrainerStore } from './trainerStore';

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

/** One flush per frame in a page; synchronous where there are no frames (Node tests). */
function defaultScheduleFlush(flush: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
  else flush();
}

function createModuleWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' }) as unknown as WorkerLike;
}

export abstract class WorkerLink extends TrainerStore {
  protected readonly opts: Required<TrainingClientOptions>;
  protected worker: WorkerLike | null = null;
  protected config: RunConfig | null = null;
  protected runId = 0;
  protected speed: number | null = null;
  protected snapshots = true;
  protected latestCheckpoint: StepCheckpoint | null = null;
  /** Commands held back while this client waits for another worker's backend probe. */
  private outbox: ToWorker[] | null = null;
  protected probing = false;
  private checkpointTimer: ReturnType<typeof setInterval> | null = null;

  constructor(options: TrainingClientOptions = {}) {
    const opts: Required<TrainingClientOptions> = {
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
    super(opts.scheduleFlush, opts.maxNotices);
    this.opts = opts;
  }

  /** A reply from the worker. */
  protected abstract receive(msg: FromWorker): void;
  /** The worker died (uncaught error, failed load, debug 'crash'). */
  protected abstract crashed(reason: string | undefined): void;

  requestCheckpoint(): void {
    this.post({ type: 'request-checkpoint' });
  }

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

  protected dropWorker(): void {
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
  protected launch(config: RunConfig, checkpoint: StepCheckpoint | undefined): void {
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

  protected post(message: ToWorker): void {
    if (this.outbox) this.outbox.push(message);
    else this.worker?.postMessage(message, []);
  }
}
