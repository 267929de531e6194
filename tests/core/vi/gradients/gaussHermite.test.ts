import { describe, expect, it } from 'vitest';
import { expectStandardNormal, gaussHermiteNormal } from '../../../../src/core/vi/gradients';
import { expectExactGaussRule } from '../../../support/gaussHermiteExactness';

describe('Gauss–Hermite rule for N(0, 1)', () => {
  it('has weights summing to one and reproduces the normal moments', () => {
    const { weights } = gaussHermiteNormal(20);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(expectStandardNormal((e) => e, 20)).toBeCloseTo(0, 12);
    expect(expectStandardNormal((e) => e * e, 20)).toBeCloseTo(1, 10);
    expect(expectStandardNormal((e) => e ** 4, 20)).toBeCloseTo(3, 9);
    expect(expectStandardNormal((e) => e ** 6, 20)).toBeCloseTo(15, 8);
  });

  it('integrates a non-polynomial accurately: E[cos ε] = e^{−1/2}', () => {
    expect(expectStandardNormal(Math.cos, 30)).toBeCloseTo(Math.exp(-0.5), 10);
  });
  it('is an n-point Gauss rule, exactly: n nodes, exact moments to degree 2n − 1, and E[ε^{2n}] short by exactly n!', () => {
    expectExactGaussRule(gaussHermiteNormal);
  });
});
