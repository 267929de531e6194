/**
 * Threads: the host asks the backend for threads only for demos marked `threads`, reports the
 * count in 'ready', and runs a threaded run's batches through the backend's shareCores (the page's
 * cores lock), while a single-threaded run never takes the lock.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackendControl } from '../../src/runtime/workerHost';
import { useBackend } from '../support/tf';
import { createHarness, type Harness } from './support/hostHarness';
import { linearRegressionDemo } from './support/linearRegressionDemo';
import { nodeBackendControl } from './support/nodeBackends';

const HEAVY = { ...linearRegressionDemo, id: 'heavy-linear', threads: true };
let h: Harness | null = null;

/** The Node control, reporting 2 threads when asked for them, counting shareCores calls. */
function threadedControl(): BackendControl & { asked: boolean[]; shared: number } {
  const base = nodeBackendControl();
  const c = {
    ...base,
    asked: [] as boolean[],
    shared: 0,
    async activate(choice: Parameters<BackendControl['activate']>[0], exclude: Parameters<BackendControl['activate']>[1], opts?: { threads?: boolean }) {
      c.asked.push(opts?.threads === true);
      const r = await base.activate(choice, exclude);
      return opts?.threads ? { ...r, threads: 2 } : r;
    },
    shareCores<T>(fn: () => Promise<T>): Promise<T> {
      c.shared++;
      return fn();
    },
  };
  return c;
}

beforeAll(async () => {
  await useBackend('wasm');
});

afterEach(async () => {
  if (h) {
    await h.send({ type: 'stop' });
    h.host.dispose();
    h = null;
  }
});

describe('WorkerHost threads', () => {
  it('a demo marked threads gets them, says so in ready, and steps under the cores lock', async () => {
    const control = threadedControl();
    h = createHarness({ [HEAVY.id]: HEAVY }, control);
    await h.send({ type: 'start', runId: 1, demo: HEAVY.id, params: {}, seed: 1, backend: 'wasm', speed: null, autoplay: true });
    expect(control.asked).toEqual([true]);
    expect(h.last('ready')).toMatchObject({ backend: 'wasm', threads: 2 });
    await h.waitFor('progress', (m) => m.step > 20);
    await h.send({ type: 'pause' });
    expect(control.shared).toBeGreaterThan(0);
  });

  it('an ordinary demo asks for none, reports none and never takes the lock', async () => {
    const control = threadedControl();
    h = createHarness({ [linearRegressionDemo.id]: linearRegressionDemo }, control);
    await h.send({ type: 'start', runId: 1, demo: linearRegressionDemo.id, params: {}, seed: 1, backend: 'wasm', speed: null, autoplay: true });
    expect(control.asked).toEqual([false]);
    expect(h.last('ready')?.threads).toBeUndefined();
    await h.waitFor('progress', (m) => m.step > 20);
    await h.send({ type: 'pause' });
    expect(control.shared).toBe(0);
  });
});
