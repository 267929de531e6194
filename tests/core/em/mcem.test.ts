import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../../src/core/data/toy2d';
import { eStep, initKMeansPlusPlus, logLikelihood } from '../../../src/core/em/gmm';
import { emStep, mcemStep, sampleResponsibilities } from '../../../src/core/em/mcem';
import { createRng } from '../../../src/core/random';
import demo from '../../../src/core/em/mcemDemo';
import { defaultParams } from '../../../src/core/params';

describe('Monte Carlo EM', () => {
  const n = 200;
  const x = makeDataset('moons', n, createRng(1), 0.2);
  const start = initKMeansPlusPlus(x, n, 2, 3, createRng(2));

  it('sampled responsibilities are frequencies: rows sum to 1, unbiased for r within MC error', () => {
    const { resp } = eStep(x, n, start);
    const m = 4000;
    const rt = sampleResponsibilities(resp, n, 3, m, createRng(3));
    let z = 0;
    for (let i = 0; i < n; i++) {
      expect(rt[3 * i] + rt[3 * i + 1] + rt[3 * i + 2]).toBeCloseTo(1, 10);
      for (let c = 0; c < 3; c++) {
        const r = resp[3 * i + c];
        const se = Math.sqrt((r * (1 - r)) / m);
        if (se > 0) z = Math.max(z, Math.abs(rt[3 * i + c] - r) / se);
        else expect(rt[3 * i + c]).toBe(r);
      }
    }
    expect(z).toBeLessThan(5); // 600 cells: a 5-sigma excursion would be a bug
  });

  it('the MC M-step error around the exact M-step shrinks like 1/√m', () => {
    const exact = emStep(x, n, start);
    const rmse = (m: number) => {
      let s = 0;
      const reps = 60;
      for (let r = 0; r < reps; r++) {
        const mc = mcemStep(x, n, start, m, createRng(100 * m + r));
        for (let i = 0; i < exact.means.length; i++) s += (mc.means[i] - exact.means[i]) ** 2;
      }
      return Math.sqrt(s / reps);
    };
    const [e1, e16, e256] = [rmse(1), rmse(16), rmse(256)];
    // √16 = 4 between consecutive levels
    expect(e1 / e16).toBeGreaterThan(3);
    expect(e1 / e16).toBeLessThan(5.3);
    expect(e16 / e256).toBeGreaterThan(3);
    expect(e16 / e256).toBeLessThan(5.3);
  });

  it('MCEM tracks the exact EM trajectory more closely as m grows', () => {
    const gapAfter = (m: number) => {
      let s = 0;
      for (let seed = 0; seed < 5; seed++) {
        let ex = start;
        let mc = start;
        const rng = createRng(seed + 77);
        for (let t = 0; t < 15; t++) {
          ex = emStep(x, n, ex);
          mc = mcemStep(x, n, mc, m, rng);
        }
        s += Math.abs(logLikelihood(x, n, ex) - logLikelihood(x, n, mc)) / n;
      }
      return s / 5;
    };
    const g1 = gapAfter(1);
    const g100 = gapAfter(100);
    expect(g100).toBeLessThan(g1 / 3);
  });

  it("demo 'mcem': both runs start equal, m applies live, metrics finite", async () => {
    const s = await demo.create({ params: { ...defaultParams(demo.params), m: 1 }, seed: 4 });
    const m1 = await s.step();
    expect(Number.isFinite(m1.logLikExact) && Number.isFinite(m1.logLikMc)).toBe(true);
    expect(m1.m).toBe(1);
    s.setParams!({ m: 500 });
    const m2 = await s.step();
    expect(m2.m).toBe(500);
    const cp = await s.checkpoint();
    const a = await s.step();
    await s.restore(cp);
    const b = await s.step();
    expect(b).toEqual(a); // draws are a function of (seed, step): restore replays exactly
  });
});
