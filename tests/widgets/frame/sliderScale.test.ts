import { describe, expect, it } from 'vitest';
import type { IntSpec, NumberSpec } from '../../../src/core/params';
import {
  formatParamNumber,
  fromSliderPosition,
  SLIDER_STEPS,
  sliderRange,
  toSliderPosition,
} from '../../../src/widgets/frame/sliderScale';

const lr: NumberSpec = { kind: 'number', label: 'lr', min: 1e-4, max: 1, default: 0.01, scale: 'log' };
const k: IntSpec = { kind: 'int', label: 'k', min: 1, max: 10, default: 3 };

describe('slider scale', () => {
  it('log specs move geometrically: the midpoint is the geometric mean', () => {
    expect(sliderRange(lr)).toEqual({ min: 0, max: SLIDER_STEPS, step: 1 });
    expect(fromSliderPosition(lr, SLIDER_STEPS / 2)).toBeCloseTo(Math.sqrt(1e-4 * 1), 6);
    expect(fromSliderPosition(lr, 0)).toBe(1e-4);
    expect(fromSliderPosition(lr, SLIDER_STEPS)).toBe(1);
    expect(toSliderPosition(lr, 0.01)).toBe(SLIDER_STEPS / 2);
  });

  it('round-trips log positions within one slider step', () => {
    for (const v of [2e-4, 0.003, 0.05, 0.7]) {
      const back = fromSliderPosition(lr, toSliderPosition(lr, v));
      expect(Math.abs(Math.log(back / v))).toBeLessThan(Math.log(1e4) / SLIDER_STEPS + 0.005);
    }
  });

  it('linear specs use the value itself; ints step by 1', () => {
    expect(sliderRange(k)).toEqual({ min: 1, max: 10, step: 1 });
    expect(toSliderPosition(k, 4)).toBe(4);
    expect(fromSliderPosition(k, 4)).toBe(4);
    // a linear number spec: the value is the position, in 100 steps of the range
    const w: NumberSpec = { kind: 'number', label: 'w', min: -1, max: 3, default: 0 };
    expect(sliderRange(w)).toEqual({ min: -1, max: 3, step: 0.04 });
    expect(toSliderPosition(w, -0.37)).toBe(-0.37);
    expect(fromSliderPosition(w, 2.5)).toBe(2.5);
    // a log spec that cannot be log (min ≤ 0) falls back to linear instead of producing NaN
    const bad: NumberSpec = { kind: 'number', label: 'b', min: 0, max: 1, default: 0.5, scale: 'log' };
    expect(sliderRange(bad)).toEqual({ min: 0, max: 1, step: 0.01 });
    expect(toSliderPosition(bad, 0.3)).toBe(0.3);
    expect(fromSliderPosition(bad, 0.3)).toBe(0.3);
  });

  it('log positions clamp to the ends for values outside the range', () => {
    expect(toSliderPosition(lr, 10)).toBe(SLIDER_STEPS);
    expect(toSliderPosition(lr, 1e-7)).toBe(0);
    expect(toSliderPosition(lr, 1e-3)).toBe(SLIDER_STEPS / 4); // one decade of four
  });

  it('formats numbers briefly', () => {
    expect(formatParamNumber(3, 'int')).toBe('3');
    expect(formatParamNumber(0.123456)).toBe('0.1235');
    expect(formatParamNumber(0.0001)).toBe('1e-4');
    expect(formatParamNumber(2.5)).toBe('2.5');
  });
});
