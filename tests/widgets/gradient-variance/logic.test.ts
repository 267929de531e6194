import { describe, expect, it } from 'vitest';
import { commonRange, histogramPath } from '../../../src/widgets/gradient-variance/logic';
import { createRng } from '../../../src/core/random';

describe('gradient-variance widget logic', () => {
  it('a histogram path has total area equal to the fraction of values in range', () => {
    const rng = createRng(1);
    const v = Array.from({ length: 5000 }, () => rng.normal());
    const { x, y } = histogramPath(v, -1, 1, 20);
    let area = 0;
    for (let i = 1; i + 1 < x.length; i += 2) area += (x[i + 1] - x[i]) * y[i];
    const inside = v.filter((a) => a >= -1 && a < 1).length / v.length;
    expect(area).toBeCloseTo(inside, 10);
  });

  it('the common range covers the bulk of every sample and the extra points', () => {
    const [lo, hi] = commonRange([[0, 1, 2, 3], [10, 11, 12]], 1, [-5]);
    expect(lo).toBeLessThan(-5);
    expect(hi).toBeGreaterThan(12);
    const [a, b] = commonRange([[...Array.from({ length: 999 }, (_, i) => i / 999), 1e6]], 0.98);
    expect(b).toBeLessThan(10);
    expect(a).toBeLessThan(0.05);
  });
});
