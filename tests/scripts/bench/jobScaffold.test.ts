import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmAndBrowserEntry } from '../../../scripts/bench/jobEntry';
import { checkNoLeak, medianMs } from '../../../scripts/bench/jobScaffold';
import type { BenchContext } from '../../../scripts/bench/types';
import { useBackend } from '../../support/tf';

beforeAll(async () => {
  await useBackend('wasm');
});

describe('medianMs', () => {
  it('calls the workload warm-ups + reps times and returns the median of the timed calls', async () => {
    // Each call sleeps longer than the one before, so the timed calls' median is known in order.
    const delays = [0, 0, 5, 60, 30];
    let calls = 0;
    const ms = await medianMs(() => new Promise((r) => setTimeout(r, delays[calls++])), 3, 2);
    expect(calls).toBe(5);
    expect(ms).toBeGreaterThanOrEqual(25); // the 30 ms call: the lower median of 5, 60, 30
    expect(ms).toBeLessThan(60);
  });

  it('has no warm-up unless asked', async () => {
    let calls = 0;
    await medianMs(async () => calls++, 4);
    expect(calls).toBe(4);
  });
});

describe('checkNoLeak', () => {
  let kept: tf.Tensor | null = null;
  afterEach(() => {
    kept?.dispose();
    kept = null;
  });

  it('passes when the tensor count is back where it was and names the job when it is not', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.ones([3]).add(1);
    });
    expect(() => checkNoLeak(before, 'the tidy job')).not.toThrow();
    kept = tf.ones([2]);
    expect(() => checkNoLeak(before, 'the leaky job')).toThrow('the leaky job leaked 1 tensors');
  });
});

describe('nodeWasmAndBrowserEntry', () => {
  const ctx = {} as BenchContext;

  it('prefixes the Node job rows with node_wasm_ and appends the browser rows', async () => {
    let loaded = false;
    const entry = nodeWasmAndBrowserEntry(
      'fake',
      async (loadAsset) => {
        loaded = (await loadAsset('/weights/ddm/digits28unet.safetensors')).byteLength > 0;
        return { backend: tf.getBackend(), step_ms: 2 };
      },
      async (c) => ({ browser_wasm_step_ms: c === ctx ? 3 : -1 }),
    );
    expect(entry.name).toBe('fake');
    expect(await entry.run(ctx)).toEqual({ node_wasm_backend: 'wasm', node_wasm_step_ms: 2, browser_wasm_step_ms: 3 });
    expect(loaded).toBe(true); // the loader reads the repo's public/ folder
  });

  it('reports a failing Node job as one error cell and still runs the browser rows', async () => {
    const entry = nodeWasmAndBrowserEntry(
      'fake',
      async () => {
        throw new Error('no weights\nstack');
      },
      async () => ({ browser_wasm_error: 'also none' }),
    );
    expect(await entry.run(ctx)).toEqual({ node_wasm_error: 'no weights', browser_wasm_error: 'also none' });
  });
});
