import { describe, expect, it } from 'vitest';
import {
  gridValues,
  mixture1dData,
  mixture1dEmPath,
  mixture1dGradient,
  mixture1dLogLik,
  mixture1dMle,
  mixture1dSurface,
} from '../../../src/core/em/mixture1d';
import { logNormal1d } from '../../../src/core/math/gaussian';
import { createRng } from '../../../src/core/random';

describe('two-component 1-D mixture', () => {
  const x = mixture1dData(200, 3, createRng(1));

  it('log-likelihood matches a direct sum of log densities', () => {
    let direct = 0;
    for (const xi of x) direct += Math.log(0.5 * Math.exp(logNormal1d(xi, -1, 1)) + 0.5 * Math.exp(logNormal1d(xi, 2, 1)));
    expect(mixture1dLogLik(x, -1, 2)).toBeCloseTo(direct, 9);
  });

  it('surface is symmetric under swapping the means (label switching) and matches pointwise evaluation', () => {
    const grid = { min: -4, max: 4, size: 17 };
    const s = mixture1dSurface(x, grid);
    const g = gridValues(grid);
    for (let j = 0; j < 17; j++) {
      for (let i = 0; i < 17; i++) {
        expect(s[j * 17 + i]).toBe(s[i * 17 + j]);
      }
    }
    expect(s[3 * 17 + 12]).toBeCloseTo(mixture1dLogLik(x, g[12], g[3]), 10);
  });

  it('refined MLE has zero gradient by independent finite differences, and two mirror modes', () => {
    const mle = mixture1dMle(x);
    const [a, b] = mle.modes[0];
    expect(mle.modes[1]).toEqual([b, a]);
    expect(a).toBeLessThan(b);
    const h = 1e-5;
    const fd1 = (mixture1dLogLik(x, a + h, b) - mixture1dLogLik(x, a - h, b)) / (2 * h);
    const fd2 = (mixture1dLogLik(x, a, b + h) - mixture1dLogLik(x, a, b - h)) / (2 * h);
    expect(Math.abs(fd1)).toBeLessThan(1e-5 * x.length);
    expect(Math.abs(fd2)).toBeLessThan(1e-5 * x.length);
    // analytic score agrees with finite differences away from the optimum
    const [g1, g2] = mixture1dGradient(x, 0.3, 1.1);
    expect(g1).toBeCloseTo((mixture1dLogLik(x, 0.3 + h, 1.1) - mixture1dLogLik(x, 0.3 - h, 1.1)) / (2 * h), 4);
    expect(g2).toBeCloseTo((mixture1dLogLik(x, 0.3, 1.1 + h) - mixture1dLogLik(x, 0.3, 1.1 - h)) / (2 * h), 4);
    // it is the global maximum on a fine grid, and near the generating means ±1.5
    const grid = mixture1dSurface(x, { min: -4, max: 4, size: 81 });
    expect(Math.max(...grid)).toBeLessThanOrEqual(mle.logLik + 1e-9);
    expect(Math.abs(a + 1.5)).toBeLessThan(0.4);
    expect(Math.abs(b - 1.5)).toBeLessThan(0.4);
  });

  it('EM path never decreases the log-likelihood and ends at the MLE', () => {
    for (const start of [
      [3, -3],
      [-0.1, 0.1],
      [4, 3.5],
    ] as [number, number][]) {
      const path = mixture1dEmPath(x, start, 1, 2000);
      for (let t = 1; t < path.length; t++) expect(path[t].logLik).toBeGreaterThanOrEqual(path[t - 1].logLik - 1e-10 * Math.abs(path[t - 1].logLik));
      expect(path[path.length - 1].logLik).toBeCloseTo(mixture1dMle(x).logLik, 5);
    }
  });

  it('a start on the diagonal μ1 = μ2 stays there: EM cannot break the symmetry', () => {
    const path = mixture1dEmPath(x, [0.5, 0.5], 1, 50);
    for (const p of path) expect(p.mu1).toBeCloseTo(p.mu2, 12);
    expect(path[path.length - 1].logLik).toBeLessThan(mixture1dMle(x).logLik - 1);
  });
});
