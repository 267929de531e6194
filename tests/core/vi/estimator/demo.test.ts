import { describe, expect, it } from 'vitest';
import { allFinite } from '../../../../src/core/demo';
import { defaultParams, type ParamValues } from '../../../../src/core/params';
import { loadDemo } from '../../../../src/core/registry';
import demo, { repeatedSamplingParams, type RepeatedSamplingSnapshot } from '../../../../src/core/vi/estimator/demo';

type V = ParamValues<typeof repeatedSamplingParams>;
const make = (p: Partial<V>, seed = 1) => demo.create({ params: { ...defaultParams(repeatedSamplingParams), ...p }, seed });

describe("demo 'repeated-sampling'", () => {
  it('is registered and adds perStep data sets per step until R', async () => {
    expect((await loadDemo('repeated-sampling')).id).toBe('repeated-sampling');
    const s = await make({ R: 100, perStep: 30 });
    const counts: number[] = [];
    while (!s.isDone!()) {
      const m = await s.step();
      expect(allFinite(m)).toBe(true);
      counts.push(m.dataSets);
    }
    expect(counts).toEqual([30, 60, 90, 100]);
    const snap = (await s.snapshot()) as RepeatedSamplingSnapshot;
    expect(snap.done).toBe(true);
    expect(Array.from(snap.mle.counts).reduce((a, b) => a + b, 0)).toBe(100);
    expect(snap.variational.tau2Limit).toBeLessThan(0.5); // chapter 3 settings: the limit is far below τ*² = 1
    s.dispose();
  });

  it('gives the same data sets whatever the step size, and restores a checkpoint exactly', async () => {
    const a = await make({ R: 60, perStep: 60 });
    await a.step();
    const b = await make({ R: 60, perStep: 7 });
    while (!b.isDone!()) await b.step();
    const sa = (await a.snapshot()) as RepeatedSamplingSnapshot;
    const sb = (await b.snapshot()) as RepeatedSamplingSnapshot;
    expect(sb.variational.tau2).toEqual(sa.variational.tau2);

    const c = await make({ R: 60, perStep: 20 });
    await c.step();
    const cp = await c.checkpoint();
    await c.step();
    const after = (await c.snapshot()) as RepeatedSamplingSnapshot;
    await c.restore(cp);
    expect(((await c.snapshot()) as RepeatedSamplingSnapshot).count).toBe(20);
    await c.step();
    expect(((await c.snapshot()) as RepeatedSamplingSnapshot).mle.tau2).toEqual(after.mle.tau2);
    [a, b, c].forEach((s) => s.dispose());
  });

  it('reports non-finite metrics after corrupt (so the worker rolls back), and switches the histogram live', async () => {
    const s = await make({ R: 40, perStep: 10 });
    await s.step();
    s.setParams!({ show: 'mu' });
    const snap = (await s.snapshot()) as RepeatedSamplingSnapshot;
    expect(snap.show).toBe('mu');
    expect(snap.truth).toBe(0);
    s.corrupt!();
    const m = await s.step();
    expect(allFinite(m)).toBe(false);
    s.dispose();
  });
});
