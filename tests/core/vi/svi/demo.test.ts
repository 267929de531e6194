import { describe, expect, it } from 'vitest';
import { loadDemo } from '../../../../src/core/registry';
import { defaultParams, parseParams } from '../../../../src/core/params';
import { sviParams } from '../../../../src/core/vi/svi/demo';

describe("demo 'svi-step-sizes'", () => {
  it('clamps κ outside (1/2, 1] with a notice', () => {
    const { values, notices } = parseParams(sviParams, { kappa: '1.5' });
    expect(values.kappa).toBe(1);
    expect(notices[0].name).toBe('kappa');
    expect(parseParams(sviParams, { kappa: '0.2' }).values.kappa).toBe(0.51);
  });

  it('runs from the registry; the reader run converges and the κ = 1.5 reference stalls', async () => {
    const demo = await loadDemo('svi-step-sizes');
    const session = await demo.create({ params: defaultParams(demo.params), seed: 2 });
    let m = await session.step();
    for (let t = 1; t < 5000; t++) m = await session.step();
    expect(m.log10Error).toBeLessThan(Math.log10(0.1));
    expect(m.log10ErrorFast).toBeGreaterThan(0);
    const cp = await session.checkpoint();
    const snap = (await session.snapshot()) as { main: { mu: number } };
    session.restore(cp);
    expect(((await session.snapshot()) as { main: { mu: number } }).main.mu).toBe(snap.main.mu);
    session.dispose();
  });
});
