import { describe, expect, it } from 'vitest';
import { chapter2StandardErrorNumbers } from '../../src/core/em/standardErrorNumbers';
import { computedRegistry, plusMinus, upperBoundOneDigit } from '../../src/shell/computed';

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

describe('plusMinus', () => {
  it('shows a standard error to the value’s decimals, to one significant digit where those would show 0, and nothing when none is stored', () => {
    expect(plusMinus(0.9234, 0.0041, 3)).toBe('0.923 ± 0.004');
    expect(plusMinus(0.9972, 0.00038, 3)).toBe('0.997 ± 0.0004');
    expect(plusMinus(54.81, 1.26, 1)).toBe('54.8 ± 1.3');
    expect(plusMinus(0.4071, undefined, 3)).toBe('0.407');
  });
});
