import { describe, expect, it } from 'vitest';
import {
  copyPlain,
  forTransfer,
  transferablesOf,
  type FromWorker,
  type FromWorkerType,
  type ToWorker,
  type ToWorkerType,
} from '../../src/runtime/protocol';

const points = new Float64Array([0.5, -1, 2, 3]);
const checkpoint = { w: new Float32Array([1, 2, 3]), t: 7, nested: [{ ids: new Int32Array([4, 5]) }] };

// One message of every kind; the Record types make the compiler list any kind left out.
const toWorker: Record<ToWorkerType, ToWorker> = {
  start: {
    type: 'start',
    runId: 1,
    demo: 'em-gmm',
    params: { k: 3, lr: 0.1, shared: true, init: 'kmeans' },
    seed: 42,
    input: { points },
    backend: 'auto',
    speed: null,
    autoplay: true,
    snapshots: false,
    checkpoint: { step: 12, checkpoint, metrics: { loss: 0.25 } },
  },
  pause: { type: 'pause' },
  resume: { type: 'resume' },
  step: { type: 'step', count: 5 },
  stop: { type: 'stop' },
  'set-params': { type: 'set-params', params: { lr: 0.01 } },
  'set-speed': { type: 'set-speed', stepsPerSecond: 30 },
  'set-snapshots': { type: 'set-snapshots', enabled: true },
  'request-snapshot': { type: 'request-snapshot' },
  'request-checkpoint': { type: 'request-checkpoint' },
  debug: { type: 'debug', action: 'lose-context' },
};

const fromWorker: Record<FromWorkerType, FromWorker> = {
  ready: { type: 'ready', runId: 1, backend: 'wasm', probe: { webgpu: null, webgl: 12.5, wasm: 3.25, cpu: 40 } },
  progress: { type: 'progress', runId: 1, step: 100, metrics: { loss: 0.5, elbo: -3 }, stepsPerSecond: 250.5, status: 'running' },
  snapshot: { type: 'snapshot', runId: 1, step: 100, snapshot: { means: new Float64Array([1, 2]), grid: new Uint8Array(16), label: 'x' } },
  checkpoint: { type: 'checkpoint', runId: 1, step: 90, checkpoint, metrics: { loss: 0.6 } },
  error: { type: 'error', runId: 1, kind: 'diverged', message: '"loss" became NaN', recovered: true, step: 90, backend: 'webgl' },
  status: { type: 'status', runId: 1, status: 'paused' },
};

describe('protocol', () => {
  it.each([...Object.values(toWorker), ...Object.values(fromWorker)])('$type survives structuredClone', (msg) => {
    const copy = structuredClone(msg);
    expect(copy).toEqual(msg);
    expect(copy).not.toBe(msg);
  });

  it('transferablesOf finds every typed-array buffer once, however deep', () => {
    const shared = new Float32Array(8);
    const msg = { a: shared.subarray(0, 4), b: [shared.subarray(4), { c: new Uint32Array(2) }], d: 3, e: null };
    const buffers = transferablesOf(msg);
    expect(buffers).toHaveLength(2);
    expect(buffers).toContain(shared.buffer);
    expect(transferablesOf(toWorker.start)).toHaveLength(3); // points, w, ids
    expect(transferablesOf(fromWorker.snapshot)).toHaveLength(2);
    expect(transferablesOf(fromWorker.progress)).toEqual([]);
  });

  it('transferring moves the buffers; forTransfer(keep) moves copies and leaves the originals usable', () => {
    const snapshot = { w: new Float32Array([1, 2, 3]) };
    const [kept, keptTransfer] = forTransfer({ type: 'snapshot', runId: 1, step: 1, snapshot }, true);
    const received = structuredClone(kept, { transfer: keptTransfer });
    expect(received.snapshot).toEqual({ w: new Float32Array([1, 2, 3]) });
    expect(snapshot.w.length).toBe(3); // the original is intact
    expect(kept.snapshot.w.length).toBe(0); // the copy was moved

    const [moved, movedTransfer] = forTransfer({ snapshot }, false);
    structuredClone(moved, { transfer: movedTransfer });
    expect(snapshot.w.length).toBe(0); // detached
  });

  it('copyPlain gives views on a larger buffer a compact buffer of their own', () => {
    const big = new Float64Array(1000);
    big[10] = 5;
    const view = big.subarray(10, 12);
    const copy = copyPlain({ view, n: 1, s: 'x', list: [view] });
    expect(copy.view).toEqual(new Float64Array([5, 0]));
    expect(copy.view.buffer.byteLength).toBe(16);
    expect(copy.list[0]).not.toBe(copy.view);
    expect(copy.view).not.toBe(view);
  });
});
