import { describe, expect, it } from 'vitest';
import { fieldArrows, nearestFrame, pathDownTo, pointSpread, stateAt, timestepBars } from '../../../src/widgets/ddm-train-2d/logic';

describe('diffusion widget helpers', () => {
  it('averages timesteps into labelled bins', () => {
    const bars = timestepBars([1, 2, 3, 4, 5, 6], 3);
    expect(bars.map((b) => b.value)).toEqual([1.5, 3.5, 5.5]);
    expect(bars[0].label).toBe('1–2');
    expect(timestepBars([7, 8], 5).map((b) => b.label)).toEqual(['1', '2']);
  });

  it('slices states, paths and fields', () => {
    const states = Float32Array.from({ length: 3 * 2 * 2 }, (_, i) => i); // T = 2, n = 2
    expect(Array.from(stateAt(states, 1, 2))).toEqual([4, 5, 6, 7]);
    const path = Float32Array.from([10, 11, 20, 21, 30, 31]); // t = 2, 1, 0
    expect(Array.from(pathDownTo(path, 2, 1).x)).toEqual([10, 20]);
    expect(nearestFrame([1, 10, 20], 14)).toBe(1);
    const a = fieldArrows(Float32Array.from([0, 0, 1, 1]), Float32Array.from([9, 9, 9, 9, 1, 2, 3, 4]), 1);
    expect(Array.from(a.dx)).toEqual([-1, -3]);
    expect(Array.from(a.y)).toEqual([0, 1]);
  });

  it('summarizes points by their mean and per-coordinate standard deviation', () => {
    // x: 1, 3, 5, 7 (mean 4, variance 5); y: 0, 0, 2, 2 (mean 1, variance 1)
    const s = pointSpread([1, 0, 3, 0, 5, 2, 7, 2]);
    expect(s.mean).toEqual([4, 1]);
    expect(s.sd[0]).toBeCloseTo(Math.sqrt(5), 12);
    expect(s.sd[1]).toBeCloseTo(1, 12);
  });
});
