import { describe, expect, it } from 'vitest';
import { formatValue } from '../../../src/widgets/plots/formatValue';

describe('formatValue', () => {
  it('writes four significant digits without float noise by default', () => {
    expect(formatValue(0.1073244067372017)).toBe('0.1073');
    expect(formatValue(-123.456789)).toBe('-123.5');
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue(0)).toBe('0');
  });

  it("uses the widget's own format when it has one", () => {
    expect(formatValue(0.1073244067372017, (v) => v.toFixed(3))).toBe('0.107');
  });

  it('reads non-finite values as a dash, whatever the format', () => {
    for (const v of [Number.NaN, Infinity, -Infinity]) {
      expect(formatValue(v)).toBe('—');
      expect(formatValue(v, (x) => x.toFixed(2))).toBe('—');
    }
  });
});
