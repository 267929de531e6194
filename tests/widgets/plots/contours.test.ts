import { describe, expect, it } from 'vitest';
import { marchingSquares } from '../../../src/widgets/plots/ScatterPlot/contours';

/** f(x, y) = x² + y² on [-2, 2]², n × n nodes. */
function radiusGrid(n: number) {
  const values = new Float64Array(n * n);
  const at = (k: number) => -2 + (4 * k) / (n - 1);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) values[j * n + i] = at(i) ** 2 + at(j) ** 2;
  return { values, at: (g: number) => -2 + (4 * g) / (n - 1) };
}

describe('marchingSquares', () => {
  it('traces the circle x² + y² = 1 through points at radius 1', () => {
    const n = 81;
    const { values, at } = radiusGrid(n);
    const segs = marchingSquares(values, n, n, 1);
    expect(segs.length).toBeGreaterThan(0);
    expect(segs.length % 4).toBe(0);
    let maxErr = 0;
    for (let k = 0; k < segs.length; k += 2) maxErr = Math.max(maxErr, Math.abs(Math.hypot(at(segs[k]), at(segs[k + 1])) - 1));
    // Linear interpolation of a quadratic over a cell of width h = 0.05: error O(h²).
    expect(maxErr).toBeLessThan(0.01);
  });

  it('has total length close to the circumference 2π', () => {
    const n = 101;
    const { values, at } = radiusGrid(n);
    const segs = marchingSquares(values, n, n, 1);
    let length = 0;
    for (let k = 0; k < segs.length; k += 4) {
      length += Math.hypot(at(segs[k + 2]) - at(segs[k]), at(segs[k + 3]) - at(segs[k + 1]));
    }
    expect(length).toBeGreaterThan(2 * Math.PI * 0.99);
    expect(length).toBeLessThan(2 * Math.PI * 1.01);
  });

  it('each segment endpoint is shared by exactly two segments (a closed curve)', () => {
    const n = 41;
    const { values } = radiusGrid(n);
    // A level no grid node hits exactly (node values are multiples of 0.01).
    const segs = marchingSquares(values, n, n, 1.7777);
    const counts = new Map<string, number>();
    for (let k = 0; k < segs.length; k += 2) {
      const key = `${segs[k].toFixed(6)},${segs[k + 1].toFixed(6)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const c of counts.values()) expect(c).toBe(2);
  });

  it('returns nothing for a level outside the range, and skips non-finite cells', () => {
    const n = 21;
    const { values } = radiusGrid(n);
    expect(marchingSquares(values, n, n, 100)).toEqual([]);
    expect(marchingSquares(values, n, n, -1)).toEqual([]);
    const holes = values.slice();
    holes.fill(NaN, 0, n * n);
    expect(marchingSquares(holes, n, n, 1)).toEqual([]);
  });
});
