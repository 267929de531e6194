import { describe, expect, it } from 'vitest';
import { componentEllipses, phaseLabel, responsibilityColors, squareDomain } from '../../../src/widgets/em-gmm/logic';
import { categoryColor, hexToRgb } from '../../../src/widgets/plots/palette';

describe('em-gmm widget logic', () => {
  it('a one-hot responsibility gives the component colour; a 50/50 point lies halfway', () => {
    const c = responsibilityColors([1, 0, 0, 1, 0.5, 0.5], 3, 2);
    const rgb = (k: number) => hexToRgb(categoryColor(k)).map((v) => v / 255);
    for (let j = 0; j < 3; j++) {
      expect(c[j]).toBeCloseTo(rgb(0)[j], 6);
      expect(c[3 + j]).toBeCloseTo(rgb(1)[j], 6);
      expect(c[6 + j]).toBeCloseTo((rgb(0)[j] + rgb(1)[j]) / 2, 6);
    }
    expect(Array.from(c.slice(0, 3))).not.toEqual(Array.from(c.slice(3, 6)));
  });

  it('covers points with a square domain', () => {
    const [lo, hi] = squareDomain([0, 5, -4, 1], 1);
    expect(lo).toBeLessThan(-4);
    expect(hi).toBeGreaterThan(5);
  });

  it('draws degenerate components dashed and filled, skips non-finite ones', () => {
    const e = componentEllipses([0, 0, 1, 1, NaN, 0], [1, 0, 0, 1, 1e-4, 0, 0, 1e-4, 1, 0, 0, 1], 3, { degenerate: [0, 1, 0] });
    expect(e).toHaveLength(2);
    expect(e[0].dashed).toBe(false);
    expect(e[1].dashed).toBe(true);
    expect(e[1].fillAlpha).toBeGreaterThan(0);
  });

  it('labels the phases', () => {
    expect(phaseLabel('M', 3)).toMatch(/M-step of iteration 3/);
    expect(phaseLabel('E', 3)).toMatch(/E-step/);
    expect(phaseLabel('init', 0)).toMatch(/k-means\+\+/);
  });
});

describe('traceToHistory', () => {
  it('turns per-step arrays into chart rows, clamping for a log axis when asked', async () => {
    const { traceToHistory } = await import('../../../src/widgets/em-gmm/logic');
    expect(traceToHistory({ a: [1, 2], b: [0, -1] })).toEqual([
      { step: 1, metrics: { a: 1, b: 0 } },
      { step: 2, metrics: { a: 2, b: -1 } },
    ]);
    expect(traceToHistory({ a: [0, 1e-20, 3] }, 1e-16).map((h) => h.metrics.a)).toEqual([1e-16, 1e-16, 3]);
  });
});
