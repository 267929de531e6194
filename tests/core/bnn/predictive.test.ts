import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { evaluateNet, functionDraws, mixtureCdf, mixtureLogDensity, mixtureQuantile, scoreMixture, scorePlugIn, Z90 } from '../../../src/core/bnn/predictive';
import type { NetValues } from '../../../src/core/bnn/network';

describe('mixture predictive', () => {
  it('one component: the normal quantiles and log density', () => {
    expect(mixtureQuantile([1.5], 2, 0.95)).toBeCloseTo(1.5 + 2 * Z90, 3);
    expect(mixtureQuantile([1.5], 2, 0.5)).toBeCloseTo(1.5, 3);
    expect(mixtureLogDensity([1.5], 2, 0.5)).toBeCloseTo(-0.5 * Math.log(2 * Math.PI * 4) - 1 / 8, 10);
  });

  it('the quantile inverts the CDF of a skewed two-component mixture', () => {
    const centres = [0, 0, 0, 3];
    for (const p of [0.05, 0.5, 0.9, 0.95]) expect(mixtureCdf(centres, 0.7, mixtureQuantile(centres, 0.7, p))).toBeCloseTo(p, 4);
  });

  it('coverage of the exact predictive is 90% within Monte Carlo error; a too-narrow one under-covers', () => {
    const rng = createRng(1);
    const n = 4000;
    const f = Float64Array.from({ length: n }, () => rng.normal());
    const y = f.map((v) => v + 0.3 * rng.normal());
    const exact = scorePlugIn(f, 0.3, y);
    expect(Math.abs(exact.coverage - 0.9)).toBeLessThan(3 * Math.sqrt(0.09 / n));
    expect(scorePlugIn(f, 0.15, y).coverage).toBeLessThan(0.65);
    // S identical draws = the plug-in predictive
    const S = 5;
    const draws = new Float64Array(S * n);
    for (let s = 0; s < S; s++) draws.set(f, s * n);
    const mix = scoreMixture(draws, S, 0.3, y);
    expect(mix.coverage).toBe(exact.coverage);
    expect(mix.lpd).toBeCloseTo(exact.lpd, 10);
    expect(mix.functionSd).toBeLessThan(1e-12);
  });
});

describe('network evaluation', () => {
  it('evaluateNet is tanh(x W1 + b1) W2 + b2 written out', () => {
    const net = { sizes: [1, 2, 1], layers: [{ w: Float64Array.of(0.5, -1), b: Float64Array.of(0.1, 0.2) }, { w: Float64Array.of(2, 3), b: Float64Array.of(-0.4) }] };
    const x = 0.7;
    const ref = 2 * Math.tanh(0.5 * x + 0.1) + 3 * Math.tanh(-x + 0.2) - 0.4;
    expect(evaluateNet(net, [x])[0]).toBeCloseTo(ref, 12);
  });

  it('draws of a linear q have mean m_w x + m_b and variance v_w x² + v_b', () => {
    const q: NetValues = { sizes: [1, 1], layers: [{ wMean: Float64Array.of(2), wSd: Float64Array.of(0.5), bMean: Float64Array.of(-1), bSd: Float64Array.of(0.2) }] };
    const S = 20000;
    const d = functionDraws(q, [1.5], S, createRng(3));
    const m = d.reduce((t, v) => t + v, 0) / S;
    const v = d.reduce((t, x) => t + (x - m) ** 2, 0) / (S - 1);
    const tv = 0.25 * 2.25 + 0.04;
    expect(Math.abs(m - 2)).toBeLessThan(4 * Math.sqrt(tv / S));
    expect(Math.abs(v / tv - 1)).toBeLessThan(0.05);
  });
});
