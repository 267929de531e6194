/**
 * The worker host's recovery (./workerHost.ts): checkpoints kept only when every number in them
 * is finite, the state before a burst of live-setting changes, rollback with an explanation
 * after a divergence, routing of a failed step (lost GPU context, numeric failure, anything else),
 * and the move to another backend when the GPU context is lost.
 */
import type { TrainingSession } from '../core/demo';
import { BACKEND_LABEL, BackendLostError } from './hostBackend';
import { CHANGE_BURST_STEPS, HostReporting, SUSPECT_STEPS, type Run } from './hostReporting';
import { copyPlain } from './protocol';
import { errorText, fmt, isFinitePlain, isNumericFailure, isPromise } from './hostSupport';

export abstract class HostRecovery extends HostReporting {
  /** Starts the step loop if there are steps to take (./workerHost.ts). */
  protected abstract kick(): void;

  /** Moves to a resting status (paused/done) with a checkpoint, progress and a snapshot. */
  protected async settle(r: Run, status: 'paused' | 'done', checkpoint = true): Promise<void> {
    if (checkpoint) await this.takeCheckpoint(r);
    this.setStatus(r, status);
    this.postProgress(r, true);
    await this.postSnapshot(r);
  }

  /** Takes a checkpoint; keeps it as the rollback target only if every number in it is finite. */
  protected async takeCheckpoint(r: Run): Promise<boolean> {
    const t0 = this.opts.now();
    const out = r.session.checkpoint();
    // Copied: a session may hand out arrays it keeps mutating.
    const checkpoint = copyPlain(isPromise(out) ? await this.backend.race(out) : out);
    const cost = this.opts.now() - t0;
    // Smoothed, so that one slow readback (a GPU warming up) does not space checkpoints far apart.
    r.checkpointCostMs = r.checkpointCostMs === 0 ? cost : 0.5 * r.checkpointCostMs + 0.5 * cost;
    r.stepMsSinceCheckpoint = 0;
    if (!isFinitePlain(checkpoint)) return false;
    r.good = { step: r.step, checkpoint, metrics: r.metrics };
    return true;
  }

  /** Keeps the state before a burst of live-setting changes (see `beforeChange`). */
  protected async noteChange(r: Run, names: string[]): Promise<void> {
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

  protected async restoreGood(r: Run, session: TrainingSession): Promise<void> {
    const out = session.restore(copyPlain(r.good.checkpoint));
    if (isPromise(out)) await this.backend.race(out);
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
  protected async rollback(r: Run, what: string): Promise<void> {
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

  protected settingNames(r: Run, names: string[]): string {
    const labels = names.map((n) => `“${(r.def.params[n]?.label ?? n).toLowerCase()}”`);
    return labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  }

  protected learningRateHint(r: Run): string {
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
  protected async guarded(r: Run, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (this.run !== r) return;
      if (e instanceof BackendLostError || this.backend.isLost()) {
        this.backend.lossPending = true;
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

  protected fail(r: Run, e: unknown): void {
    r.pendingSteps = 0;
    this.postError('exception', `Training stopped at step ${fmt(r.step)}: ${errorText(e)}`, false, r);
    this.setStatus(r, 'error');
  }

  /** The active GPU backend lost its context: switch now, or as soon as the lock is free. */
  protected onLost(): void {
    if (this.backend.lossPending) return;
    this.backend.lossPending = true;
    this.backend.trip();
    void this.exclusive(() => this.recoverBackend()).then(() => this.kick());
  }

  protected async recoverBackend(): Promise<void> {
    const lost = this.backend.beginRecovery();
    if (!lost) return;
    const r = this.run;
    const atStep = r?.step ?? 0;
    try {
      r?.session.dispose();
    } catch {
      // Disposing on a dead context may throw; the tensors are gone with it anyway.
    }
    try {
      const { backend, threads } = await this.backend.activate(lost);
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
}
