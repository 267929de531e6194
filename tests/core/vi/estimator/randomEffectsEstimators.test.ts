import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import { elbo, logMarginalLikelihood } from '../../../../src/core/vi/elbo/gaussianRandomEffects';
import { runVariationalEm, variationalEStep } from '../../../../src/core/vi/elbo/variationalEm';
import {
  fitWithStandardErrors,
  groupDerivatives,
  groupMeanMoments,
  sampleGroupMeans,
  variationalTau2,
  type Design,
} from '../../../../src/core/vi/estimator/randomEffectsEstimators';

const designs: Design[] = [
  { J: 1, sigma2: 1, c: 0.25 },
  { J: 1, sigma2: 1, c: 1 },
  { J: 10, sigma2: 1, c: 0.25 },
  { J: 50, sigma2: 2, c: 3 },
];

describe('closed-form fixed points of EM and variational EM with J observations per group', () => {
  it("equal chapter 3's own EM and variational EM iterations run on the group means (σ² → σ²/J, v₀ = c σ²/J)", () => {
    for (const [r, d] of designs.entries()) {
      const a = d.sigma2 / d.J;
      const xbar = sampleGroupMeans(200, 0.3, 1.2, d, createRng(10 + r));
      const { s2 } = groupMeanMoments(xbar);
      const vem = fitWithStandardErrors('variational', xbar, d);
      const mle = fitWithStandardErrors('mle', xbar, d);
      // variational EM from above the largest fixed point (τ² = s² + v₀) converges to it
      const run = runVariationalEm(xbar, { mu: 0, tau2: s2 + d.c * a }, a, { family: 'fixed-variance', fixedVariance: d.c * a });
      expect(run.theta.tau2).toBeCloseTo(vem.tau2, 8);
      expect(run.theta.mu).toBeCloseTo(vem.mu, 10);
      const exact = runVariationalEm(xbar, { mu: 0, tau2: 1 }, a, { family: 'gaussian', fixedVariance: 0 });
      expect(exact.theta.tau2).toBeCloseTo(mle.tau2, 8);
      expect(mle.mu).toBeCloseTo(exact.theta.mu, 10);
    }
  });

  it('τ̃² is the largest root of (t − v₀)(t + a)² = s² t²', () => {
    for (const [s2, a, v0] of [[2, 1, 0.25], [5, 1, 0.1], [0.5, 0.2, 0.05], [1.3, 0.01, 0.03], [4.2, 1, 0.02]]) {
      const t = variationalTau2(s2, a, v0);
      const g = (u: number) => (u - v0) * (u + a) ** 2 - s2 * u * u;
      expect(Math.abs(g(t))).toBeLessThan(1e-10 * Math.max(1, s2 ** 3));
      for (let k = 1; k <= 400; k++) expect(g(t + (k / 400) * (s2 + v0 - t) + 1e-9)).toBeGreaterThan(0);
    }
  });

  it('the profiled ELBO and log-likelihood have the per-group scores and Hessians the sandwich uses (central differences of independent code)', () => {
    const d = designs[2];
    const a = d.sigma2 / d.J;
    const v0 = d.c * a;
    const xbar = sampleGroupMeans(50, 0, 1, d, createRng(3));
    // profiled ELBO: chapter 3's term-by-term ELBO at the E-step's q
    const profiled = (mu: number, t: number) => elbo(xbar, variationalEStep(xbar, { mu, tau2: t }, a, { family: 'fixed-variance', fixedVariance: v0 }), { mu, tau2: t }, a);
    const loglik = (mu: number, t: number) => logMarginalLikelihood(xbar, { mu, tau2: t }, a);
    const [mu, t, h] = [0.1, 0.8, 1e-4];
    for (const [kind, f] of [['variational', profiled], ['mle', loglik]] as const) {
      let [gm, gt, hmm, hmt, htt] = [0, 0, 0, 0, 0];
      for (const x of xbar) {
        const dd = groupDerivatives(kind, x - mu, t, a, v0);
        gm += dd.score[0];
        gt += dd.score[1];
        hmm += dd.negHessian[0];
        hmt += dd.negHessian[1];
        htt += dd.negHessian[2];
      }
      const fdGm = (f(mu + h, t) - f(mu - h, t)) / (2 * h);
      const fdGt = (f(mu, t + h) - f(mu, t - h)) / (2 * h);
      const fdHmm = -(f(mu + h, t) - 2 * f(mu, t) + f(mu - h, t)) / (h * h);
      const fdHtt = -(f(mu, t + h) - 2 * f(mu, t) + f(mu, t - h)) / (h * h);
      const fdHmt = -(f(mu + h, t + h) - f(mu + h, t - h) - f(mu - h, t + h) + f(mu - h, t - h)) / (4 * h * h);
      expect(gm).toBeCloseTo(fdGm, 5);
      expect(gt).toBeCloseTo(fdGt, 5);
      expect(hmm).toBeCloseTo(fdHmm, 3);
      expect(hmt).toBeCloseTo(fdHmt, 3);
      expect(htt).toBeCloseTo(fdHtt, 3);
    }
  });

  it('the naive SE is never above the curvature SE (the Schur complement), for both estimators', () => {
    for (const [r, d] of designs.entries()) {
      const xbar = sampleGroupMeans(300, 0, 1, d, createRng(40 + r));
      for (const kind of ['mle', 'variational'] as const) {
        const f = fitWithStandardErrors(kind, xbar, d);
        expect(f.naive[0]).toBeLessThanOrEqual(f.curvature[0] * (1 + 1e-9));
        expect(f.naive[1]).toBeLessThanOrEqual(f.curvature[1] * (1 + 1e-9));
      }
    }
  });
});
