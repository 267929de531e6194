import { describe, expect, it } from 'vitest';
import { klDirectionView, mixtureGrid } from '../../../src/widgets/kl-direction/logic';

describe('kl-direction view', () => {
  it('each fit wins in its own direction', () => {
    for (const sep of [1, 3, 5, 7]) {
      const v = klDirectionView(sep, 0.5);
      expect(v.scores.modeSeeking.reverse).toBeLessThanOrEqual(v.scores.massCovering.reverse + 1e-6);
      expect(v.scores.massCovering.forward).toBeLessThanOrEqual(v.scores.modeSeeking.forward + 1e-6);
    }
  });

  it('far-apart modes: the mode-seeking fit sits on a mode, the moment-matched one between them', () => {
    const v = klDirectionView(7, 0.5);
    const d = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
    const nearest = Math.min(...v.target.components.map((c) => d(v.modeSeeking.mean, c.mean)));
    expect(nearest).toBeLessThan(1e-3);
    expect(d(v.massCovering.mean, [0, 0])).toBeLessThan(1e-12);
  });

  it('the density grid peaks near a mode and has the right total mass', () => {
    const v = klDirectionView(5, 0);
    const g = mixtureGrid(v.target, 6, 121);
    const h = 12 / 120;
    expect(g.reduce((s, x) => s + x, 0) * h * h).toBeCloseTo(1, 3);
    // the largest grid value sits within a grid cell of one of the two modes (row j is y, column i is x)
    const top = g.indexOf(Math.max(...g));
    const at = [-6 + h * (top % 121), -6 + h * Math.floor(top / 121)];
    const nearest = Math.min(...v.target.components.map((c) => Math.hypot(at[0] - c.mean[0], at[1] - c.mean[1])));
    expect(nearest).toBeLessThan(h * Math.SQRT2);
    expect(Math.hypot(v.target.components[0].mean[0], v.target.components[0].mean[1])).toBeGreaterThan(1);
  });
});
