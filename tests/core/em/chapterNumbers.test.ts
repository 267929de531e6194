import { describe, expect, it } from 'vitest';
import { chapter1Numbers, chapter2Numbers, empiricalRate } from '../../../src/core/em/chapterNumbers';
import { COVARIANCE_FLOOR } from '../../../src/core/em/gmm';
import { logNormal2d } from '../../../src/core/math/gaussian';

describe('numbers quoted in chapters 1 and 2', () => {
  it('chapter 1: the MLE separates the means and beats the best single-Gaussian point on the diagonal', () => {
    const c = chapter1Numbers();
    expect(c.mleMu1).toBeLessThan(0);
    expect(c.mleMu2).toBeGreaterThan(0);
    expect(c.mleLogLik).toBeGreaterThan(c.diagonalLogLik);
    expect(c.closeMleGap).toBeLessThan(c.mleMu2 - c.mleMu1);
  });

  it('chapter 2: EM rate from the missing-information formula matches the rate of the iterates', () => {
    const c = chapter2Numbers();
    expect(Math.abs(c.rateSep3Predicted - c.rateSep3Observed)).toBeLessThan(2e-3);
    expect(Math.abs(c.rateSep15Predicted - c.rateSep15Observed)).toBeLessThan(2e-3);
    // less separated components → more missing information → slower EM
    expect(c.rateSep15Predicted).toBeGreaterThan(c.rateSep3Predicted);
    expect(c.emLogLik).toBeGreaterThan(c.emStartLogLik);
    expect(c.restartBest).toBeGreaterThanOrEqual(c.restartWorst);
    // a component collapsed onto one point: covariance ψI at the floor, the point at its mean (2-D density)
    expect(c.collapseBound).toBeCloseTo(logNormal2d(0.3, -1.2, 0.3, -1.2, COVARIANCE_FLOOR, 0, COVARIANCE_FLOOR), 10);
    const ratio = c.mcGap1 / c.mcGap100;
    expect(ratio).toBeGreaterThan(6);
    expect(ratio).toBeLessThan(15);
  });

  it('empiricalRate recovers the ratio of a geometric sequence', () => {
    const path = Array.from({ length: 80 }, (_, t) => ({ mu1: 1 + 0.6 ** t, mu2: 2 - 0.6 ** t }));
    path.push({ mu1: 1, mu2: 2 });
    expect(empiricalRate(path)).toBeCloseTo(0.6, 6);
  });
});
