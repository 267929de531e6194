import { describe, expect, it } from 'vitest';
import { chartColumns, nearestIndex, thinPolyline, yAxisTicks } from '../../../../src/widgets/plots/MetricChart/chartData';

describe('chartColumns', () => {
  it('aligns series with steps; missing, non-finite and (on log axes) non-positive values become NaN', () => {
    const c = chartColumns(
      [
        { step: 0, metrics: { a: -2.3, b: 0.4 } },
        { step: 5, metrics: { a: 2.25, b: NaN } },
        { step: 9, metrics: { a: 0 } },
      ],
      ['a', 'b'],
      false,
    );
    expect(Array.from(c.steps)).toEqual([0, 5, 9]);
    expect(Array.from(c.values[0])).toEqual([-2.3, 2.25, 0]);
    expect(Number.isNaN(c.values[1][1]) && Number.isNaN(c.values[1][2])).toBe(true);
    expect(Number.isNaN(chartColumns([{ step: 0, metrics: { a: 0 } }], ['a'], true).values[0][0])).toBe(true);
  });
});

describe('yAxisTicks', () => {
  it('gives round ticks enclosing every plotted value', () => {
    const y = yAxisTicks([Float64Array.from([-2.3, 2.25]), Float64Array.from([0.4, NaN])], false, 5)!;
    expect(y.domain[0]).toBeLessThanOrEqual(-2.3);
    expect(y.domain[1]).toBeGreaterThanOrEqual(2.25);
    expect(y.ticks).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });
  it('gives powers of ten on log axes', () => {
    expect(yAxisTicks([Float64Array.from([0.03, NaN, 42])], true)!.ticks).toEqual([0.01, 0.1, 1, 10, 100]);
  });
  it('is null with nothing finite to plot', () => {
    expect(yAxisTicks([Float64Array.from([NaN])], false)).toBeNull();
  });
});

describe('thinPolyline', () => {
  it('keeps at most four vertices per pixel column, including each column’s extremes, in order', () => {
    const n = 10_000;
    const px = new Float64Array(n);
    const py = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      px[i] = (i / n) * 100; // 100 pixel columns, 100 points each
      py[i] = 50 + 40 * Math.sin(i * 0.7);
    }
    py[4321] = -500; // one spike must survive
    const out = thinPolyline(px, py);
    expect(out.length / 2).toBeLessThanOrEqual(400);
    const ys = Array.from(out).filter((_, k) => k % 2 === 1);
    expect(Math.min(...ys)).toBe(-500);
    const xs = Array.from(out).filter((_, k) => k % 2 === 0);
    for (let k = 1; k < xs.length; k++) expect(xs[k]).toBeGreaterThanOrEqual(xs[k - 1]);
    expect(xs[0]).toBe(0);
    expect(xs[xs.length - 1]).toBeCloseTo(px[n - 1], 4);
    // every column keeps its own highest and lowest point (so the drawn band has the right height)
    for (let c = 0; c < 100; c++) {
      const inCol = Array.from(py.subarray(c * 100, (c + 1) * 100));
      const kept = ys.filter((_, k) => Math.floor(xs[k] + 1e-6) === c);
      expect(Math.max(...kept)).toBe(Math.fround(Math.max(...inCol)));
      expect(Math.min(...kept)).toBe(Math.fround(Math.min(...inCol)));
    }
  });
  it('leaves short lines untouched and joins across NaN gaps', () => {
    const out = thinPolyline([0, 10, 20, 30], [1, NaN, 3, 4]);
    expect(Array.from(out)).toEqual([0, 1, 20, 3, 30, 4]);
  });
});

describe('nearestIndex', () => {
  it('finds the nearest step by bisection', () => {
    const steps = [0, 10, 20, 40];
    expect(nearestIndex(steps, -5)).toBe(0);
    expect(nearestIndex(steps, 14)).toBe(1);
    expect(nearestIndex(steps, 16)).toBe(2);
    expect(nearestIndex(steps, 100)).toBe(3);
    expect(nearestIndex([], 3)).toBe(-1);
  });
});
