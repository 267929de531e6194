import { describe, expect, it } from 'vitest';
import { poolDigits, toIntensities } from '../../../src/core/diffusion/digits';

describe('digits for the diffusion model', () => {
  it('2×2 average pooling to 14×14, mapped to [−1, 1], and back to intensities', () => {
    const img = new Float32Array(784);
    img[0] = 1; // top-left block: (1 + 0 + 0 + 0)/4
    img[28 * 27 + 27] = 1;
    img[28 * 27 + 26] = 1;
    const x = poolDigits(img, 1);
    expect(x.length).toBe(196);
    expect(x[0]).toBeCloseTo(2 * 0.25 - 1, 6);
    expect(x[195]).toBeCloseTo(0, 6);
    expect(x[1]).toBe(-1);
    const back = toIntensities([x[0], 3, -3]);
    expect(back[0]).toBeCloseTo(0.25, 6);
    expect(back[1]).toBe(1);
    expect(back[2]).toBe(0);
  });
});
