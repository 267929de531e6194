import { describe, expect, it } from 'vitest';
import { logNormal1d } from '../../../../src/core/math/gaussian';
import { createRng } from '../../../../src/core/random';
import { chapter3Numbers } from '../../../../src/core/vi/elbo/chapterNumbers';
import { logMarginalLikelihood, sampleRandomEffects } from '../../../../src/core/vi/elbo/gaussianRandomEffects';
import { variationalTau2 } from '../../../../src/core/vi/estimator/randomEffectsEstimators';

// chapter 3's example: the 'variational-em' demo's default data set (n = 40, σ² = 1, θ* = (0, 1), seed 1)
const SIGMA2 = 1;
const x = sampleRandomEffects(40, { mu: 0, tau2: 1 }, SIGMA2, createRng(1));
const mean = x.reduce((a, b) => a + b, 0) / x.length;
const s2 = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;

describe('chapter 3 numbers', () => {
  it('tell the story the prose tells: a too-narrow q shrinks τ², a too-wide q inflates it', () => {
    const n = chapter3Numbers();
    expect(n.variationalTau2Narrow).toBeLessThan(n.mleTau2);
    expect(n.variationalTau2Wide).toBeGreaterThan(n.mleTau2);
    expect(n.logLikGapNarrow).toBeGreaterThan(0);
  });

  it('the MLE of τ² maximizes the log-likelihood: zero central-difference slope, lower on both sides', () => {
    const n = chapter3Numbers();
    const ll = (t: number) => logMarginalLikelihood(x, { mu: mean, tau2: t }, SIGMA2);
    const h = 1e-5;
    expect(Math.abs((ll(n.mleTau2 + h) - ll(n.mleTau2 - h)) / (2 * h))).toBeLessThan(1e-6);
    expect(ll(n.mleTau2)).toBeGreaterThan(ll(n.mleTau2 * 0.9));
    expect(ll(n.mleTau2)).toBeGreaterThan(ll(n.mleTau2 * 1.1));
  });

  it("the variational estimates are chapter 9's closed-form fixed points (largest root of (t − v₀)(t + σ²)² = s²t²), not the iterations' own values", () => {
    const n = chapter3Numbers();
    expect(n.variationalTau2Narrow).toBeCloseTo(variationalTau2(s2, SIGMA2, 0.25), 6);
    expect(n.variationalTau2Wide).toBeCloseTo(variationalTau2(s2, SIGMA2, 1), 6);
    // the log-likelihood gap is ℓ(θ̂) − ℓ(θ̃), each ℓ at its own μ (x̄ for both)
    const ll = (t: number) => logMarginalLikelihood(x, { mu: mean, tau2: t }, SIGMA2);
    expect(n.logLikGapNarrow).toBeCloseTo(ll(s2 - SIGMA2) - ll(variationalTau2(s2, SIGMA2, 0.25)), 6);
  });

  it("the posterior variance at the MLE is Var(z | x) by quadrature of p(z) p(x₁ | z) (the E-step's target)", () => {
    const n = chapter3Numbers();
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    for (let k = -40_000; k <= 40_000; k++) {
      const z = mean + k * 2.5e-4;
      const w = Math.exp(logNormal1d(z, mean, n.mleTau2) + logNormal1d(x[0], z, SIGMA2));
      w0 += w;
      w1 += w * z;
      w2 += w * z * z;
    }
    const m = w1 / w0;
    expect(n.posteriorVarAtMle).toBeCloseTo(w2 / w0 - m * m, 8);
  });

  it('over 200 data sets the exact MLE is nearly unbiased and the variational one (v₀ = 0.25) is far below, near its limit 0.432', () => {
    const n = chapter3Numbers();
    // E τ̂² = (n − 1)/n · 2 − 1 = 0.95 (the clamp at 0 is rare); Monte Carlo sd over 200 sets ≈ √(8/40)/√200 = 0.032
    expect(Math.abs(n.meanExactTau2 - 0.95)).toBeLessThan(4 * 0.032);
    // chapter 9's large-n limit at c = 0.25; at n = 40 the sets' own s² scatter around 1.95 (measured: mean 0.452, Monte Carlo sd about 0.015)
    const limit = variationalTau2(2, SIGMA2, 0.25);
    expect(limit).toBeCloseTo(0.432, 3);
    expect(Math.abs(n.meanVariationalTau2 - limit)).toBeLessThan(0.06);
  });
});
