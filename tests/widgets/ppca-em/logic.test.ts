import { describe, expect, it } from 'vitest';
import { firstTwo, loadingSegments } from '../../../src/widgets/ppca-em/logic';

describe('ppca-em widget logic', () => {
  it('loading segments run from mean − w to mean + w in the first two coordinates', () => {
    // d = 3, q = 2: W rows (1, 2), (3, 4), (5, 6)
    const s = loadingSegments([1, 2, 3, 4, 5, 6], 3, 2, [10, 20, 30]);
    expect(s).toEqual([
      { x: [9, 11], y: [17, 23] },
      { x: [8, 12], y: [16, 24] },
    ]);
  });
  it('firstTwo takes the first two columns of [n*d]', () => {
    const { x, y } = firstTwo([1, 2, 3, 4, 5, 6], 2, 3);
    expect(Array.from(x)).toEqual([1, 4]);
    expect(Array.from(y)).toEqual([2, 5]);
  });
});
