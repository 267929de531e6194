import { describe, expect, it } from 'vitest';
import { surfaceView, SURFACE_SIZE } from '../../../src/widgets/likelihood-surface/logic';
import { mixture1dData, mixture1dLogLik } from '../../../src/core/em/mixture1d';
import { createRng } from '../../../src/core/random';

describe('likelihood-surface widget logic', () => {
  it('grid is ℓ/n, symmetric, below the MLE value, with levels under the top', () => {
    const x = mixture1dData(80, 3, createRng(3));
    const v = surfaceView(x);
    expect(v.values.length).toBe(SURFACE_SIZE * SURFACE_SIZE);
    const i = 10;
    const j = 45;
    expect(v.values[j * SURFACE_SIZE + i]).toBe(v.values[i * SURFACE_SIZE + j]);
    const mu1 = -5 + (10 * i) / (SURFACE_SIZE - 1);
    const mu2 = -5 + (10 * j) / (SURFACE_SIZE - 1);
    expect(v.values[j * SURFACE_SIZE + i]).toBeCloseTo(mixture1dLogLik(x, mu1, mu2) / 80, 10);
    expect(Math.max(...v.values)).toBeLessThanOrEqual(v.mleLogLik + 1e-12);
    for (const l of v.levels) expect(l).toBeLessThan(v.mleLogLik);
    expect(v.mle[1]).toEqual([v.mle[0][1], v.mle[0][0]]);
  });
});
