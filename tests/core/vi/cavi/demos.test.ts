import { describe, expect, it } from 'vitest';
import { allFinite } from '../../../../src/core/demo';
import { defaultParams } from '../../../../src/core/params';
import caviGaussian from '../../../../src/core/vi/cavi/gaussianDemo';
import caviGmm from '../../../../src/core/vi/cavi/gmmDemo';
import race from '../../../../src/core/vi/cavi/raceDemo';

describe('chapter 4 demos', () => {
  it("'cavi-gaussian' climbs the ELBO to the mean-field optimum and restores checkpoints", async () => {
    const s = await caviGaussian.create({ params: defaultParams(caviGaussian.params), seed: 1 });
    let last = -Infinity;
    let m: Record<string, number> = {};
    let cp: Awaited<ReturnType<typeof s.checkpoint>> | null = null;
    const afterCp: Record<string, number>[] = [];
    for (let i = 0; i < 300; i++) {
      m = await s.step();
      if (i === 3 || i === 4) afterCp.push(m); // the two steps after the checkpoint (one per coordinate), while the mean still moves
      expect(allFinite(m)).toBe(true);
      expect(m.elbo).toBeGreaterThanOrEqual(last - 1e-12);
      last = m.elbo;
      if (i === 2) cp = await s.checkpoint();
    }
    expect(m.distanceToMean).toBeLessThan(1e-8);
    expect(m.varianceRatio).toBeCloseTo(1 - 0.81, 10);
    expect(afterCp[1].distanceToMean).toBeGreaterThan(1e-3);
    // restore mid-climb, after 295 more steps and a corruption: the next two steps are those that followed the checkpoint
    s.corrupt?.();
    await s.restore(cp!);
    expect(await s.step()).toEqual(afterCp[0]);
    expect(await s.step()).toEqual(afterCp[1]);
  });

  it("'cavi-gmm' has a monotone ELBO and finds the true means", async () => {
    const s = await caviGmm.create({ params: defaultParams(caviGmm.params), seed: 2 });
    let last = -Infinity;
    let m: Record<string, number> = {};
    for (let i = 0; i < 60; i++) {
      m = await s.step();
      expect(m.elbo).toBeGreaterThanOrEqual(last - 1e-8);
      last = m.elbo;
    }
    expect(m.meanError).toBeLessThan(0.6);
    const v = await caviGmm.create({ params: { ...defaultParams(caviGmm.params), estimateSigma: true }, seed: 2 });
    let lastV = -Infinity;
    for (let i = 0; i < 60; i++) {
      const mv = await v.step();
      expect(mv.elbo).toBeGreaterThanOrEqual(lastV - 1e-8);
      lastV = mv.elbo;
    }
  });

  it("'cavi-vs-mcmc' (sweep budget): CAVI converges, the sampler's error falls, both report time", async () => {
    for (const sampler of ['gibbs', 'rwm'] as const) {
      const params = { ...defaultParams(race.params), budget: 'sweeps' as const, sweepsPerStep: 50, sampler };
      const s = await race.create({ params, seed: 3 });
      let first: Record<string, number> | null = null;
      let m: Record<string, number> = {};
      for (let i = 0; i < 400; i++) {
        m = await s.step();
        first ??= m;
      }
      expect(allFinite(m)).toBe(true);
      expect(m.caviError).toBeLessThan(1e-9);
      expect(m.mcmcError).toBeLessThan(first?.mcmcError ?? 0);
      expect(m.mcmcError).toBeLessThan(0.3);
      expect(m.caviVarRatio).toBeLessThan(0.9);
      expect(Math.abs(m.mcmcVarRatio - 1)).toBeLessThan(0.3);
      expect(m.mcmcSweeps).toBe(20_000);
      const snap = (await s.snapshot()) as unknown as Record<string, Float64Array>;
      for (const key of ['caviTraceMs', 'mcmcTraceMs']) {
        const t = snap[key];
        expect(t.length).toBeGreaterThan(10);
        expect(t.length).toBeLessThanOrEqual(401);
        for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
      }
      expect(snap.caviTraceError[snap.caviTraceError.length - 1]).toBeLessThan(1e-9);
      expect(snap.mcmcTraceError[snap.mcmcTraceError.length - 1]).toBeCloseTo(m.mcmcError, 12);
      expect(m.caviMs).toBeGreaterThanOrEqual(0);
    }
  });
});
