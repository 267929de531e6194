import { describe, expect, it } from 'vitest';
import demo, { type Mixture1dSnapshot } from '../../../src/core/em/mixture1dDemo';
import { defaultParams } from '../../../src/core/params';
import { loadDemo } from '../../../src/core/registry';

describe("demo 'mixture-1d'", () => {
  it('runs EM from the chosen start to one of the two MLE modes, path recorded', async () => {
    expect((await loadDemo('mixture-1d')).id).toBe('mixture-1d');
    const s = await demo.create({ params: { ...defaultParams(demo.params), start1: 3, start2: -3.5 }, seed: 2 });
    let prev = -Infinity;
    while (!s.isDone!()) {
      const m = await s.step();
      expect(m.logLik).toBeGreaterThanOrEqual(prev - 1e-12);
      prev = m.logLik;
    }
    const snap = (await s.snapshot()) as Mixture1dSnapshot;
    expect(snap.path.length).toBe(2 * (snap.step + 1));
    expect(Array.from(snap.path.slice(0, 2))).toEqual([3, -3.5]);
    const [e1, e2] = [snap.path[snap.path.length - 2], snap.path[snap.path.length - 1]];
    // started with μ1 > μ2, so it lands on the mode with μ1 > μ2 (μ2*, μ1*)
    expect(e1).toBeCloseTo(snap.mle[2], 4);
    expect(e2).toBeCloseTo(snap.mle[3], 4);
    expect(snap.logLik).toBeCloseTo(snap.mleLogLik, 8);
  });
});
