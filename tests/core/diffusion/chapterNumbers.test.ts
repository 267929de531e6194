import { describe, expect, it } from 'vitest';
import { chapter8Numbers } from '../../../src/core/diffusion/chapterNumbers';

describe('chapter 8 numbers', () => {
  it('tell the story the prose tells: ᾱ_T ≈ 0, cosine keeps more signal half-way, the sampler bias shrinks with T', () => {
    const c = chapter8Numbers();
    expect(c.alphaBarTLinear).toBeLessThan(1e-3);
    expect(c.alphaBarTCosine).toBeLessThan(1e-3);
    expect(c.halfwaySignalCosine).toBeGreaterThan(c.halfwaySignalLinear);
    expect(c.weightRatio).toBeGreaterThan(1);
    expect(c.varRatioT10Tilde).toBeLessThan(c.varRatioT10Beta);
    expect(c.varRatioT10Beta).toBeLessThan(c.varRatioT100Beta);
    expect(c.varRatioT100Beta).toBeLessThan(c.varRatioT1000Beta);
    expect(Math.abs(1 - c.varRatioT1000Beta)).toBeLessThan(0.005);
  });
});
