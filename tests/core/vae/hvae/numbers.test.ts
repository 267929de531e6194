import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import { pairedDifference } from '../../../../src/core/vae/hvae/numbers';

describe('pairedDifference', () => {
  it('is the mean difference with standard error sd(a − b)/√n, by hand on three pairs', () => {
    // differences 1, 2, 2: mean 5/3, sample variance ((2/3)² + (1/3)² + (1/3)²)/2 = 1/3, se = √(1/3 / 3) = 1/3
    const r = pairedDifference([1, 2, 3], [0, 0, 1]);
    expect(r.mean).toBeCloseTo(5 / 3, 12);
    expect(r.se).toBeCloseTo(1 / 3, 12);
  });

  it('equals √((Var a + Var b − 2 Cov(a, b))/n): pairing removes what the two lists share', () => {
    const rng = createRng(3);
    const n = 500;
    const shared = Array.from({ length: n }, () => 20 * rng.normal());
    const a = shared.map((s) => s + 3 + rng.normal());
    const b = shared.map((s) => s + rng.normal());
    const mean = (x: number[]) => x.reduce((p, c) => p + c, 0) / x.length;
    const cov = (x: number[], y: number[]) => {
      const mx = mean(x);
      const my = mean(y);
      return x.reduce((p, _, i) => p + (x[i] - mx) * (y[i] - my), 0) / (x.length - 1);
    };
    const r = pairedDifference(a, b);
    expect(r.mean).toBeCloseTo(mean(a) - mean(b), 12);
    expect(r.se).toBeCloseTo(Math.sqrt((cov(a, a) + cov(b, b) - 2 * cov(a, b)) / n), 12);
    // far below the unpaired standard error, which the shared spread of 20 dominates
    expect(r.se).toBeLessThan(0.1 * Math.sqrt((cov(a, a) + cov(b, b)) / n));
  });

  it('refuses lists of different lengths or of fewer than two values', () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow(/equal-length/);
    expect(() => pairedDifference([1], [1])).toThrow(/at least 2/);
  });
});
