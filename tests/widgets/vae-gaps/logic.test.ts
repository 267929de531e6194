import { describe, expect, it } from 'vitest';
import { posteriorImage, posteriorWindow } from '../../../src/widgets/vae-gaps/logic';

describe('vae-gaps logic', () => {
  it('scales the posterior to a peak of 1', () => {
    const img = posteriorImage(Float32Array.of(-100, -101, -100 - Math.log(4)));
    expect(img[0]).toBeCloseTo(1, 6);
    expect(img[1]).toBeCloseTo(Math.exp(-1), 4);
    expect(img[2]).toBeCloseTo(0.25, 4);
  });

  it('zooms on the cells that carry mass and on the q boxes', () => {
    // 4x4 grid over [0,4]², mass only in the cell centred at (2.5, 1.5)
    const density = new Float32Array(16);
    density[1 * 4 + 2] = 1;
    const q = { mu: [2.5, 1.5] as [number, number], logvar: [Math.log(0.01), Math.log(0.01)] as [number, number] };
    const v = posteriorWindow(density, 4, { z1: [0, 4], z2: [0, 4] }, [q]);
    expect(v.x[0]).toBeLessThan(2.5 - 0.3 + 1e-9);
    expect(v.x[1]).toBeGreaterThan(2.5 + 0.3 - 1e-9);
    expect(v.x[1] - v.x[0]).toBeLessThan(1.5);
    expect(v.y[0]).toBeLessThan(1.5);
    expect(v.y[1]).toBeGreaterThan(1.5);
  });
});
