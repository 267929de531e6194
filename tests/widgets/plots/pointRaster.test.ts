import { describe, expect, it } from 'vitest';
import { discBounds, rasterizeDiscs } from '../../../src/widgets/plots/pointRaster';

const at = (r: { x: number; y: number; width: number; data: Uint8ClampedArray }, x: number, y: number) => {
  const p = 4 * ((y - r.y) * r.width + (x - r.x));
  return Array.from(r.data.slice(p, p + 4));
};

describe('rasterizeDiscs', () => {
  it('fills a disc of the given radius: opaque inside, transparent outside, area ≈ πr²', () => {
    const r = rasterizeDiscs({ centers: [20, 20], r: 5, rgb: [255, 0, 0], alpha: 1 }, 64, 64)!;
    expect(at(r, 20, 20)).toEqual([255, 0, 0, 255]);
    expect(at(r, 20, 25)[3]).toBe(0); // pixel centre 5.5 from the centre
    let covered = 0;
    for (let k = 3; k < r.data.length; k += 4) covered += r.data[k] / 255;
    expect(covered).toBeGreaterThan(Math.PI * 25 * 0.9);
    expect(covered).toBeLessThan(Math.PI * 36);
  });
  it('blends later discs over earlier ones with source-over alpha', () => {
    const r = rasterizeDiscs({ centers: [10, 10, 10, 10], r: 4, rgb: [0, 0, 255, 255, 255, 0], alpha: 0.5 }, 32, 32)!;
    const [red, green, blue, a] = at(r, 10, 10);
    // Two 50% layers: α = 0.75; colour = (0.5·yellow + 0.25·blue) / 0.75.
    expect(a).toBeCloseTo(191, -1);
    expect(red).toBeCloseTo(170, -1);
    expect(green).toBeCloseTo(170, -1);
    expect(blue).toBeCloseTo(85, -1);
  });
  it('uses one colour for all discs when given three bytes, and skips non-finite centres', () => {
    const r = rasterizeDiscs({ centers: [5, 5, NaN, 3, 15, 5], r: 2, rgb: [1, 2, 3], alpha: 1 }, 32, 32)!;
    expect(at(r, 5, 5)).toEqual([1, 2, 3, 255]);
    expect(at(r, 15, 5)).toEqual([1, 2, 3, 255]);
  });
  it('is clipped to the buffer and null when nothing falls inside', () => {
    expect(discBounds({ centers: [-50, -50], r: 3, rgb: [0, 0, 0], alpha: 1 }, 10, 10)).toBeNull();
    const box = discBounds({ centers: [0, 9], r: 3, rgb: [0, 0, 0], alpha: 1 }, 10, 10)!;
    expect(box).toEqual({ x: 0, y: 5, width: 4, height: 5 });
  });
});
