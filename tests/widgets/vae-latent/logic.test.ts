import { describe, expect, it } from 'vitest';
import { labelColors, nearestIndex, segment } from '../../../src/widgets/vae-latent/logic';
import { decodeMeanImage } from '../../../src/core/vae/decodeJs';

describe('vae-latent logic', () => {
  it('finds the nearest encoded digit', () => {
    const means = Float32Array.of(0, 0, 2, 2, -1, 3);
    expect(nearestIndex(means, 1.8, 1.7)).toBe(1);
    expect(nearestIndex(means, -0.9, 2.5)).toBe(2);
  });

  it('interpolates with both ends included', () => {
    const s = segment([0, 0], [1, -2], 3);
    expect(Array.from(s)).toEqual([0, 0, 0.5, -1, 1, -2]);
  });

  it('gives each of the ten labels its own colour', () => {
    const c = labelColors(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const keys = new Set<string>();
    for (let i = 0; i < 10; i++) keys.add(Array.from(c.subarray(3 * i, 3 * i + 3)).join(','));
    expect(keys.size).toBe(10);
  });

  it('the in-page decoder matches a hand computation', () => {
    // L = 1, H = 2, D = 2: h = relu(z W3 + b3), out = sigmoid(h W4 + b4)
    const w = { latent: 1, hidden: 2, inputDim: 2, W3: Float32Array.of(1, -1), b3: Float32Array.of(0, 0.5), W4: Float32Array.of(1, 2, 3, 4), b4: Float32Array.of(0, -1) };
    const out = decodeMeanImage(w, [2]);
    // h = (2, relu(-1.5)) = (2, 0); logits = (2, 4 - 1) = (2, 3)
    expect(out[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
    expect(out[1]).toBeCloseTo(1 / (1 + Math.exp(-3)), 6);
  });
});
