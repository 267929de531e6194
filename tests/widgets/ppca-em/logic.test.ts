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

describe('ppca-em geometry', () => {
  it('model covariance block is WWᵀ + σ²I restricted to the first two coordinates', async () => {
    const { modelCovariance2, loadingArrows } = await import('../../../src/widgets/ppca-em/logic');
    // d = 3, q = 1, w = (1, 2, 3)
    expect(modelCovariance2([1, 2, 3], 3, 1, 0.5)).toEqual([1.5, 2, 2, 4.5]);
    const a = loadingArrows([1, 2, 3], 3, 1, [0, 0, 0]);
    expect(a.dx).toEqual([-1, 1]);
    expect(a.dy).toEqual([-2, 2]);
  });
});
