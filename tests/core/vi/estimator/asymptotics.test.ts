import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import { asymptotics, limitExpansion, normalCdf, waldCoverage } from '../../../../src/core/vi/estimator/asymptotics';
import { fitWithStandardErrors, sampleGroupMeans, type Design } from '../../../../src/core/vi/estimator/randomEffectsEstimators';

describe('large-n theory of the variational estimate', () => {
  it('on one very large data set the variational estimate sits at its closed-form limit θ† (within 4 asymptotic sds), not at θ*', () => {
    for (const [r, d] of ([
      [0, { m: 1, sigma2: 1, c: 0.25 }],
      [1, { m: 1, sigma2: 1, c: 1 }],
      [2, { m: 5, sigma2: 1, c: 0.5 }],
    ] as [number, Design][])) {
      const n = 200_000;
      const xbar = sampleGroupMeans(n, 0, 1, d, createRng(100 + r));
      const f = fitWithStandardErrors('variational', xbar, d);
      const th = asymptotics('variational', 1, d);
      const sd = Math.sqrt(th.sandwichVar[1] / n);
      expect(Math.abs(f.tau2 - th.tau2Limit)).toBeLessThan(4 * sd);
      expect(Math.abs(f.tau2 - 1)).toBeGreaterThan(20 * sd);
      // the plug-in sandwich SE on this data set matches the asymptotic sd
      expect(f.sandwich[1] / sd).toBeGreaterThan(0.97);
      expect(f.sandwich[1] / sd).toBeLessThan(1.03);
    }
  });

  it('θ† = τ*² exactly when the family contains the posterior at the truth (v₀ = aτ*²/(τ*² + a))', () => {
    const tau2 = 1.7;
    const m = 3;
    const a = 1 / m;
    const c = tau2 / (tau2 + a); // v₀ = c a = v*
    expect(asymptotics('variational', tau2, { m, sigma2: 1, c }).tau2Limit).toBeCloseTo(tau2, 10);
    expect(Math.abs(asymptotics('variational', tau2, { m, sigma2: 1, c: 2 * c }).tau2Limit - tau2)).toBeGreaterThan(0.05);
  });

  it('the limit approaches τ*² + (c − 1)σ²/m with an error of order 1/m²', () => {
    for (const c of [0.25, 1, 3]) {
      const err = [10, 100, 1000].map((m) => Math.abs(asymptotics('variational', 1, { m, sigma2: 1, c }).tau2Limit - limitExpansion(1, { m, sigma2: 1, c })));
      expect(err[1] * 100).toBeLessThan(2 * err[0] + 1e-12);
      expect(err[2] * 100).toBeLessThan(2 * err[1] + 1e-12);
      expect(err[2]).toBeLessThan(1e-4);
    }
  });

  it('for the MLE the sandwich equals the inverse information and the naive variance is the complete-data one', () => {
    const d = { m: 1, sigma2: 1, c: 0.25 };
    const th = asymptotics('mle', 1, d);
    expect(th.sandwichVar).toEqual(th.curvatureVar);
    expect(th.naiveVar[0]).toBeLessThan(th.sandwichVar[0]);
    expect(th.naiveVar[1]).toBeLessThan(th.sandwichVar[1]);
  });

  it('Φ and Wald coverage agree with known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
    expect(waldCoverage(0, 1, 1)).toBeCloseTo(0.95, 6);
    expect(waldCoverage(0, Math.SQRT2, 1)).toBeCloseTo(2 * normalCdf(1.959963984540054 / Math.SQRT2) - 1, 9);
  });
});
