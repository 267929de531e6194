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
    // the example's first coordinate has variance 2 > 1, so both reverse variances are too small
    expect(c.varRatioT10Beta).toBeLessThan(1);
    expect(c.varRatioT10Beta).toBeLessThan(c.varRatioT100Beta);
    expect(c.varRatioT100Beta).toBeLessThan(c.varRatioT1000Beta);
    expect(Math.abs(1 - c.varRatioT1000Beta)).toBeLessThan(0.005);
  });

  it('quote the clipped ten-step schedule, recomputed here from the formula β_t = lo + (hi − lo)(t − 1)/(T − 1)', () => {
    const c = chapter8Numbers();
    // Independent: the clip binds when 0.02 · 1000/T > 0.999, i.e. T < 20000/999.
    expect(c.clipLargestT).toBe(Math.ceil(20000 / 999) - 1);
    const lo = 1e-4 * 100;
    const hi = Math.min(0.02 * 100, 0.999);
    expect(c.t10BetaFirst).toBeCloseTo(lo, 12);
    expect(c.t10BetaLast).toBeCloseTo(hi, 12);
    expect(c.t10BetaUnclipped).toBeCloseTo(2, 12);
    let alphaBar = 1;
    for (let t = 1; t <= 10; t++) alphaBar *= 1 - (lo + ((hi - lo) * (t - 1)) / 9);
    expect(c.t10AlphaBar / alphaBar).toBeCloseTo(1, 10);
  });
});
