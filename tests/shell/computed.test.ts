import { describe, expect, it } from 'vitest';
import { chapter2StandardErrorNumbers } from '../../src/core/em/standardErrorNumbers';
import { computedRegistry, upperBoundOneDigit } from '../../src/shell/computed';

describe('upperBoundOneDigit', () => {
  it('is strictly above the value, with one significant digit, where rounding to nearest would fall below', () => {
    for (const v of [6.4e-5, 6.85e-5, 7e-5, 9.96e-3, 1, 0.1, 123, 1.0000001e-7, 9.5]) {
      const s = upperBoundOneDigit(v);
      expect(s).toMatch(/^[1-9]e-?\d+$/);
      expect(Number(s)).toBeGreaterThan(v);
      // and tight: at most one unit in the leading digit above
      const e = Math.floor(Math.log10(v));
      expect(Number(s) - v).toBeLessThanOrEqual(10 ** e * (1 + 1e-9));
    }
    expect(Number((6.4e-5).toExponential(0))).toBeLessThan(6.4e-5); // the old format would have said "below 6e-5"
    expect(upperBoundOneDigit(9.5)).toBe('1e1');
    expect(() => upperBoundOneDigit(0)).toThrow();
  });

  it("chapter 2's 'largest score component is below …' is a true upper bound", () => {
    const shown = Number(computedRegistry['ch2-se-max-score']());
    expect(shown).toBeGreaterThan(chapter2StandardErrorNumbers().maxAbsScore);
  });
});
