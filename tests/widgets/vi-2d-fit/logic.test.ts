import { describe, expect, it } from 'vitest';
import { relativeDensity, samplesInBox } from '../../../src/widgets/vi-2d-fit/logic';

describe('vi-2d-fit widget logic', () => {
  it('relative densities peak at 1 and ignore the additive constant in log f', () => {
    const a = relativeDensity([0, -1, -2]);
    const b = relativeDensity([1000, 999, 998]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a[0]).toBe(1);
    expect(a[1]).toBeCloseTo(Math.exp(-1), 6);
  });

  it('keeps only draws inside the box', () => {
    const { x, y } = samplesInBox([0, 0, 5, 0, 1, -1], [-2, 2, -2, 2]);
    expect(x).toEqual([0, 1]);
    expect(y).toEqual([0, -1]);
  });
});
