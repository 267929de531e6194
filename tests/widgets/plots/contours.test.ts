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

  it('reads values[j · nx + i] as f(x_i, y_j) and returns (i, j) pairs: a tilted line on a non-square grid', () => {
    // f(i, j) = i − 0.5 j on 12 × 7 nodes: linear, so interpolation is exact and every endpoint lies on
    // i − 0.5 j = 2.25; a transposed layout or swapped output coordinates would put points elsewhere.
    const [nx, ny] = [12, 7];
    const values = new Float64Array(nx * ny);
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[j * nx + i] = i - 0.5 * j;
    const segs = marchingSquares(values, nx, ny, 2.25);
    expect(segs.length).toBeGreaterThan(0);
    let minJ = Infinity;
    let maxJ = -Infinity;
    for (let k = 0; k < segs.length; k += 2) {
      const [i, j] = [segs[k], segs[k + 1]];
      expect(i - 0.5 * j).toBeCloseTo(2.25, 12);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThanOrEqual(nx - 1);
      minJ = Math.min(minJ, j);
      maxJ = Math.max(maxJ, j);
    }
    // the line crosses the whole grid from bottom (j = 0, i = 2.25) to top (j = 6, i = 5.25)
    expect(minJ).toBe(0);
    expect(maxJ).toBe(ny - 1);
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
