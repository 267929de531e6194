import { describe, expect, it } from 'vitest';
import { expectStandardNormal, gaussHermiteNormal } from '../../../../src/core/vi/gradients';

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
