import { describe, expect, it } from 'vitest';
import { chapter5Numbers } from '../../../../src/core/vi/svi/chapterNumbers';

describe('chapter 5 numbers', () => {
  it('are finite and tell the story the prose tells', () => {
    const n = chapter5Numbers();
    for (const v of Object.values(n)) expect(Number.isFinite(v)).toBe(true);
    expect(Math.abs(n.varianceRatioMeasured / n.varianceRatioExact - 1)).toBeLessThan(0.2);
    expect(n.varianceRatioLogZ5).toBeGreaterThan(5 * n.varianceRatioMeasured);
    // By hand: z = 1 + ε, f = log Z − ½ − ε, score estimate fε has variance (log Z − ½)² + 2; reparameterization 1.
    expect(n.varianceRatioExact).toBeCloseTo(0.25 + 2, 8);
    expect(n.varianceRatioLogZ5Exact).toBeCloseTo(4.5 ** 2 + 2, 8);
    expect(Math.abs(n.varianceRatioLogZ5 / n.varianceRatioLogZ5Exact - 1)).toBeLessThan(0.2);
    expect(n.looReductionLogZ5).toBeLessThan(0.5);
    expect(n.sviErrorKappa07).toBeLessThan(n.sviErrorKappa03);
    expect(n.sviErrorKappa15).toBeGreaterThan(1);
    expect(n.adviMeanLambda).toBeCloseTo(n.posteriorMeanLambda, 10);
    expect(n.adviGap).toBeGreaterThan(0);
  });
});
