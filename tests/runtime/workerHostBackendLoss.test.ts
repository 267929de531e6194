/**
 * Losing the GPU context: the host moves the run to the next backend (here from a stand-in
 * 'webgl', whose reads hang once lost, to the real wasm backend) and resumes from its last
 * checkpoint, without leaking the lost session's tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allFinite } from '../../src/core/demo';
import { useBackend } from '../support/tf';
import { createHarness, type Harness } from './support/hostHarness';
import { linearRegressionDemo } from './support/linearRegressionDemo';
import { losableBackendControl, type LosableBackendControl } from './support/nodeBackends';

const LR = linearRegressionDemo.id;
let h: Harness | null = null;
let control: LosableBackendControl;

async function startOnWebgl(autoplay: boolean): Promise<Harness> {
  control = losableBackendControl();
  h = createHarness({ [LR]: linearRegressionDemo }, control, { lossPollMs: 20 });
  await h.send({ type: 'start', runId: 1, demo: LR, params: {}, seed: 3, backend: 'webgl', speed: null, autoplay });
  expect(h.last('ready')).toMatchObject({ backend: 'webgl' });
  expect(tf.getBackend()).toBe('webgl');
  return h;
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
  await useBackend('wasm');
});

describe('WorkerHost: a lost WebGL context', () => {
  it('debug lose-context while running: switches to wasm, restores, keeps running', async () => {
    const base = tf.memory().numTensors;
    const h = await startOnWebgl(true);
    await h.waitFor('progress', (m) => m.step > 30);
    const from = h.messages.length;
    await h.send({ type: 'debug', action: 'lose-context' });
    const error = await h.waitFor('error', () => true, from);
    expect(error).toMatchObject({ runId: 1, kind: 'backend-lost', recovered: true, backend: 'wasm' });
    expect(error.message).toMatch(/WebGL context was lost at step [\d,]+/);
    expect(error.message).toMatch(/moved to WebAssembly \(wasm\) and resumed from step [\d,]+/);
    expect(h.messages.slice(from).find((m) => m.type === 'ready')).toMatchObject({ backend: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
    // Still running, on the new backend, with finite metrics.
    const resumedAt = h.last('progress')!.step;
    const later = await h.waitFor('progress', (m) => m.step > resumedAt + 20 && m.status === 'running', from);
    expect(allFinite(later.metrics)).toBe(true);
    expect(h.all('status').at(-1)!.status).toBe('running');
    // The lost session's tensors were released: one session's worth (2 data + 6 variables) remain.
    await h.send({ type: 'pause' });
    expect(tf.memory().numTensors).toBe(base + 8);
  });

  it('debug lose-context while paused: recovers at once and stays paused', async () => {
    const h = await startOnWebgl(false);
    await h.send({ type: 'step', count: 12 });
    await h.waitFor('progress', (m) => m.step === 12);
    await h.send({ type: 'debug', action: 'lose-context' });
    const error = await h.waitFor('error');
    expect(error).toMatchObject({ kind: 'backend-lost', step: 12 });
    expect(h.last('status')!.status).toBe('paused');
    await h.send({ type: 'step', count: 1 });
    const next = await h.waitFor('progress', (m) => m.step === 13);
    expect(allFinite(next.metrics)).toBe(true);
  });

  it('a silent loss (no event, reads hang) is found by polling', async () => {
    const h = await startOnWebgl(true);
    await h.waitFor('progress', (m) => m.step > 10);
    control.loseSilently();
    const error = await h.waitFor('error');
    expect(error.kind).toBe('backend-lost');
    await h.waitFor('progress', (m) => m.step > error.step + 10);
  });

  it('a later start does not go back to the lost backend', async () => {
    const h = await startOnWebgl(false);
    await h.send({ type: 'debug', action: 'lose-context' });
    await h.waitFor('error');
    await h.send({ type: 'start', runId: 2, demo: LR, params: {}, seed: 3, backend: 'webgl', speed: null });
    expect(h.last('ready')).toMatchObject({ runId: 2, backend: 'wasm' });
  });

  it('lose-context on a backend without a GPU context says so and changes nothing', async () => {
    control = losableBackendControl();
    h = createHarness({ [LR]: linearRegressionDemo }, control);
    await h.send({ type: 'start', runId: 1, demo: LR, params: {}, seed: 3, backend: 'wasm', speed: null });
    await h.send({ type: 'debug', action: 'lose-context' });
    expect(h.last('error')).toMatchObject({ kind: 'exception', recovered: true });
    expect(h.last('error')!.message).toMatch(/needs a GPU backend/);
    expect(h.all('ready')).toHaveLength(1);
  });
});
