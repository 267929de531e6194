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
 *
 * Built on ./workerLink.ts (the worker, starting runs, the backend probe) and ./trainerStore.ts
 * (the store and its notices); this file holds the commands, the replies and crash recovery.
 */
import type { AnyParamValues } from '../core/params';
import type { DebugAction, FromWorker } from './protocol';
import { EMPTY_HISTORY, historyPoints, pushHistory, type HistoryBuffer, type TrainerNoticeKind, type TrainerState } from './trainerState';
import { WorkerLink, type RunConfig } from './workerLink';

export { pageBackendProbe, SharedBackendProbe } from './backendProbe';
export type { RunConfig, TrainingClientOptions, WorkerLike } from './workerLink';

const fmt = (n: number) => n.toLocaleString('en-US');

export class TrainingClient extends WorkerLink {
  private history: HistoryBuffer = EMPTY_HISTORY;
  private crashTimes: number[] = [];
  /** The last 'exception' notice, folded into the crash notice if the worker dies right after. */
  private lastException: { id: number; at: number; message: string } | null = null;

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

  debug(action: DebugAction): void {
    this.post({ type: 'debug', action });
  }

  /** Terminates the worker. The client stays usable: a later `start` spawns a new one. */
  dispose(): void {
    this.dropWorker();
  }

  /** The worker died (uncaught error, failed load, debug 'crash'): replace it and resume. */
  protected crashed(reason: string | undefined): void {
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

  protected receive(msg: FromWorker): void {
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
}
