/**
 * Memory stays flat over a long run for every tfjs demo in src/core/registry.ts (rows in
 * ./leakTable.ts), and every demo that says it is pure JavaScript runs no tfjs kernel.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../support/tf';
import { demoRegistry, loadDemo } from '../../src/core/registry';
import { defaultParams } from '../../src/core/params';
import type { DemoDefinition } from '../../src/core/demo';
import { diskAsset } from './vae/fixtures';
import { LEAK_TABLE, type LeakRow } from './leakTable';

beforeAll(async () => {
  await useBackend('wasm');
});

const label = (r: LeakRow) => (r.variant ? `${r.demo} (${r.variant})` : r.demo);

function paramsOf(demo: DemoDefinition, row: LeakRow) {
  for (const k of Object.keys(row.params)) if (!(k in demo.params)) throw new Error(`${label(row)}: '${k}' is not a setting of ${demo.id}`);
  return { ...defaultParams(demo.params), ...row.params };
}

// which demos say they are pure JavaScript, known before the tests are collected
const pureJs = (await Promise.all(Object.keys(demoRegistry).map(async (id) => ((await loadDemo(id)).usesTf ? null : id)))).filter(
  (id): id is string => id !== null,
);

const memory = () => ({ tensors: tf.memory().numTensors, bytes: tf.memory().numBytes });

describe('every demo in the registry is in the leak table or runs no tfjs at all', () => {
  it('usesTf demos have a row; rows name registered demos', async () => {
    const rows = new Set(LEAK_TABLE.map((r) => r.demo));
    for (const id of rows) expect(demoRegistry, `leak table row '${id}' is not in src/core/registry.ts`).toHaveProperty([id]);
    for (const id of Object.keys(demoRegistry)) {
      const demo = await loadDemo(id);
      if (demo.usesTf) expect(rows.has(id), `'${id}' uses tfjs: add a row to tests/core/leakTable.ts`).toBe(true);
      else expect(rows.has(id), `'${id}' says usesTf: false but has a leak row`).toBe(false);
    }
  });

  it.each(pureJs)('%s (usesTf: false): create, 50 steps, snapshot and checkpoint/restore run no tfjs kernel', async (id) => {
    const demo = await loadDemo(id);
    const info = await tf.profile(async () => {
      const s = await demo.create({ params: defaultParams(demo.params), seed: 1, loadAsset: diskAsset });
      for (let t = 0; t < 50; t++) await s.step();
      await s.snapshot({ resting: true });
      await s.restore(await s.checkpoint());
      s.dispose?.();
    });
    expect(info.kernels.map((k) => k.name), `'${id}' ran tfjs kernels: mark it usesTf: true and add a leak row`).toEqual([]);
    expect(info.newTensors).toBe(0);
  });
});

describe.each(LEAK_TABLE.map((r) => [label(r), r] as const))('%s: memory stays flat over a long run', (_name, row) => {
  it(`${row.steps} steps (${row.note}), snapshots, checkpoint/restore, corrupt/restore: flat; dispose returns to the baseline`, async () => {
    const demo = await loadDemo(row.demo);
    const baseline = memory();
    const session = await demo.create({ params: paramsOf(demo, row), seed: 3, loadAsset: row.assets ? diskAsset : undefined });
    // Warm up: the first step, snapshot and checkpoint may allocate what lives as long as the
    // session (optimizer moments, a cached schedule, a sampler's buffers).
    const warmup = row.warmup ?? 2;
    for (let t = 0; t < warmup; t++) await session.step();
    await session.snapshot({ resting: true });
    await session.snapshot({ resting: false });
    await session.restore(await session.checkpoint());
    const level = memory();
    const readings: { step: number; tensors: number; bytes: number }[] = [];
    const every = Math.max(1, Math.floor(row.steps / 10));
    for (let t = 1; t <= row.steps; t++) {
      await session.step();
      if (t % every === 0) {
        await session.snapshot({ resting: t % (2 * every) === 0 });
        readings.push({ step: t, ...memory() });
      }
      if (t === Math.floor(row.steps / 2)) {
        // mid-run: roll back after a divergence, as the worker does
        const cp = await session.checkpoint();
        for (let k = 0; k < 3; k++) await session.step();
        if (session.corrupt) {
          session.corrupt();
          await session.step();
        }
        await session.restore(cp);
        readings.push({ step: t, ...memory() });
      }
    }
    for (const r of readings) {
      expect(r.tensors, `tensors at step ${r.step}`).toBe(level.tensors);
      expect(r.bytes, `bytes at step ${r.step}`).toBe(level.bytes);
    }
    session.dispose?.();
    expect(memory()).toEqual(baseline);
  }, 300_000);
});
