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
 *
 * This file holds the messages and the step loop; the class builds on ./hostRecovery.ts
 * (checkpoints, rollback, backend switch), ./hostReporting.ts (options, run state, lock, posts)
 * and ./hostBackend.ts (the tfjs backend and its loss watch).
 */
import { allFinite } from '../core/demo';
import { defaultParams } from '../core/params';
import { HostRecovery } from './hostRecovery';
import type { Run } from './hostReporting';
import { errorText, isFinitePlain, isPromise, nonFiniteMetrics } from './hostSupport';
import { copyPlain, forTransfer, type BackendName, type BackendTimings, type StartMessage, type ToWorker } from './protocol';

export type { BackendControl } from './hostBackend';
export { SUSPECT_STEPS, type WorkerHostOptions } from './hostReporting';
export { isFinitePlain } from './hostSupport';

export class WorkerHost extends HostRecovery {
  private looping = false;
  private wake: (() => void) | null = null;

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
      if (this.backend.loseContext()) {
        this.onLost();
      } else {
        this.postError('exception', `Debug "lose-context" needs a GPU backend; this run uses ${this.backend.active ?? 'no tfjs backend'}.`, true);
      }
      return Promise.resolve();
    }
    // A failure inside apply() has already been reported by the lock.
    return this.exclusive(() => this.apply(msg)).then(
      () => this.kick(),
      () => undefined,
    );
  }

  dispose(): void {
    this.disposed = true;
    this.wake?.();
    this.backend.stopWatching();
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
          if (!isFinitePlain(isPromise(out) ? await this.backend.race(out) : out)) {
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
      this.backend.wantThreads = def.threads === true;
      if (def.usesTf) ({ backend, probe, threads } = await this.backend.activate(msg.backend));
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

  protected kick(): void {
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
      const share = this.backend.coreSharing();
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
        const metrics = isPromise(out) ? await this.backend.race(out) : out;
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
    if (this.backend.isLost()) this.onLost();
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

  // ------------------------------------------------------------------ plumbing

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
