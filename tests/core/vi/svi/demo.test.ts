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
    // Checkpoint, then move on and poison the state: restore must bring back the checkpointed
    // iterates of all three runs and the step count, and training must go on finite from there.
    const cp = await session.checkpoint();
    type Snap = { main: { mu: number; tau: number }; slow: { mu: number }; fast: { mu: number }; step: number };
    const snap = (await session.snapshot()) as Snap;
    for (let t = 0; t < 200; t++) await session.step();
    const moved = (await session.snapshot()) as Snap;
    expect(moved.step).toBe(snap.step + 200);
    expect(moved.slow.mu).not.toBe(snap.slow.mu); // κ = 0.3 keeps jittering: the state did change
    session.corrupt?.();
    expect(Number.isFinite((await session.step()).mu)).toBe(false);
    await session.restore(cp);
    const back = (await session.snapshot()) as Snap;
    expect(back.step).toBe(snap.step);
    expect(back.main).toEqual(snap.main);
    expect(back.slow).toEqual(snap.slow);
    expect(back.fast).toEqual(snap.fast);
    const next = await session.step();
    expect(Number.isFinite(next.mu) && Number.isFinite(next.log10Error)).toBe(true);
    expect(next.log10Error).toBeLessThan(Math.log10(0.1));
    session.dispose();
  });
});
