import { describe, expect, it } from 'vitest';
import { digamma, logGamma, trigamma } from '../../../src/core/lda/special';

describe('digamma and trigamma', () => {
  it('match known values', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
    expect(digamma(0.5)).toBeCloseTo(-0.5772156649015329 - 2 * Math.log(2), 12);
    expect(trigamma(1)).toBeCloseTo((Math.PI * Math.PI) / 6, 12);
    expect(trigamma(0.5)).toBeCloseTo((Math.PI * Math.PI) / 2, 11);
  });
  it('are the derivatives of log Γ and ψ (central differences)', () => {
    for (const x of [0.01, 0.3, 1.7, 5.5, 6.2, 40, 1e4]) {
      const h = 1e-5 * Math.max(1, x);
      expect(digamma(x)).toBeCloseTo((logGamma(x + h) - logGamma(x - h)) / (2 * h), x < 0.1 ? 3 : 6);
      expect(trigamma(x) / ((digamma(x + h) - digamma(x - h)) / (2 * h))).toBeCloseTo(1, 5);
    }
  });
  it('satisfy the recurrences ψ(x+1) = ψ(x) + 1/x, ψ\'(x+1) = ψ\'(x) − 1/x²', () => {
    for (const x of [0.2, 2.5, 5.9, 12]) {
      expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 12);
      expect(trigamma(x) - trigamma(x + 1)).toBeCloseTo(1 / (x * x), 12);
    }
  });
});
