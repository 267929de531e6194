import { describe, expect, it } from 'vitest';
import { gaussHermiteNormal } from '../../../../src/core/vi/cavi/gaussHermite';

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
    // For the monic Hermite polynomial He_n, ‖He_n‖² = n!, so the Gauss error on ε^{2n} is n! (a rule with
    // fewer effective points would miss a lower moment; one with more would hit (2n − 1)!! itself).
    const doubleFactorial = (k: number): number => (k <= 0 ? 1 : k * doubleFactorial(k - 2));
    const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
    for (const n of [1, 2, 5, 10]) {
      const { nodes, weights } = gaussHermiteNormal(n);
      expect(nodes.length).toBe(n);
      expect(weights.length).toBe(n);
      const moment = (k: number) => nodes.reduce((s, t, i) => s + weights[i] * t ** k, 0);
      for (let k = 0; k < 2 * n; k++) {
        const exact = k % 2 === 1 ? 0 : doubleFactorial(k - 1);
        expect(Math.abs(moment(k) - exact)).toBeLessThan(1e-9 * doubleFactorial(k));
      }
      const short = doubleFactorial(2 * n - 1) - factorial(n);
      expect(Math.abs(moment(2 * n) - short)).toBeLessThan(1e-9 * doubleFactorial(2 * n - 1));
    }
  });
});
