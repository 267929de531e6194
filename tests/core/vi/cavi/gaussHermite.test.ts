import { describe, expect, it } from 'vitest';
import { gaussHermiteNormal } from '../../../../src/core/vi/cavi/gaussHermite';
import { expectExactGaussRule } from '../../../support/gaussHermiteExactness';

describe('Gauss–Hermite rule for N(0, 1)', () => {
  it('integrates the normal moments exactly up to degree 2n − 1', () => {
    const { nodes, weights } = gaussHermiteNormal(10);
    const moment = (k: number) => nodes.reduce((s, t, i) => s + weights[i] * t ** k, 0);
    expect(moment(0)).toBeCloseTo(1, 13);
    expect(moment(1)).toBeCloseTo(0, 13);
    expect(moment(2)).toBeCloseTo(1, 12);
    expect(moment(4)).toBeCloseTo(3, 11);
    expect(moment(6)).toBeCloseTo(15, 10);
    expect(moment(8)).toBeCloseTo(105, 8);
  });
  it('matches E[cos ε] = e^{−1/2} for a large rule', () => {
    const { nodes, weights } = gaussHermiteNormal(40);
    expect(nodes.reduce((s, t, i) => s + weights[i] * Math.cos(t), 0)).toBeCloseTo(Math.exp(-0.5), 12);
  });
  it('is an n-point Gauss rule, exactly: n nodes, exact moments to degree 2n − 1, and E[ε^{2n}] short by exactly n!', () => {
    expectExactGaussRule(gaussHermiteNormal);
  });
});
