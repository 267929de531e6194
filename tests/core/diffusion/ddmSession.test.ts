import { beforeAll, describe, expect, it } from 'vitest';
import ddmDemo from '../../../src/core/diffusion/ddmDemo';
import { ddmParams } from '../../../src/core/diffusion/ddmParams';
import type { DdmSession, DdmSnapshot } from '../../../src/core/diffusion/ddmSession';
import { defaultParams } from '../../../src/core/params';
import { useBackend } from '../../support/tf';

let tf: Awaited<ReturnType<typeof useBackend>>;
beforeAll(async () => {
  tf = await useBackend('wasm');
});

describe("'ddm' demo session", () => {
  it('steps, snapshots with the documented shapes, checkpoints exactly, and leaks no tensors', async () => {
    const params = { ...defaultParams(ddmParams), T: 20, width: 32, batch: 64, steps: 30 };
    const session = (await ddmDemo.create({ params, seed: 3 })) as unknown as DdmSession;
    const start = tf.memory().numTensors;
    let m = await session.step();
    for (let k = 1; k < 30; k++) m = await session.step();
    expect(m.step).toBe(30);
    expect(Number.isFinite(m.loss)).toBe(true);
    expect(session.isDone()).toBe(true);
    const snap = (await session.snapshot()) as unknown as DdmSnapshot;
    expect(snap.states.length).toBe(21 * 400 * 2);
    expect(snap.simpleLoss.length).toBe(20);
    expect(snap.elboTerms.length).toBe(20);
    expect(snap.paths[0].length).toBe(21 * 2);
    expect(snap.fields.length).toBe(snap.fieldTs.length * snap.fieldGrid.length);
    expect(snap.energy.gaussian).toBeGreaterThan(snap.energy.floor);
    expect(tf.memory().numTensors).toBe(start);

    const cp = await session.checkpoint();
    const before = await session.net.predict(new Float64Array([0.5, -0.5]), 7, 1);
    await session.step();
    session.restore(cp);
    const after = await session.net.predict(new Float64Array([0.5, -0.5]), 7, 1);
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(tf.memory().numTensors).toBe(start);

    session.corrupt();
    const bad = await session.step();
    expect(Number.isFinite(bad.loss)).toBe(false);
    session.dispose();
  });

  it('while training it may hand back a recent snapshot, but at rest (paused) always the current one', async () => {
    const params = { ...defaultParams(ddmParams), T: 20, width: 32, batch: 64, steps: 1000 };
    const session = (await ddmDemo.create({ params, seed: 4 })) as unknown as DdmSession;
    await session.step();
    const first = (await session.snapshot({ resting: false })) as unknown as DdmSnapshot;
    await session.step(); // right after a costly snapshot: a running request gets the cached one
    const running = (await session.snapshot({ resting: false })) as unknown as DdmSnapshot;
    expect(running.step).toBe(first.step);
    const resting = (await session.snapshot({ resting: true })) as unknown as DdmSnapshot;
    expect(resting.step).toBe(2);
    session.dispose();
  });

  it('leaves no tensor behind once disposed (network, optimizer, schedule)', async () => {
    const before = tf.memory().numTensors;
    const params = { ...defaultParams(ddmParams), T: 20, width: 32, batch: 64, steps: 10 };
    const session = (await ddmDemo.create({ params, seed: 5 })) as unknown as DdmSession;
    for (let k = 0; k < 3; k++) await session.step();
    await session.snapshot({ resting: true });
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains on drawn points and rejects a drawn set that is too small', async () => {
    const params = { ...defaultParams(ddmParams), dataset: 'drawn' as const, T: 10, width: 16, steps: 5 };
    const pts = Float64Array.from({ length: 40 }, (_, i) => (i % 2 ? Math.sin(i) : i) * 10);
    const session = await ddmDemo.create({ params, seed: 1, input: pts });
    expect(Number.isFinite((await session.step()).loss)).toBe(true);
    session.dispose();
    await expect(ddmDemo.create({ params, seed: 1, input: new Float64Array([1, 2, 3, 4]) })).rejects.toThrow();
    await expect(ddmDemo.create({ params, seed: 1 })).rejects.toThrow();
  });
});

describe('learning-rate decay of the ddm demo', () => {
  it('is 1 for the first 80% of the budget, then falls linearly to 0.1 and stays there', async () => {
    const { lrDecay } = await import('../../../src/core/diffusion/ddmSession');
    expect(lrDecay(0, 1000)).toBe(1);
    expect(lrDecay(800, 1000)).toBe(1);
    expect(lrDecay(900, 1000)).toBeCloseTo(0.55, 12);
    expect(lrDecay(1000, 1000)).toBeCloseTo(0.1, 12);
    expect(lrDecay(5000, 1000)).toBe(0.1);
  });
});
