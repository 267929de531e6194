import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../../src/core/params';
import demo from '../../../../src/core/vi/elbo/demo';

describe("demo 'variational-em'", () => {
  it('climbs the ELBO in every half-step, stays below log p(x) and settles at a biased τ²', async () => {
    const session = await demo.create({ params: defaultParams(demo.params), seed: 1 });
    let last = -Infinity;
    let m: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      m = await session.step();
      expect(m.elbo).toBeGreaterThanOrEqual(last - 1e-9);
      expect(m.elbo).toBeLessThanOrEqual(m.logLik + 1e-9);
      expect(Math.abs(m.logLik - m.elbo - m.kl)).toBeLessThan(1e-9);
      last = m.elbo;
    }
    expect(Math.abs(m.tau2Bias)).toBeGreaterThan(0.01);
  });

  it('restore returns to a checkpoint taken before the fixed point: the next step replays exactly', async () => {
    const session = await demo.create({ params: defaultParams(demo.params), seed: 1 });
    for (let i = 0; i < 3; i++) await session.step();
    const cp = await session.checkpoint();
    const fromCheckpoint = await session.step();
    let late: Record<string, number> = {};
    for (let i = 0; i < 400; i++) late = await session.step();
    // far from the checkpoint now: the ELBO has climbed
    expect(late.elbo - fromCheckpoint.elbo).toBeGreaterThan(1e-3);
    session.corrupt?.();
    await session.restore(cp);
    const again = await session.step();
    expect(again).toEqual(fromCheckpoint);
  });

  it('with the free Gaussian family reaches the exact MLE', async () => {
    const session = await demo.create({ params: { ...defaultParams(demo.params), family: 'gaussian' }, seed: 2 });
    let m: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) m = await session.step();
    expect(Math.abs(m.tau2 - m.mleTau2)).toBeLessThan(1e-4);
    expect(m.kl).toBeLessThan(1e-9);
  });

  it("at the defaults log p(x) peaks within a few M-steps and then falls while τ² shrinks (chapter 3's 'peaks … then falls')", async () => {
    const session = await demo.create({ params: defaultParams(demo.params), seed: 1 });
    const afterM: { logLik: number; tau2: number }[] = [];
    for (let i = 0; i < 400; i++) {
      const m = await session.step();
      if (m.wasMStep) afterM.push({ logLik: m.logLik, tau2: m.tau2 });
    }
    let peak = 0;
    for (let j = 1; j < afterM.length; j++) if (afterM[j].logLik > afterM[peak].logLik) peak = j;
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(5);
    const last = afterM[afterM.length - 1];
    expect(afterM[peak].logLik - last.logLik).toBeGreaterThan(0.5);
    // after the peak every M-step lowers τ² (towards the fixed-variance q's preferred value) and log p(x)
    for (let j = peak + 1; j < afterM.length; j++) {
      expect(afterM[j].tau2).toBeLessThanOrEqual(afterM[j - 1].tau2 + 1e-12);
      expect(afterM[j].logLik).toBeLessThanOrEqual(afterM[j - 1].logLik + 1e-12);
    }
    expect(last.tau2).toBeLessThan(afterM[peak].tau2);
  });
});
