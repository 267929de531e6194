import { describe, expect, it } from 'vitest';
import { logSnrCurve, makeSchedule, snr } from '../../../src/core/diffusion/schedule';

describe('noise schedules', () => {
  for (const kind of ['linear', 'cosine'] as const) {
    it(`${kind}: ᾱ_t is the running product of α_t, strictly decreasing, nearly 0 at T`, () => {
      const s = makeSchedule(kind, 100);
      let prod = 1;
      for (let t = 1; t <= 100; t++) {
        prod *= 1 - s.beta[t];
        expect(s.alphaBar[t]).toBeCloseTo(prod, 12);
        expect(s.alphaBar[t]).toBeLessThan(s.alphaBar[t - 1]);
        expect(s.beta[t]).toBeGreaterThan(0);
        expect(s.beta[t]).toBeLessThan(1);
      }
      expect(s.alphaBar[100]).toBeLessThan(1e-3);
      const curve = logSnrCurve(s);
      for (let t = 1; t < 100; t++) expect(curve[t]).toBeLessThan(curve[t - 1]);
      expect(Math.exp(curve[9])).toBeCloseTo(snr(s, 10), 10);
    });
  }

  it('linear: β runs from 1e-4·1000/T to 0.02·1000/T', () => {
    const s = makeSchedule('linear', 100);
    expect(s.beta[1]).toBeCloseTo(1e-3, 12);
    expect(s.beta[100]).toBeCloseTo(0.2, 12);
  });

  it('cosine: ᾱ_t = f(t)/f(0) with f(t) = cos²(((t/T + s)/(1+s))·π/2) away from the clipped end', () => {
    const T = 50;
    const s = makeSchedule('cosine', T);
    const f = (t: number) => Math.cos(((t / T + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    for (const t of [1, 10, 25, 40, 48]) expect(s.alphaBar[t]).toBeCloseTo(f(t) / f(0), 10);
  });

  it('rejects a bad T or schedule name', () => {
    expect(() => makeSchedule('linear', 0)).toThrow();
    expect(() => makeSchedule('quadratic' as 'linear', 10)).toThrow();
  });
});
