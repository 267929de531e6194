import { describe, expect, it } from 'vitest';
import { logNormal1d, logNormal2d, logNormalNd, logNormalPrepared, prepareGaussian, LOG_2PI } from '../../../src/core/math/gaussian';
import { logAddExp, logSumExp } from '../../../src/core/math/logSumExp';
import { covariance, mean } from '../../../src/core/math/stats';

describe('Gaussian log-densities', () => {
  it('1-D matches the textbook formula at a few points', () => {
    expect(logNormal1d(0, 0, 1)).toBeCloseTo(-0.5 * LOG_2PI, 14);
    const v = Math.log(Math.exp(-((1.3 - 0.2) ** 2) / (2 * 2.5)) / Math.sqrt(2 * Math.PI * 2.5));
    expect(logNormal1d(1.3, 0.2, 2.5)).toBeCloseTo(v, 12);
  });

  it('2-D with diagonal covariance is the sum of two 1-D terms; d-D agrees with 2-D', () => {
    expect(logNormal2d(0.5, -1, 0.1, 0.2, 2, 0, 0.5)).toBeCloseTo(logNormal1d(0.5, 0.1, 2) + logNormal1d(-1, 0.2, 0.5), 12);
    const cov = [1.5, 0.4, 0.4, 0.8];
    expect(logNormalNd([0.3, -0.7], [0.1, 0.2], cov, 2)).toBeCloseTo(logNormal2d(0.3, -0.7, 0.1, 0.2, 1.5, 0.4, 0.8), 12);
  });

  it('d-D in 3 and 4 dimensions: a block-diagonal covariance splits into independent 2-D and 1-D terms; offset reads the right row', () => {
    // Σ = [[1.5, 0.4, 0], [0.4, 0.8, 0], [0, 0, 2.2]]: density = N₂(x₀, x₁) · N₁(x₂)
    const cov3 = [1.5, 0.4, 0, 0.4, 0.8, 0, 0, 0, 2.2];
    const want3 = logNormal2d(0.3, -0.7, 0.1, 0.2, 1.5, 0.4, 0.8) + logNormal1d(1.9, -0.5, 2.2);
    expect(logNormalNd([0.3, -0.7, 1.9], [0.1, 0.2, -0.5], cov3, 3)).toBeCloseTo(want3, 12);
    // two 2-D blocks in 4-D; the second block correlated negatively
    const cov4 = [1.5, 0.4, 0, 0, 0.4, 0.8, 0, 0, 0, 0, 2, -0.9, 0, 0, -0.9, 0.7];
    const want4 = logNormal2d(0.3, -0.7, 0.1, 0.2, 1.5, 0.4, 0.8) + logNormal2d(1.1, 0.4, -0.3, 0.6, 2, -0.9, 0.7);
    const g = prepareGaussian([0.1, 0.2, -0.3, 0.6], cov4, 4);
    expect(logNormalPrepared(g, [0.3, -0.7, 1.1, 0.4])).toBeCloseTo(want4, 12);
    // row 1 of a [2×4] array, through offset
    expect(logNormalPrepared(g, [9, 9, 9, 9, 0.3, -0.7, 1.1, 0.4], 4)).toBeCloseTo(want4, 12);
  });

  it('2-D density integrates to 1 on a grid', () => {
    const h = 0.05;
    let s = 0;
    for (let x = -8; x <= 8; x += h) for (let y = -8; y <= 8; y += h) s += Math.exp(logNormal2d(x, y, 0.3, -0.2, 1.2, 0.6, 0.9));
    expect(s * h * h).toBeCloseTo(1, 4);
  });
});

describe('logSumExp', () => {
  it('is exact for small values and stable for huge ones', () => {
    expect(logSumExp([Math.log(1), Math.log(2), Math.log(3)])).toBeCloseTo(Math.log(6), 14);
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.log(2), 10);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logSumExp([-Infinity, 0])).toBe(0);
    expect(logSumExp([5, 1, 2, 3], 1, 2)).toBeCloseTo(Math.log(Math.E + Math.E ** 2), 12);
    expect(logAddExp(2, 3)).toBeCloseTo(Math.log(Math.E ** 2 + Math.E ** 3), 12);
  });
});

describe('mean and covariance', () => {
  it('match hand-computed values; weights act as repetition counts', () => {
    const x = [0, 0, 2, 0, 0, 4]; // three points in 2-D
    expect(Array.from(mean(x, 3, 2))).toEqual([2 / 3, 4 / 3]);
    const c = covariance(x, 3, 2);
    expect(c[0]).toBeCloseTo(8 / 9, 14); // var x: ((2/3)²·2 + (4/3)²)/3
    expect(c[1]).toBeCloseTo(-8 / 9, 14);
    expect(c[1]).toBe(c[2]);
    const w = [2, 1, 1];
    const rep = [0, 0, 0, 0, 2, 0, 0, 4];
    const cw = covariance(x, 3, 2, w);
    const cr = covariance(rep, 4, 2);
    for (let i = 0; i < 4; i++) expect(cw[i]).toBeCloseTo(cr[i], 14);
  });
});
