import { describe, expect, it } from 'vitest';
import { alphaGradient, alphaObjective, newtonAlpha, stationaryStatistic } from '../../../src/core/lda/alpha';

describe('Newton–Raphson for the Dirichlet α', () => {
  it('recovers α from its own stationary statistic ψ(α_k) − ψ(Σα)', () => {
    const truth = Float64Array.from([0.05, 0.3, 1.2, 4]);
    const a = newtonAlpha(new Float64Array(4).fill(1), stationaryStatistic(truth));
    truth.forEach((t, k) => expect(a[k] / t).toBeCloseTo(1, 6));
  });
  it('ends at a zero of the gradient, every step raising the objective', () => {
    const s = [-2.5, -1.1, -3.9];
    let a: Float64Array = new Float64Array([2, 2, 2]);
    let f = alphaObjective(a, s);
    for (let i = 0; i < 30; i++) {
      const next = newtonAlpha(a, s, 1);
      const fn = alphaObjective(next, s);
      expect(fn).toBeGreaterThanOrEqual(f);
      a = next;
      f = fn;
    }
    for (const g of alphaGradient(a, s)) expect(Math.abs(g)).toBeLessThan(1e-8);
  });
  it('matches a finite-difference gradient', () => {
    const a = [0.7, 1.4];
    const s = [-1, -0.4];
    const h = 1e-6;
    const g = alphaGradient(a, s);
    expect(g[0]).toBeCloseTo((alphaObjective([a[0] + h, a[1]], s) - alphaObjective([a[0] - h, a[1]], s)) / (2 * h), 6);
  });
});
