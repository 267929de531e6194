import { describe, expect, it } from 'vitest';
import { chapter6Numbers } from '../../../../src/core/vi/amortized/chapterNumbers';

describe('chapter 6 numbers', () => {
  it('show a positive mean-field gap and neighbours mattering on the chain', () => {
    const n = chapter6Numbers();
    expect(n.conjugateSlope).toBeCloseTo(1 / (1 + n.sigma ** 2), 12);
    expect(n.chainApproximationGap).toBeGreaterThan(0);
    expect(n.chainSameXMeanSpread).toBeGreaterThan(0.3);
  });
});
