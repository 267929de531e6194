import { describe, expect, it } from 'vitest';
import { maxRelativeGap } from '../../../scripts/bench/threads';

describe('maxRelativeGap', () => {
  it('is 0 for identical trajectories and the largest relative gap otherwise', () => {
    expect(maxRelativeGap('-540.5,-300.25', '-540.5,-300.25')).toBe(0);
    expect(maxRelativeGap('-200,-100', '-200,-101')).toBeCloseTo(0.01, 12);
    expect(maxRelativeGap('0.5', '0.25')).toBeCloseTo(0.25, 12); // |a| < 1: absolute gap
  });
  it('is infinite when the lengths differ, a run is empty or a value is not finite', () => {
    expect(maxRelativeGap('1,2', '1')).toBe(Number.POSITIVE_INFINITY);
    expect(maxRelativeGap('', '')).toBe(Number.POSITIVE_INFINITY);
    expect(maxRelativeGap('1,NaN', '1,2')).toBe(Number.POSITIVE_INFINITY);
  });
});
