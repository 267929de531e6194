import { describe, expect, it } from 'vitest';
import { densityGrid } from '../../../src/widgets/cavi-gaussian/grid';

describe('cavi-gaussian density grid', () => {
  it('integrates to about one and peaks at the mean; levels are the k-sd ellipse densities', () => {
    const g = densityGrid([0.5, -0.3], [1, 0.6, 1.5], 6, 161);
    const h = 12 / 160;
    const mass = g.values.reduce((s, v) => s + v, 0) * h * h;
    expect(mass).toBeCloseTo(1, 3);
    let best = 0;
    g.values.forEach((v, k) => (v > g.values[best] ? (best = k) : null));
    const x = -6 + (best % 161) * h;
    const y = -6 + Math.floor(best / 161) * h;
    expect(Math.abs(x - 0.5)).toBeLessThan(h);
    expect(Math.abs(y + 0.3)).toBeLessThan(h);
    expect(g.levels[2] / g.levels[1]).toBeCloseTo(Math.exp(1.5), 12);
  });
});
