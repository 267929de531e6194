/** src/core/math/stats.ts's scalar moments against closed forms. */
import { describe, expect, it } from 'vitest';
import { meanAndVariance } from '../../../src/core/math/stats';

describe('meanAndVariance', () => {
  it('gives the mean and the sample variance (divisor m − 1)', () => {
    // 1..5: mean 3, squared deviations 4+1+0+1+4 = 10, over 4
    expect(meanAndVariance([1, 2, 3, 4, 5])).toEqual({ mean: 3, variance: 2.5 });
    expect(meanAndVariance(Float64Array.from([2, 2, 2]))).toEqual({ mean: 2, variance: 0 });
    const r = meanAndVariance([0.1, -0.4, 2.5, 7]);
    expect(r.mean).toBeCloseTo(2.3, 14);
    expect(r.variance).toBeCloseTo(((0.1 - 2.3) ** 2 + (-0.4 - 2.3) ** 2 + (2.5 - 2.3) ** 2 + (7 - 2.3) ** 2) / 3, 12);
  });
});
