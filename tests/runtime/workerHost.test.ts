import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allFinite, defineDemo, type DemoDefinition } from '../../src/core/demo';
import { SUSPECT_STEPS } from '../../src/runtime/workerHost';
import { useBackend } from '../support/tf';
import { createHarness, expectNoErrors, type Harness } from './support/hostHarness';
import { linearRegressionDemo, type LinearSnapshot } from './support/linearRegressionDemo';
import { nodeBackendControl } from './support/nodeBackends';

const LR = linearRegressionDemo.id;

function start(h: Harness, extra: Record<string, unknown> = {}, runId = 1) {
  return h.send({
    type: 'start',
    runId,
    demo: LR,
    params: { lr: 0.05, n: 64 },
    seed: 7,
    backend: 'wasm',
    speed: null,
    ...extra,
  });
}

let harness: Harness | null = null;
function setup(demos: Record<string, DemoDefinition> = { [LR]: linearRegressionDemo }, extra = {}) {
  harness = createHarness(demos, nodeBackendControl(), extra);
  return harness;
}

beforeAll(async () => {
  await useBackend('wasm');
});

afterEach(async () => {
  if (harness) {
    await harness.send({ type: 'stop' });
    harness.host.dispose();
    harness = null;
  }
});

/**
 * Gradient descent on x² from x = 1 with a live step size: stable below 1; above, |x| grows by
 * |1 − 2·size| per step until x² overflows.
 */
function squareDescent(id: string, stepSize: number) {
  return defineDemo({
    id,
    title: id,
    params: { stepSize: { kind: 'number', label: 'Step size', min: 0, max: 2, default: stepSize } },
    usesTf: false,
    defaultSteps: 10,
    async create({ params }) {
      let x = 1;
      let size = params.stepSize;
      return {
        step() {
          x -= size * 2 * x;
          return { loss: x * x };
        },
        snapshot: () => ({ x }),
        checkpoint: () => ({ x }),
        restore: (ck) => {
          x = (ck as { x: number }).x;
        },
        setParams(v) {
          if (typeof v.stepSize === 'number') size = v.stepSize;
        },
        dispose() {},
      };
    },
  });
}

describe('WorkerHost: play, pause, step, stop', () => {
  it('starts idle at step 0 with a snapshot, steps on request and pauses after', async () => {
    const h = setup();
    await start(h);
    expect(h.last('ready')).toMatchObject({ runId: 1, backend: 'wasm' });
    expect(h.last('status')).toMatchObject({ runId: 1, status: 'idle' });
    expect(h.last('snapshot')).toMatchObject({ runId: 1, step: 0 });

    const from = h.messages.length;
    await h.send({ type: 'step', count: 5 });
    const progress = await h.waitFor('progress', (m) => m.step === 5, from);
    expect(progress.status).toBe('paused');
    expect(progress.stepsPerSecond).toBe(0);
    expect(allFinite(progress.metrics)).toBe(true);
    await h.waitFor('snapshot', (m) => m.step === 5, from);
    expect(h.all('status').map((m) => m.status)).toEqual(['idle', 'paused']);
    expectNoErrors(h);
  });

  it('runs until paused, reporting progress, falling loss and a throttled stream', async () => {
    const h = setup();
    await start(h);
    await h.send({ type: 'step', count: 1 });
    const first = await h.waitFor('progress', (m) => m.step === 1);
    const from = h.messages.length;
    await h.send({ type: 'resume' });
    await h.waitFor('status', (m) => m.status === 'running', from);
    const running = await h.waitFor('progress', (m) => m.step >= 300 && m.status === 'running', from);
    expect(running.stepsPerSecond).toBeGreaterThan(0);
    await h.send({ type: 'pause' });
    const paused = await h.waitFor('status', (m) => m.status === 'paused', from);
    expect(paused.runId).toBe(1);
    const last = h.last('progress')!;
    expect(last.status).toBe('paused');
    expect(last.metrics.loss).toBeLessThan(first.metrics.loss);
    // Throttling: far fewer progress reports than steps.
    expect(h.all('progress').length).toBeLessThan(last.step / 5);
    // Nothing moves while paused.
    const step = last.step;
    await new Promise((r) => setTimeout(r, 100));
    expect(h.last('progress')!.step).toBe(step);
    expectNoErrors(h);
  });

  it('honours a speed cap', async () => {
    const h = setup();
    await start(h, { speed: 40 });
    const t0 = performance.now();
    await h.send({ type: 'resume' });
    await new Promise((r) => setTimeout(r, 600));
    await h.send({ type: 'pause' });
    const seconds = (performance.now() - t0) / 1000;
    const steps = h.last('progress')!.step;
    expect(steps).toBeGreaterThan(40 * seconds * 0.5);
    expect(steps).toBeLessThanOrEqual(Math.ceil(40 * seconds) + 1);
  });

  it('stops: disposes the session and goes idle', async () => {
    const h = setup();
    const before = tf.memory().numTensors;
    await start(h);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    await h.send({ type: 'stop' });
    expect(h.last('status')!.status).toBe('idle');
    expect(tf.memory().numTensors).toBe(before);
    // Commands without a run are ignored.
    await h.send({ type: 'step', count: 3 });
    await new Promise((r) => setTimeout(r, 20));
    expect(h.all('progress')).toHaveLength(0);
  });

  it('applies live params and reports done when the session says so', async () => {
    const h = setup();
    await start(h, { params: { lr: 0.05, n: 64, maxSteps: 20 } });
    await h.send({ type: 'set-params', params: { lr: 0.01 } });
    await h.send({ type: 'resume' });
    const done = await h.waitFor('status', (m) => m.status === 'done');
    expect(done.runId).toBe(1);
    await h.waitFor('progress', (m) => m.status === 'done');
    expect(h.last('progress')).toMatchObject({ step: 20, status: 'done' });
    // Play after done does nothing.
    await h.send({ type: 'resume' });
    expect(h.last('status')!.status).toBe('done');
  });

  it('a new start replaces the run; only the new runId is used afterwards', async () => {
    const h = setup();
    await start(h);
    await h.send({ type: 'resume' });
    await h.waitFor('progress', (m) => m.step > 10);
    await start(h, {}, 2);
    const from = h.messages.length;
    await h.send({ type: 'step', count: 2 });
    await h.waitFor('progress', (m) => m.step === 2, from);
    expect(h.messages.slice(from).every((m) => m.runId === 2)).toBe(true);
  });

  it('stops pushing snapshots when asked, but still answers a request', async () => {
    const h = setup();
    await start(h, { snapshots: false });
    expect(h.all('snapshot')).toHaveLength(0);
    await h.send({ type: 'step', count: 3 });
    await h.waitFor('progress', (m) => m.step === 3);
    expect(h.all('snapshot')).toHaveLength(0);
    await h.send({ type: 'request-snapshot' });
    const s = h.last('snapshot')!;
    expect(s.step).toBe(3);
    expect((s.snapshot as LinearSnapshot).w).toBeInstanceOf(Float32Array);
    await h.send({ type: 'set-snapshots', enabled: true });
    expect(h.all('snapshot')).toHaveLength(2);
  });

  it('answers request-checkpoint with the latest finite checkpoint and its metrics', async () => {
    const h = setup();
    await start(h);
    await h.send({ type: 'step', count: 4 });
    await h.waitFor('progress', (m) => m.step === 4);
    await h.send({ type: 'request-checkpoint' });
    const ck = h.last('checkpoint')!;
    expect(ck.step).toBe(4);
    expect(ck.metrics!.loss).toBe(h.last('progress')!.metrics.loss);
    expect((ck.checkpoint as Record<string, unknown>).t).toBe(4);
  });

  it('resumes from a checkpoint passed in start', async () => {
    const h = setup();
    await start(h);
    await h.send({ type: 'step', count: 30 });
    await h.waitFor('progress', (m) => m.step === 30);
    await h.send({ type: 'request-checkpoint' });
    const ck = h.last('checkpoint')!;
    await h.send({ type: 'step', count: 1 });
    const next = await h.waitFor('progress', (m) => m.step === 31);

    await start(h, { checkpoint: { step: ck.step, checkpoint: ck.checkpoint, metrics: ck.metrics } }, 2);
    expect(h.last('status')).toMatchObject({ runId: 2, status: 'paused' });
    expect(h.last('progress')).toMatchObject({ runId: 2, step: 30, metrics: ck.metrics });
    await h.send({ type: 'step', count: 1 });
    const again = await h.waitFor('progress', (m) => m.runId === 2 && m.step === 31);
    expect(again.metrics.loss).toBeCloseTo(next.metrics.loss, 6);
  });

  it('reports a demo that fails to start as an exception with status error', async () => {
    const h = setup();
    await h.send({ type: 'start', runId: 3, demo: 'no-such-demo', params: {}, seed: 1, backend: 'wasm', speed: null });
    expect(h.last('error')).toMatchObject({ runId: 3, kind: 'exception', recovered: false });
    expect(h.last('error')!.message).toContain('no-such-demo');
    expect(h.last('status')).toMatchObject({ runId: 3, status: 'error' });
  });
});

describe('WorkerHost: divergence', () => {
  it('corrupt then a step: rolled back to a finite checkpoint, paused, explained', async () => {
    const h = setup();
    await start(h);
    await h.send({ type: 'step', count: 10 });
    await h.waitFor('progress', (m) => m.step === 10);
    const from = h.messages.length;
    await h.send({ type: 'debug', action: 'corrupt' });
    await h.send({ type: 'step', count: 1 });
    const error = await h.waitFor('error', () => true, from);
    expect(error).toMatchObject({ runId: 1, kind: 'diverged', recovered: true, backend: 'wasm' });
    expect(error.step).toBe(10);
    expect(error.message).toMatch(/^"loss" became NaN at step 11: training diverged/);
    expect(error.message).toMatch(/rolled back to step 10/);
    expect(error.message).toMatch(/smaller learning rate \(now 0\.05\)/);
    const progress = await h.waitFor('progress', (m) => m.step === 10, from);
    expect(progress.status).toBe('paused');
    expect(allFinite(progress.metrics)).toBe(true);
    const snapshot = await h.waitFor('snapshot', (m) => m.step === 10, from);
    expect([...(snapshot.snapshot as LinearSnapshot).w].every(Number.isFinite)).toBe(true);
    // The next step trains on from the restored state, with finite metrics.
    const after = h.messages.length;
    await h.send({ type: 'step', count: 1 });
    const next = await h.waitFor('progress', (m) => m.step === 11, after);
    expect(allFinite(next.metrics)).toBe(true);
    expect(h.all('error')).toHaveLength(1);
  });

  it('corrupt after the run is done still rolls back (no step needed to notice)', async () => {
    const h = setup();
    await start(h, { params: { lr: 0.05, n: 64, maxSteps: 15 }, autoplay: true });
    await h.waitFor('progress', (m) => m.status === 'done');
    await h.send({ type: 'debug', action: 'corrupt' });
    expect(h.last('error')).toMatchObject({ kind: 'diverged', step: 15 });
    expect(h.last('error')!.message).toMatch(/^The parameters were set to NaN \(debug "corrupt"\) at step 15/);
    expect(h.last('status')!.status).toBe('paused');
    expect(allFinite(h.last('progress')!.metrics)).toBe(true);
  });

  it('a loss that overflows: non-finite metrics are caught at the step they appear', async () => {
    // Gradient descent on x² with step size 1.5: x doubles in size every step, x² overflows.
    const unstable = squareDescent('unstable', 1.5);
    const h = setup({ unstable });
    await h.send({ type: 'start', runId: 1, demo: 'unstable', params: {}, seed: 1, backend: 'auto', speed: null, autoplay: true });
    const error = await h.waitFor('error');
    expect(error.kind).toBe('diverged');
    // |x| = 2^t, so x² is finite up to t = 511 and +Infinity from t = 512.
    expect(error.message).toMatch(/^"loss" became non-finite at step 512: training diverged\. It was rolled back to step \d+/);
    expect(error.message).toMatch(/Try a smaller step size \(now 1\.5\)/);
    expect(error.step).toBeLessThan(512);
    await h.waitFor('status', (m) => m.status === 'paused');
    expect(h.last('progress')).toMatchObject({ step: error.step, status: 'paused' });
    expect(allFinite(h.last('progress')!.metrics)).toBe(true);
  });

  it('corrupt while running: rolls back and pauses', async () => {
    const h = setup();
    await start(h, { autoplay: true });
    await h.waitFor('progress', (m) => m.step > 50);
    await h.send({ type: 'debug', action: 'corrupt' });
    const error = await h.waitFor('error');
    expect(error.kind).toBe('diverged');
    await h.waitFor('status', (m) => m.status === 'paused');
    const p = h.last('progress')!;
    expect(p.step).toBe(error.step);
    expect(allFinite(p.metrics)).toBe(true);
  });

  it('never keeps a checkpoint with NaN in it, and rolls back on a thrown NaN', async () => {
    // A pure-JS demo whose step puts NaN in its state while reporting finite metrics, then throws.
    let x = 1;
    const poisoned = defineDemo({
      id: 'poisoned',
      title: 'poisoned',
      params: {},
      usesTf: false,
      defaultSteps: 10,
      async create() {
        let t = 0;
        return {
          step() {
            t++;
            if (Number.isNaN(x)) throw new Error('Cholesky failed: matrix has NaN entries');
            x = t === 5 ? NaN : x + 1;
            return { x: t };
          },
          snapshot: () => ({ x }),
          checkpoint: () => ({ x: new Float64Array([x]), t }),
          restore(ck) {
            const c = ck as { x: Float64Array; t: number };
            x = c.x[0];
            t = c.t;
          },
          dispose() {},
        };
      },
    });
    const h = setup({ poisoned }, { checkpointWorkRatio: 0 }); // checkpoint after every batch
    await h.send({ type: 'start', runId: 1, demo: 'poisoned', params: {}, seed: 1, backend: 'auto', speed: null });
    expect(h.last('ready')!.backend).toBe('cpu');
    for (let i = 1; i <= 6; i++) {
      await h.send({ type: 'step', count: 1 });
      await h.waitFor('progress', (m) => m.step === i || h.all('error').length > 0);
    }
    const error = await h.waitFor('error');
    expect(error.kind).toBe('diverged');
    expect(error.message).toMatch(/non-finite number \(Cholesky failed/);
    // Step 5's checkpoint held NaN, so the rollback went to step 4.
    expect(error.step).toBe(4);
    expect(h.last('progress')).toMatchObject({ step: 4, status: 'paused' });
    expect(h.last('snapshot')!.snapshot).toEqual({ x: 5 });
  });
});

const liveUnstable = squareDescent('live-unstable', 0.1);

describe('WorkerHost: divergence after a live change', () => {
  async function runTo(h: Harness, step: number) {
    await h.send({ type: 'step', count: step - (h.last('progress')?.step ?? 0) });
    await h.waitFor('progress', (m) => m.step === step);
  }

  it('rolls back to the state before the change, not to a finite but wrecked later state', async () => {
    // A checkpoint after every step: finite (but wrecked) states exist right up to the overflow.
    const h = setup({ 'live-unstable': liveUnstable }, { checkpointWorkRatio: 0, batchMs: 0 });
    await h.send({ type: 'start', runId: 1, demo: 'live-unstable', params: {}, seed: 1, backend: 'auto', speed: null });
    await runTo(h, 20);
    const xBefore = (h.last('snapshot')!.snapshot as { x: number }).x;
    const from = h.messages.length;
    await h.send({ type: 'set-params', params: { stepSize: 1.5 } }); // |x| doubles per step: inf after ~512 steps
    await h.send({ type: 'resume' });
    const error = await h.waitFor('error', () => true, from);
    expect(error.kind).toBe('diverged');
    expect(error.step).toBe(20);
    expect(error.message).toMatch(/became non-finite at step 5\d\d: training diverged\. It was rolled back to step 20, the state before “step size” changed at step 20/);
    expect(error.message).toMatch(/smaller step size \(now 1\.5\)/);
    await h.waitFor('status', (m) => m.status === 'paused', from);
    expect((h.last('snapshot')!.snapshot as { x: number }).x).toBe(xBefore);
    // Back to a stable size, training goes on from there.
    await h.send({ type: 'set-params', params: { stepSize: 0.1 } });
    await runTo(h, 30);
    expect(allFinite(h.last('progress')!.metrics)).toBe(true);
    expect(h.all('error')).toHaveLength(1);
  });

  it('blames no change made long before: the last finite checkpoint is the target', async () => {
    const h = setup({ 'live-unstable': liveUnstable }, { checkpointWorkRatio: 0, batchMs: 0 });
    await h.send({ type: 'start', runId: 1, demo: 'live-unstable', params: {}, seed: 1, backend: 'auto', speed: null });
    await runTo(h, 5);
    await h.send({ type: 'set-params', params: { stepSize: 1.01 } }); // |x| grows 2% per step: x² overflows near step 17,900
    await h.send({ type: 'resume' });
    const error = await h.waitFor('error');
    expect(error.step).toBeGreaterThan(5 + SUSPECT_STEPS);
    expect(error.message).toMatch(/the last state where every number was finite/);
  });
});

describe('WorkerHost: tensors and checkpoints', () => {
  it('3,000 steps with checkpoints leak no tensors', async () => {
    let checkpoints = 0;
    const counted: DemoDefinition = {
      ...linearRegressionDemo,
      async create(ctx) {
        const s = await linearRegressionDemo.create(ctx as never);
        return {
          ...s,
          checkpoint: () => {
            checkpoints++;
            return s.checkpoint();
          },
        } as never;
      },
    };
    const h = setup({ [LR]: counted });
    const before = tf.memory().numTensors;
    await start(h);
    const withSession = tf.memory().numTensors;
    // The session's own tensors, exactly: 2 data + 6 variables (w, b and Adam's m, v for each).
    expect(withSession - before).toBe(8);
    await h.send({ type: 'step', count: 3000 });
    await h.waitFor('progress', (m) => m.step === 3000, 0, 60_000);
    expect(checkpoints).toBeGreaterThan(2);
    expect(tf.memory().numTensors).toBe(withSession);
    await h.send({ type: 'request-checkpoint' });
    await h.send({ type: 'request-snapshot' });
    expect(tf.memory().numTensors).toBe(withSession);
    await h.send({ type: 'stop' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('spaces checkpoints so they take under ~5% of the time', async () => {
    // A fake clock: each step costs 1 ms, each checkpoint 10 ms.
    let clock = 0;
    let checkpoints = 0;
    const timed = defineDemo({
      id: 'timed',
      title: 'timed',
      params: {},
      usesTf: false,
      defaultSteps: 1,
      async create() {
        let t = 0;
        return {
          step: () => {
            clock += 1;
            return { t: ++t };
          },
          snapshot: () => ({ t }),
          checkpoint: () => {
            clock += 10;
            checkpoints++;
            return { t };
          },
          restore: (ck) => {
            t = (ck as { t: number }).t;
          },
          dispose() {},
        };
      },
    });
    const h = setup({ timed }, { now: () => clock });
    await h.send({ type: 'start', runId: 1, demo: 'timed', params: {}, seed: 1, backend: 'auto', speed: null });
    expect(checkpoints).toBe(1); // before the first step
    await h.send({ type: 'step', count: 4000 });
    await h.waitFor('progress', (m) => m.step === 4000);
    const stepping = 4000;
    const checkpointing = (checkpoints - 1) * 10; // the final one is the pause's
    expect(checkpoints).toBeGreaterThan(5);
    expect(checkpointing / (stepping + checkpointing)).toBeLessThan(0.06);
  });
});

describe('WorkerHost: the same computation on cpu and wasm', () => {
  it('50 Adam steps from the same seed agree to 1e-4', async () => {
    const weights: Record<string, Float32Array> = {};
    for (const backend of ['cpu', 'wasm'] as const) {
      const h = setup();
      await start(h, { backend });
      expect(h.last('ready')!.backend).toBe(backend);
      expect(tf.getBackend()).toBe(backend);
      await h.send({ type: 'step', count: 50 });
      const snapshot = await h.waitFor('snapshot', (m) => m.step === 50);
      weights[backend] = (snapshot.snapshot as LinearSnapshot).w;
      await h.send({ type: 'stop' });
    }
    expect(weights.cpu).toHaveLength(3);
    for (let i = 0; i < 3; i++) expect(Math.abs(weights.cpu[i] - weights.wasm[i])).toBeLessThan(1e-4);
    // And training moved them (the comparison is not of two untouched zero vectors).
    expect(Math.abs(weights.cpu[0])).toBeGreaterThan(0.5);
  });
});
