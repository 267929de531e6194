import { describe, expect, it } from 'vitest';
import { forwardStep, marginalMoments, noisyFromClean, reverseConditional, reverseConditionalMean } from '../../../src/core/diffusion/forward';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { createRng } from '../../../src/core/random';

describe('forward process', () => {
  it('iterating q(x_t | x_{t−1}) reproduces the closed-form marginal q(x_t | x_0) (Monte Carlo)', () => {
    const rng = createRng(1);
    for (const kind of ['linear', 'cosine'] as const) {
      const s = makeSchedule(kind, 100);
      const n = 20000;
      const x0 = [1.5, -2];
      let x: Float64Array = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) x.set(x0, 2 * i);
      for (let t = 1; t <= 60; t++) {
        x = forwardStep(s, t, x, rng);
        if (t % 20 !== 0) continue;
        const { meanCoef, variance } = marginalMoments(s, t);
        for (let j = 0; j < 2; j++) {
          let m = 0;
          let v = 0;
          for (let i = 0; i < n; i++) m += x[2 * i + j] / n;
          for (let i = 0; i < n; i++) v += (x[2 * i + j] - m) ** 2 / (n - 1);
          // standard errors: sd/√n for the mean, var·√(2/(n−1)) for the variance
          expect(Math.abs(m - meanCoef * x0[j])).toBeLessThan(4 * Math.sqrt(variance / n));
          expect(Math.abs(v - variance)).toBeLessThan(4 * variance * Math.sqrt(2 / (n - 1)));
        }
      }
    }
  });

  it('noisyFromClean is √ᾱ_t x_0 + √(1−ᾱ_t) ε', () => {
    const s = makeSchedule('linear', 10);
    const xt = noisyFromClean(s, 4, [2], [0.5]);
    expect(xt[0]).toBeCloseTo(Math.sqrt(s.alphaBar[4]) * 2 + Math.sqrt(1 - s.alphaBar[4]) * 0.5, 14);
  });

  it("the reverse conditional q(x_{t−1} | x_t, x_0) matches Bayes' rule on a 1-D grid", () => {
    for (const kind of ['linear', 'cosine'] as const) {
      const s = makeSchedule(kind, 100);
      for (const [t, x0, xt] of [
        [2, 0.7, 0.9],
        [30, -1.2, 0.4],
        [99, 2, -1.5],
      ]) {
        // p(x_{t−1} | x_t, x_0) ∝ q(x_{t−1} | x_0) q(x_t | x_{t−1}), normalized numerically
        const m1 = Math.sqrt(s.alphaBar[t - 1]) * x0;
        const v1 = 1 - s.alphaBar[t - 1];
        const a = Math.sqrt(s.alpha[t]);
        const v2 = s.beta[t];
        const lo = -8;
        const hi = 8;
        const N = 400001;
        const h = (hi - lo) / (N - 1);
        let z = 0;
        let m = 0;
        let mm = 0;
        for (let k = 0; k < N; k++) {
          const y = lo + k * h;
          const w = Math.exp(-((y - m1) ** 2) / (2 * v1) - (xt - a * y) ** 2 / (2 * v2));
          z += w;
          m += w * y;
          mm += w * y * y;
        }
        m /= z;
        const variance = mm / z - m * m;
        const rc = reverseConditional(s, t);
        expect(reverseConditionalMean(s, t, [x0], [xt])[0]).toBeCloseTo(m, 6);
        expect(rc.variance / variance).toBeCloseTo(1, 4);
      }
    }
  });

  it('at t = 1 the reverse conditional is the point x_0 (β̃_1 = 0)', () => {
    const s = makeSchedule('linear', 100);
    const rc = reverseConditional(s, 1);
    expect(rc.variance).toBe(0);
    expect(rc.coefX0).toBeCloseTo(1, 14);
    expect(rc.coefXt).toBe(0);
  });
});
