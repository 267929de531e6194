import { describe, expect, it } from 'vitest';
import { hardLabels, mixedColors, squareDomain } from '../../../src/widgets/cavi-gmm/logic';

describe('cavi-gmm widget logic', () => {
  it('hard labels are the argmax of φ', () => {
    expect(Array.from(hardLabels([0.2, 0.7, 0.1, 0.5, 0.1, 0.4], 2, 3))).toEqual([1, 0]);
  });
  it('a point with one-hot φ gets exactly its category colour; a split point lies between', () => {
    const c = mixedColors([1, 0, 0.5, 0.5], 2, 2);
    const d = mixedColors([0, 1], 1, 2);
    for (let j = 0; j < 3; j++) {
      expect(c[3 + j]).toBeCloseTo((c[j] + d[j]) / 2, 12);
      expect(c[j]).toBeGreaterThanOrEqual(0);
      expect(c[j]).toBeLessThanOrEqual(1);
    }
  });
  it('the square domain covers every coordinate with margin', () => {
    const [lo, hi] = squareDomain([0, 1, -2, 3]);
    expect(lo).toBeLessThan(-2);
    expect(hi).toBeGreaterThan(3);
  });
});
