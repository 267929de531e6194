import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, StartMessage, ToWorker } from '../../src/runtime/protocol';
import { SharedBackendProbe, TrainingClient, type RunConfig, type WorkerLike } from '../../src/runtime/trainingClient';

/** A Worker stand-in: records what the client posts and lets the test reply or crash it. */
class FakeWorker implements WorkerLike {
  posted: ToWorker[] = [];
  terminated = false;
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  postMessage(message: ToWorker, transfer: Transferable[]) {
    this.posted.push(structuredClone(message, { transfer }));
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: FromWorker) {
    this.onmessage?.({ data: structuredClone(message) });
  }
  crash(message = 'Uncaught Error: boom') {
    this.onerror?.({ message, preventDefault() {} });
  }
  get start(): StartMessage | undefined {
    return this.posted.find((m): m is StartMessage => m.type === 'start');
  }
  types() {
    return this.posted.map((m) => m.type);
  }
}

const CONFIG: RunConfig = { demo: 'test-linear-regression', params: { lr: 0.05 }, seed: 7, backend: 'wasm' };

let clock = 0;
let workers: FakeWorker[] = [];
function makeClient(probe = new SharedBackendProbe()) {
  return new TrainingClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    now: () => clock,
    probe,
  });
}
const current = () => workers[workers.length - 1];
const runIdOf = (w: FakeWorker) => w.start!.runId;

function progress(w: FakeWorker, step: number, status: 'running' | 'paused' = 'running', loss = 1 / step) {
  w.reply({ type: 'progress', runId: runIdOf(w), step, metrics: { loss }, stepsPerSecond: 100, status });
}

beforeEach(() => {
  clock = 1_000_000;
  workers = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TrainingClient', () => {
  it('spawns its worker on start, sends the run, and reduces replies into state', () => {
    const client = makeClient();
    expect(workers).toHaveLength(0); // nothing spawned by the constructor (StrictMode-safe)
    const seen: number[] = [];
    client.subscribe(() => seen.push(client.getState().step));
    client.setSpeed(30);
    client.start(CONFIG);
    const w = current();
    expect(w.start).toMatchObject({ demo: CONFIG.demo, params: CONFIG.params, seed: 7, backend: 'wasm', speed: 30, snapshots: true });
    w.reply({ type: 'ready', runId: runIdOf(w), backend: 'wasm' });
    w.reply({ type: 'status', runId: runIdOf(w), status: 'running' });
    progress(w, 10);
    progress(w, 20);
    w.reply({ type: 'snapshot', runId: runIdOf(w), step: 20, snapshot: { w: new Float32Array([1, 2]) } });
    const s = client.getState();
    expect(s).toMatchObject({ status: 'running', step: 20, backend: 'wasm', stepsPerSecond: 100, metrics: { loss: 0.05 } });
    expect(s.history.map((p) => p.step)).toEqual([10, 20]);
    expect(s.snapshot).toEqual({ w: new Float32Array([1, 2]) });
    expect(seen.length).toBeGreaterThan(3);

    client.play();
    client.pause();
    client.step(3);
    client.setParams({ lr: 0.05 }); // unchanged: nothing sent
    client.setParams({ lr: 0.01 });
    client.setSnapshots(false);
    client.debug('corrupt');
    expect(w.posted.slice(1)).toEqual([
      { type: 'resume' },
      { type: 'pause' },
      { type: 'step', count: 3 },
      { type: 'set-params', params: { lr: 0.01 } },
      { type: 'set-snapshots', enabled: false },
      { type: 'debug', action: 'corrupt' },
    ]);
    expect(client.currentConfig!.params.lr).toBe(0.01);
  });

  it('ignores replies from an older run', () => {
    const client = makeClient();
    client.start(CONFIG);
    const w = current();
    const first = runIdOf(w);
    progress(w, 50);
    client.restart({ seed: 8 });
    const second = (w.posted.filter((m) => m.type === 'start').at(-1) as StartMessage).runId;
    expect(second).not.toBe(first);
    expect(workers).toHaveLength(1); // same worker, new run
    expect(client.getState()).toMatchObject({ step: 0, history: [], metrics: null });
    w.reply({ type: 'progress', runId: first, step: 60, metrics: { loss: 9 }, stepsPerSecond: 1, status: 'running' });
    w.reply({ type: 'snapshot', runId: first, step: 60, snapshot: 'stale' });
    w.reply({ type: 'error', runId: first, kind: 'diverged', message: 'stale', recovered: true, step: 0 });
    expect(client.getState()).toMatchObject({ step: 0, snapshot: null, notices: [] });
    w.reply({ type: 'progress', runId: second, step: 1, metrics: { loss: 2 }, stepsPerSecond: 1, status: 'paused' });
    expect(client.getState().step).toBe(1);
  });

  it('turns worker errors into notices and dismisses them', () => {
    const client = makeClient();
    client.start(CONFIG);
    const w = current();
    w.reply({ type: 'error', runId: runIdOf(w), kind: 'diverged', message: 'loss became NaN', recovered: true, step: 3 });
    w.reply({ type: 'error', runId: runIdOf(w), kind: 'backend-lost', message: 'moved to wasm', recovered: true, step: 3 });
    w.reply({ type: 'error', runId: runIdOf(w), kind: 'exception', message: 'bad', recovered: false, step: 3 });
    const notices = client.getState().notices;
    expect(notices.map((n) => n.kind)).toEqual(['diverged', 'backend-lost', 'error']);
    client.dismissNotice(notices[0].id);
    expect(client.getState().notices.map((n) => n.kind)).toEqual(['backend-lost', 'error']);
    // A new run clears divergence notices (they were about the old settings) but not the others.
    w.reply({ type: 'error', runId: runIdOf(w), kind: 'diverged', message: 'again', recovered: true, step: 3 });
    client.restart();
    expect(client.getState().notices.map((n) => n.kind)).toEqual(['backend-lost', 'error']);
  });

  it('asks for a checkpoint every 10 s while running and on pause', () => {
    vi.useFakeTimers();
    const client = makeClient();
    client.start(CONFIG);
    const w = current();
    const count = () => w.posted.filter((m) => m.type === 'request-checkpoint').length;
    vi.advanceTimersByTime(10_000);
    expect(count()).toBe(0); // idle
    w.reply({ type: 'status', runId: runIdOf(w), status: 'running' });
    vi.advanceTimersByTime(25_000);
    expect(count()).toBe(2);
    w.reply({ type: 'status', runId: runIdOf(w), status: 'paused' });
    expect(count()).toBe(3);
    client.dispose();
    expect(w.terminated).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(count()).toBe(3);
  });

  it('after a crash: a fresh worker resumes the same run from the latest checkpoint', () => {
    const client = makeClient();
    client.start({ ...CONFIG, backend: 'auto' });
    const w1 = current();
    w1.reply({ type: 'ready', runId: runIdOf(w1), backend: 'webgl', probe: { webgl: 1, wasm: 2 } });
    w1.reply({ type: 'status', runId: runIdOf(w1), status: 'running' });
    progress(w1, 40);
    const checkpoint = { w: new Float32Array([0.5, 0.25]), t: 40 };
    w1.reply({ type: 'checkpoint', runId: runIdOf(w1), step: 40, checkpoint, metrics: { loss: 0.025 } });
    progress(w1, 55);
    client.setParams({ lr: 0.02 });

    w1.crash('Uncaught Error: Simulated worker crash (debug)');
    expect(w1.terminated).toBe(true);
    expect(w1.onmessage).toBeNull();
    expect(workers).toHaveLength(2);
    const w2 = current();
    expect(w2.start).toMatchObject({
      demo: CONFIG.demo,
      seed: 7,
      params: { lr: 0.02 }, // live changes survive the restart
      backend: 'webgl', // the backend it was on, not another probe
      autoplay: true, // it was running
      checkpoint: { step: 40, checkpoint, metrics: { loss: 0.025 } },
    });
    expect(runIdOf(w2)).not.toBe(runIdOf(w1));
    const notice = client.getState().notices.at(-1)!;
    expect(notice.kind).toBe('worker-restarted');
    expect(notice.message).toMatch(/crashed \(Uncaught Error: Simulated worker crash \(debug\)\) and was restarted; training resumed from step 40/);
    // The restarted run reports from step 40 on: history after 40 is dropped.
    w2.reply({ type: 'progress', runId: runIdOf(w2), step: 40, metrics: { loss: 0.025 }, stepsPerSecond: 0, status: 'running' });
    expect(client.getState().history.map((p) => p.step)).toEqual([40]);
    // A late message from the dead worker's run is ignored.
    w1.reply({ type: 'progress', runId: runIdOf(w1), step: 99, metrics: { loss: 1 }, stepsPerSecond: 0, status: 'running' });
    expect(client.getState().step).toBe(40);
  });

  it('folds the uncaught exception the worker reported just before dying into the restart notice', () => {
    const client = makeClient();
    client.start(CONFIG);
    const w = current();
    w.reply({ type: 'error', runId: runIdOf(w), kind: 'exception', message: 'Unexpected error: x is undefined', recovered: false, step: 0 });
    clock += 5;
    w.onerror?.({}); // no message of its own (as for some uncaught errors)
    const notices = client.getState().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0].kind).toBe('worker-restarted');
    expect(notices[0].message).toContain('x is undefined');
    expect(current().start!.checkpoint).toBeUndefined(); // no checkpoint yet: from step 0
    expect(notices[0].message).toContain('from step 0');
    // With a message of its own, the error event's words are used; still one notice.
    const w2 = current();
    w2.reply({ type: 'error', runId: runIdOf(w2), kind: 'exception', message: 'Unexpected error: y', recovered: false, step: 0 });
    w2.crash('Uncaught Error: y');
    expect(client.getState().notices.map((n) => n.kind)).toEqual(['worker-restarted', 'worker-restarted']);
    expect(client.getState().notices[1].message).toContain('crashed (Uncaught Error: y)');
  });

  it('gives up after 3 crashes within a minute', () => {
    const client = makeClient();
    client.start(CONFIG);
    current().crash();
    clock += 20_000;
    current().crash();
    expect(workers).toHaveLength(3);
    expect(client.getState().status).not.toBe('error');
    clock += 20_000;
    current().crash();
    expect(workers).toHaveLength(3); // no fourth worker
    expect(current().terminated).toBe(true);
    const s = client.getState();
    expect(s.status).toBe('error');
    expect(s.notices.at(-1)).toMatchObject({ kind: 'error' });
    expect(s.notices.at(-1)!.message).toMatch(/crashed 3 times within a minute.*Reload the page/);
    // Play asks for a fresh start.
    client.play();
    expect(workers).toHaveLength(4);
    expect(current().start).toMatchObject({ autoplay: true });
  });

  it('crashes spread over more than a minute do not add up', () => {
    const client = makeClient();
    client.start(CONFIG);
    for (let i = 0; i < 5; i++) {
      clock += 35_000;
      current().crash();
    }
    expect(workers).toHaveLength(6);
    expect(client.getState().status).not.toBe('error');
  });

  it('a worker that fails to load is retried, then given up on', () => {
    const client = makeClient();
    client.start(CONFIG);
    for (let i = 0; i < 3; i++) current().onerror?.({}); // a failed module load: a bare Event
    expect(client.getState().status).toBe('error');
    expect(workers).toHaveLength(3);
  });

  it('dispose terminates the worker; a later start spawns a new one (StrictMode remount)', () => {
    const client = makeClient();
    client.start(CONFIG);
    client.dispose();
    expect(workers[0].terminated).toBe(true);
    client.pause(); // no worker: dropped, no throw
    client.start(CONFIG);
    expect(workers).toHaveLength(2);
    expect(workers[1].terminated).toBe(false);
  });
});

describe("TrainingClient: one 'auto' probe per page", () => {
  it('the first client probes; the others wait and start on its answer', async () => {
    const probe = new SharedBackendProbe();
    const a = makeClient(probe);
    const b = makeClient(probe);
    a.start({ ...CONFIG, backend: 'auto' });
    const wa = current();
    b.start({ ...CONFIG, backend: 'auto' });
    const wb = current();
    b.play(); // held until b's start is sent
    expect(wa.start!.backend).toBe('auto');
    expect(wb.posted).toEqual([]);
    wa.reply({ type: 'ready', runId: runIdOf(wa), backend: 'wasm', probe: { webgl: 30, wasm: 4, cpu: 50 } });
    expect(a.getState().probe).toEqual({ webgl: 30, wasm: 4, cpu: 50 });
    await Promise.resolve();
    expect(wb.types()).toEqual(['start', 'resume']);
    expect(wb.start!.backend).toBe('wasm');
    // Later clients start at once.
    const c = makeClient(probe);
    c.start({ ...CONFIG, backend: 'auto' });
    expect(current().start!.backend).toBe('wasm');
  });

  it('if the probing client never probes (no tfjs) or dies, a waiting one probes instead', async () => {
    const probe = new SharedBackendProbe();
    const a = makeClient(probe);
    const b = makeClient(probe);
    const c = makeClient(probe);
    a.start({ ...CONFIG, backend: 'auto' });
    const wa = current();
    b.start({ ...CONFIG, backend: 'auto' });
    const wb = current();
    c.start({ ...CONFIG, backend: 'auto' });
    const wc = current();
    wa.reply({ type: 'ready', runId: runIdOf(wa), backend: 'cpu' }); // a pure-JS demo: no probe
    await Promise.resolve();
    await Promise.resolve();
    expect(wb.start!.backend).toBe('auto'); // b took over the probe
    expect(wc.posted).toEqual([]); // c still waits
    b.dispose(); // b goes away before answering
    await Promise.resolve();
    await Promise.resolve();
    expect(wc.start!.backend).toBe('auto');
  });

  it('an explicit backend skips the shared probe', () => {
    const probe = new SharedBackendProbe();
    const a = makeClient(probe);
    a.start({ ...CONFIG, backend: 'auto' });
    const b = makeClient(probe);
    b.start({ ...CONFIG, backend: 'webgl' });
    expect(current().start!.backend).toBe('webgl');
  });
});

describe('TrainingClient render coalescing', () => {
  it('tells listeners once per scheduled flush, with the latest state, however many messages arrived', () => {
    const pending: Array<() => void> = [];
    const client = new TrainingClient({
      createWorker: () => {
        const w = new FakeWorker();
        workers.push(w);
        return w;
      },
      now: () => clock,
      probe: new SharedBackendProbe(),
      scheduleFlush: (flush) => pending.push(flush),
    });
    const seen: number[] = [];
    client.subscribe(() => seen.push(client.getState().step));
    client.start(CONFIG);
    const w = current();
    for (let step = 1; step <= 50; step++) progress(w, step);
    expect(seen).toEqual([]);
    expect(pending).toHaveLength(1);
    pending.shift()!();
    expect(seen).toEqual([50]);
    progress(w, 51);
    expect(pending).toHaveLength(1);
    pending.shift()!();
    expect(seen).toEqual([50, 51]);
  });
});
