import { describe, expect, it } from 'vitest';
import { hardLabels, mixedColors, squareDomain } from '../../../src/widgets/cavi-gmm/logic';
import { categoryColor, hexToRgb } from '../../../src/widgets/plots/palette';

describe('cavi-gmm widget logic', () => {
  it('hard labels are the argmax of φ', () => {
    expect(Array.from(hardLabels([0.2, 0.7, 0.1, 0.5, 0.1, 0.4], 2, 3))).toEqual([1, 0]);
  });
  it('a point with one-hot φ gets exactly its category colour; a split point lies between', () => {
    const c = mixedColors([1, 0, 0.5, 0.5], 2, 2);
    const d = mixedColors([0, 1], 1, 2);
    // the palette's colours, read independently of the blend
    const rgb = (k: number) => hexToRgb(categoryColor(k)).map((v) => v / 255);
    expect(Array.from(c.slice(0, 3))).toEqual(rgb(0));
    expect(Array.from(d)).toEqual(rgb(1));
    expect(rgb(0)).not.toEqual(rgb(1));
    for (let j = 0; j < 3; j++) expect(c[3 + j]).toBeCloseTo((rgb(0)[j] + rgb(1)[j]) / 2, 12);
  });
  it('the square domain covers every coordinate with margin', () => {
    const [lo, hi] = squareDomain([0, 1, -2, 3]);
    expect(lo).toBeLessThan(-2);
    expect(hi).toBeGreaterThan(3);
  });
});
