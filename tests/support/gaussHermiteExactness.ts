/**
 * The check that a quadrature rule for N(0, 1) is exactly an n-point Gauss rule, shared by the two
 * Gauss–Hermite implementations' tests (src/core/vi/cavi and src/core/vi/gradients): n nodes,
 * moments exact to degree 2n − 1, and E[ε^{2n}] short by exactly n!. For the monic Hermite
 * polynomial He_n, ‖He_n‖² = n!, so that is the Gauss error on ε^{2n} (a rule with fewer effective
 * points would miss a lower moment; one with more would hit (2n − 1)!! itself).
 */
import { expect } from 'vitest';

const doubleFactorial = (k: number): number => (k <= 0 ? 1 : k * doubleFactorial(k - 2));
const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));

export function expectExactGaussRule(rule: (n: number) => { nodes: ArrayLike<number>; weights: ArrayLike<number> }): void {
  for (const n of [1, 2, 5, 10]) {
    const { nodes, weights } = rule(n);
    expect(nodes.length).toBe(n);
    expect(weights.length).toBe(n);
    const moment = (k: number) => Array.from(nodes).reduce((s, t, i) => s + weights[i] * t ** k, 0);
    for (let k = 0; k < 2 * n; k++) {
      const exact = k % 2 === 1 ? 0 : doubleFactorial(k - 1);
      expect(Math.abs(moment(k) - exact)).toBeLessThan(1e-9 * doubleFactorial(k));
    }
    const short = doubleFactorial(2 * n - 1) - factorial(n);
    expect(Math.abs(moment(2 * n) - short)).toBeLessThan(1e-9 * doubleFactorial(2 * n - 1));
  }
}
