import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import {
  correlatedGaussian,
  meanFieldKl,
  meanFieldOptimum,
  meanFieldVarianceRatio,
  precisionOf,
  runGaussianCavi,
  updateFactor,
} from '../../../../src/core/vi/cavi/gaussian2d';

describe('CAVI on a bivariate Gaussian', () => {
  it('the ELBO never decreases, over many random targets and starts', () => {
    const rng = createRng(1);
    for (let trial = 0; trial < 200; trial++) {
      const p = correlatedGaussian(2 * rng.uniform() - 1, 0.2 + 2 * rng.uniform(), 0.2 + 2 * rng.uniform(), [rng.normal(), rng.normal()]);
      const { elbo } = runGaussianCavi(p, { m: [5 * rng.normal(), 5 * rng.normal()], v: [0.1 + rng.uniform(), 0.1 + rng.uniform()] }, 30);
      for (let s = 1; s < elbo.length; s++) expect(elbo[s]).toBeGreaterThanOrEqual(elbo[s - 1] - 1e-12);
    }
  });

  it('converges to the closed-form fixed point: means = target mean, variances = 1/Λ_jj', () => {
    const p = correlatedGaussian(0.8, 1.5, 0.7, [1, -2]);
    const [l11, , l22] = precisionOf(p);
    const { q } = runGaussianCavi(p, { m: [-3, 4], v: [1, 1] }, 400);
    expect(q.m[0]).toBeCloseTo(1, 9);
    expect(q.m[1]).toBeCloseTo(-2, 9);
    expect(q.v[0]).toBeCloseTo(1 / l11, 12);
    expect(q.v[1]).toBeCloseTo(1 / l22, 12);
    const opt = meanFieldOptimum(p);
    expect(opt.v[0]).toBeCloseTo(1.5 ** 2 * (1 - 0.64), 12);
    expect(meanFieldVarianceRatio(p)).toBeCloseTo(1 - 0.64, 12);
    // the second coordinate too, from σ₂ = 0.7 (not from the code's precision)
    expect(q.v[1]).toBeCloseTo(0.7 ** 2 * (1 - 0.64), 12);
    expect(opt.v[1]).toBeCloseTo(0.7 ** 2 * (1 - 0.64), 12);
    // Λ = Σ⁻¹ entry by entry: 1/(σ₁²(1 − ρ²)), −ρ/(σ₁σ₂(1 − ρ²)), 1/(σ₂²(1 − ρ²))
    expect(l11).toBeCloseTo(1 / (1.5 ** 2 * 0.36), 12);
    expect(precisionOf(p)[1]).toBeCloseTo(-0.8 / (1.5 * 0.7 * 0.36), 12);
    expect(l22).toBeCloseTo(1 / (0.7 ** 2 * 0.36), 12);
  });

  it('each update is the exact coordinate-wise maximizer of the ELBO (perturbations lower it)', () => {
    const p = correlatedGaussian(-0.6, 1, 2, [0.5, 0.5]);
    const q = updateFactor({ m: [2, -1], v: [0.5, 3] }, p, 1);
    // independently: the update is p's conditional z₂ | z₁ = m₁, mean μ₂ + ρ (σ₂/σ₁)(m₁ − μ₁), variance σ₂²(1 − ρ²)
    expect(q.m[1]).toBeCloseTo(0.5 + -0.6 * (2 / 1) * (2 - 0.5), 12);
    expect(q.v[1]).toBeCloseTo(4 * (1 - 0.36), 12);
    expect(q.m[0]).toBe(2);
    expect(q.v[0]).toBe(0.5);
    const best = -meanFieldKl(q, p);
    for (const [dm, dv] of [[1e-3, 0], [-1e-3, 0], [0, 1e-3], [0, -1e-3]]) {
      const moved = { m: [q.m[0], q.m[1] + dm] as [number, number], v: [q.v[0], q.v[1] + dv] as [number, number] };
      expect(-meanFieldKl(moved, p)).toBeLessThan(best);
    }
  });

  it('KL matches a brute-force grid integral', () => {
    const p = correlatedGaussian(0.5, 1, 1);
    const q = { m: [0.3, -0.2] as [number, number], v: [0.6, 0.9] as [number, number] };
    // p's density written from ρ = 0.5, unit variances: quadratic form (a² − 2ρab + b²)/(1 − ρ²), not the code's Λ
    const logDet = Math.log(1 - 0.25);
    let kl = 0;
    const h = 0.02;
    for (let a = -8; a <= 8; a += h) {
      for (let b = -8; b <= 8; b += h) {
        const lq = -Math.log(2 * Math.PI) - 0.5 * Math.log(q.v[0] * q.v[1]) - 0.5 * ((a - q.m[0]) ** 2 / q.v[0] + (b - q.m[1]) ** 2 / q.v[1]);
        const lp = -Math.log(2 * Math.PI) - 0.5 * logDet - (0.5 * (a * a - 2 * 0.5 * a * b + b * b)) / (1 - 0.25);
        kl += Math.exp(lq) * (lq - lp) * h * h;
      }
    }
    expect(meanFieldKl(q, p)).toBeCloseTo(kl, 5);
  });
});
