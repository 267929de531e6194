import { describe, expect, it } from 'vitest';
import { gapBars, spanOf, widthLabel, type AmortizationSnapshot } from '../../../src/widgets/amortization-gap/logic';

describe('amortization-gap widget logic', () => {
  it('labels widths and marks the shown encoder', () => {
    expect(widthLabel(0)).toBe('affine');
    expect(widthLabel(1)).toBe('1 unit');
    expect(widthLabel(8)).toBe('8 units');
    const snap = { widths: Float64Array.from([0, 4]), shown: 1, gaps: Float64Array.from([0.5, -0.001]) } as unknown as AmortizationSnapshot;
    const bars = gapBars(snap, { shown: 'blue', other: 'grey' });
    expect(bars.map((b) => b.value)).toEqual([0.5, 0]);
    expect(bars[1].color).toBe('blue');
  });

  it('spans all finite values', () => {
    const [lo, hi] = spanOf([1, 2], [NaN, -3]);
    expect(lo).toBeLessThan(-3);
    expect(hi).toBeGreaterThan(2);
  });
});
