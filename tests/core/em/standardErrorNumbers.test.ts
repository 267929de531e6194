import { describe, expect, it } from 'vitest';
import { chapter2StandardErrorNumbers } from '../../../src/core/em/standardErrorNumbers';

describe("chapter 2's standard-error numbers", () => {
  it('are what the prose says: 17 free parameters, complete-data SEs smaller than Louis SEs, score ~ 0, interval around the estimate', () => {
    const c = chapter2StandardErrorNumbers();
    expect(c.p).toBe(17);
    expect(c.weightSeComplete).toBeLessThan(c.weightSe);
    expect(c.meanSeComplete).toBeLessThan(c.meanSe);
    expect(c.maxAbsScore).toBeLessThan(1e-3);
    expect(c.weightLower).toBeLessThan(c.weight);
    expect(c.weightUpper).toBeGreaterThan(c.weight);
    // a weight's SE is near the multinomial sqrt(π(1 − π)/n) when the clusters are fairly separated
    expect(c.weightSe).toBeGreaterThan(Math.sqrt((c.weight * (1 - c.weight)) / 400));
  });
});
