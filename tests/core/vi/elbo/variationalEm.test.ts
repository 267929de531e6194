import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import {
  elbo,
  exactMle,
  logMarginalLikelihood,
  sampleRandomEffects,
  type GaussianFactors,
  type RandomEffectsTheta,
} from '../../../../src/core/vi/elbo/gaussianRandomEffects';
import {
  exactEmStep,
  runVariationalEm,
  varianceBias,
  variationalEStep,
  variationalMStep,
  type FamilySpec,
} from '../../../../src/core/vi/elbo/variationalEm';

const fixed = (v: number): FamilySpec => ({ family: 'fixed-variance', fixedVariance: v });
const free: FamilySpec = { family: 'gaussian', fixedVariance: 1 };

describe('variational EM', () => {
  it('the ELBO never decreases across E- and M-steps (both families, many seeds)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed);
      const sigma2 = 0.5 + rng.uniform();
      const x = sampleRandomEffects(30, { mu: rng.normal(), tau2: 0.2 + 2 * rng.uniform() }, sigma2, rng);
      for (const spec of [free, fixed(0.01 + rng.uniform())]) {
        let theta: RandomEffectsTheta = { mu: 3 * rng.normal(), tau2: 0.05 + 5 * rng.uniform() };
        let q: GaussianFactors = { m: new Float64Array(30), v: new Float64Array(30).fill(spec.family === 'gaussian' ? 1 : spec.fixedVariance) };
        let last = elbo(x, q, theta, sigma2);
        for (let it = 0; it < 40; it++) {
          q = variationalEStep(x, theta, sigma2, spec);
          const afterE = elbo(x, q, theta, sigma2);
          expect(afterE).toBeGreaterThanOrEqual(last - 1e-9);
          theta = variationalMStep(q);
          const afterM = elbo(x, q, theta, sigma2);
          expect(afterM).toBeGreaterThanOrEqual(afterE - 1e-9);
          last = afterM;
        }
      }
    }
  });

  it('the E-step maximizes the ELBO within its family (perturbations lower it)', () => {
    const x = sampleRandomEffects(15, { mu: 0, tau2: 1 }, 1, createRng(5));
    const theta = { mu: 0.3, tau2: 0.7 };
    for (const spec of [free, fixed(0.2)]) {
      const q = variationalEStep(x, theta, 1, spec);
      const best = elbo(x, q, theta, 1);
      for (const dm of [-1e-3, 1e-3]) {
        expect(elbo(x, { m: q.m.map((m) => m + dm), v: q.v }, theta, 1)).toBeLessThan(best);
      }
      if (spec.family === 'gaussian') {
        for (const dv of [-1e-3, 1e-3]) expect(elbo(x, { m: q.m, v: q.v.map((v) => v + dv) }, theta, 1)).toBeLessThan(best);
      }
    }
  });

  it('with the unrestricted family it follows exact EM: same θ path to 1e-9', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rng = createRng(100 + seed);
      const x = sampleRandomEffects(40, { mu: 1, tau2: 1.5 }, 0.8, rng);
      let a: RandomEffectsTheta = { mu: -2, tau2: 4 };
      let b = a;
      for (let it = 0; it < 50; it++) {
        a = variationalMStep(variationalEStep(x, a, 0.8, free));
        b = exactEmStep(x, b, 0.8);
        expect(Math.abs(a.mu - b.mu)).toBeLessThan(1e-9);
        expect(Math.abs(a.tau2 - b.tau2)).toBeLessThan(1e-9);
      }
    }
  });

  it('exact EM converges to the closed-form MLE; the fixed-variance family does not', () => {
    const x = sampleRandomEffects(80, { mu: 0, tau2: 1 }, 1, createRng(7));
    const mle = exactMle(x, 1);
    const exact = runVariationalEm(x, { mu: 2, tau2: 3 }, 1, free);
    expect(exact.theta.mu).toBeCloseTo(mle.mu, 6);
    expect(exact.theta.tau2).toBeCloseTo(mle.tau2, 5);
    expect(exact.elbo).toBeCloseTo(logMarginalLikelihood(x, mle, 1), 6);
    const { variational, bias } = varianceBias(x, 1, 0.02);
    expect(variational.mu).toBeCloseTo(mle.mu, 8);
    expect(Math.abs(bias)).toBeGreaterThan(0.05);
  });

  it('the variational fixed point solves τ² = τ⁴ s²/(τ² + σ²)² + v₀ and is below the likelihood optimum', () => {
    const x = sampleRandomEffects(100, { mu: 0, tau2: 1.2 }, 1, createRng(9));
    const mle = exactMle(x, 1);
    const s2 = mle.tau2 + 1;
    for (const v0 of [0.01, 0.1, 0.4]) {
      const { variational } = varianceBias(x, 1, v0);
      const t = variational.tau2;
      expect(t).toBeCloseTo((t * t * s2) / (t + 1) ** 2 + v0, 8);
      expect(logMarginalLikelihood(x, variational, 1)).toBeLessThan(logMarginalLikelihood(x, mle, 1));
    }
  });
});
