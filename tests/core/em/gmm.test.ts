import { describe, expect, it } from 'vitest';
import { DATASET_NAMES, makeDataset } from '../../../src/core/data/toy2d';
import {
  COVARIANCE_FLOOR,
  covariancePenalty,
  eStep,
  fitGaussianMixtureEM,
  initKMeansPlusPlus,
  logLikelihood,
  mStep,
  penalizedLogLikelihood,
  type GaussianMixture,
} from '../../../src/core/em/gmm';
import { logNormal2d } from '../../../src/core/math/gaussian';
import { createRng } from '../../../src/core/random';

describe('float64 GMM EM', () => {
  it('log-likelihood equals a direct 2-D density sum; responsibilities sum to one', () => {
    const x = makeDataset('blobs', 60, createRng(1));
    const m = initKMeansPlusPlus(x, 60, 2, 3, createRng(2));
    m.weights.set([0.2, 0.3, 0.5]);
    let direct = 0;
    for (let i = 0; i < 60; i++) {
      let p = 0;
      for (let c = 0; c < 3; c++) {
        const s = m.covariances.subarray(4 * c);
        p += m.weights[c] * Math.exp(logNormal2d(x[2 * i], x[2 * i + 1], m.means[2 * c], m.means[2 * c + 1], s[0], s[1], s[3]));
      }
      direct += Math.log(p);
    }
    expect(logLikelihood(x, 60, m)).toBeCloseTo(direct, 9);
    const { resp, logLik } = eStep(x, 60, m);
    expect(logLik).toBeCloseTo(direct, 9);
    for (let i = 0; i < 60; i++) expect(resp[3 * i] + resp[3 * i + 1] + resp[3 * i + 2]).toBeCloseTo(1, 12);
  });

  it('the M-step maximizes Q − penalty: random perturbations of its output never do better', () => {
    const n = 80;
    const x = makeDataset('moons', n, createRng(3));
    const { resp } = eStep(x, n, initKMeansPlusPlus(x, n, 2, 3, createRng(4)));
    const q = (m: GaussianMixture) => {
      // Q(θ) = Σ_i Σ_k r_ik (log π_k + log N(x_i | μ_k, Σ_k)), plus the covariance penalty
      let s = 0;
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < 3; c++) {
          const v = m.covariances.subarray(4 * c);
          s += resp[3 * i + c] * (Math.log(m.weights[c]) + logNormal2d(x[2 * i], x[2 * i + 1], m.means[2 * c], m.means[2 * c + 1], v[0], v[1], v[3]));
        }
      }
      return s + covariancePenalty(m);
    };
    const opt = mStep(x, n, 2, resp, 3);
    const qOpt = q(opt);
    const rng = createRng(5);
    for (let t = 0; t < 50; t++) {
      const p: GaussianMixture = { ...opt, weights: opt.weights.slice(), means: opt.means.slice(), covariances: opt.covariances.slice() };
      const eps = 0.02;
      for (let c = 0; c < 3; c++) {
        p.means[2 * c] += eps * rng.normal();
        p.means[2 * c + 1] += eps * rng.normal();
        p.covariances[4 * c] *= 1 + eps * rng.normal();
        p.covariances[4 * c + 3] *= 1 + eps * rng.normal();
        p.weights[c] *= Math.exp(eps * rng.normal());
      }
      const tot = p.weights.reduce((a, b) => a + b, 0);
      for (let c = 0; c < 3; c++) p.weights[c] /= tot;
      expect(q(p)).toBeLessThan(qOpt);
    }
  });

  it('EM never decreases its objective ℓ_ψ: 50 seeds × every dataset (1e-10 relative)', () => {
    let checked = 0;
    for (const name of DATASET_NAMES) {
      for (let seed = 0; seed < 50; seed++) {
        const n = 120;
        const x = makeDataset(name, n, createRng(1000 + seed));
        const k = 2 + (seed % 4);
        const fit = fitGaussianMixtureEM(x, n, 2, k, { seed, maxSteps: 40, tol: 0 });
        for (let t = 1; t < fit.objective.length; t++) {
          const prev = fit.objective[t - 1];
          expect(fit.objective[t]).toBeGreaterThanOrEqual(prev - 1e-10 * Math.abs(prev));
          checked++;
        }
      }
    }
    expect(checked).toBe(5 * 50 * 40);
  });

  it('at the EM fixed point the score equations hold (independent finite differences)', () => {
    const n = 300;
    const x = makeDataset('blobs', n, createRng(7), 0.35);
    const fit = fitGaussianMixtureEM(x, n, 2, 3, { seed: 8, maxSteps: 5000, tol: 1e-15 });
    const m = fit.model;
    const f = (mm: GaussianMixture) => penalizedLogLikelihood(x, n, mm);
    const h = 1e-5;
    const clone = () => ({ ...m, weights: m.weights.slice(), means: m.means.slice(), covariances: m.covariances.slice() });
    // ∂ℓ/∂μ_kj (the penalty does not involve μ)
    for (let idx = 0; idx < 6; idx++) {
      const a = clone();
      const b = clone();
      a.means[idx] += h;
      b.means[idx] -= h;
      const g = (f(a) - f(b)) / (2 * h);
      expect(Math.abs(g)).toBeLessThan(1e-4);
      // and the gradient is not trivially zero away from the fixed point
      const c = clone();
      c.means[idx] += 0.1;
      const d = clone();
      d.means[idx] += 0.1 - 2 * h;
      expect(Math.abs((f(c) - f(d)) / (2 * h))).toBeGreaterThan(1e-2);
    }
    // weights on the simplex: directional derivative along e_a − e_b vanishes
    for (const [ia, ib] of [[0, 1], [1, 2], [0, 2]]) {
      const a = clone();
      const b = clone();
      a.weights[ia] += h;
      a.weights[ib] -= h;
      b.weights[ia] -= h;
      b.weights[ib] += h;
      expect(Math.abs((f(a) - f(b)) / (2 * h))).toBeLessThan(1e-4);
    }
    // covariances: ∂ℓ_ψ/∂Σ_k = 0 for the diagonal entries
    for (const idx of [0, 3, 4, 7, 8, 11]) {
      const a = clone();
      const b = clone();
      a.covariances[idx] += h;
      b.covariances[idx] -= h;
      expect(Math.abs((f(a) - f(b)) / (2 * h))).toBeLessThan(1e-3);
    }
    expect(fit.converged).toBe(true);
  });

  it('recovers well-separated blobs: weights ≈ 1/3, a plain ℓ within the penalty of ℓ_ψ', () => {
    const n = 900;
    const x = makeDataset('blobs', n, createRng(9), 0.2);
    const fit = fitGaussianMixtureEM(x, n, 2, 3, { seed: 1, maxSteps: 500, tol: 1e-12 });
    for (const w of fit.model.weights) expect(Math.abs(w - 1 / 3)).toBeLessThan(0.06);
    // ℓ and ψ/2 Σ tr(Σ_k⁻¹) written out for 2×2 covariances, independently of gmm.ts's Cholesky code
    const m = fit.model;
    let ell = 0;
    for (let i = 0; i < n; i++) {
      let p = 0;
      for (let c = 0; c < 3; c++) {
        const [a, b, , d] = m.covariances.subarray(4 * c, 4 * c + 4);
        const det = a * d - b * b;
        const dx = x[2 * i] - m.means[2 * c];
        const dy = x[2 * i + 1] - m.means[2 * c + 1];
        const q = (d * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
        p += (m.weights[c] * Math.exp(-0.5 * q)) / (2 * Math.PI * Math.sqrt(det));
      }
      ell += Math.log(p);
    }
    let trace = 0;
    for (let c = 0; c < 3; c++) {
      const [a, b, , d] = m.covariances.subarray(4 * c, 4 * c + 4);
      trace += (a + d) / (a * d - b * b);
    }
    expect(fit.logLik[fit.steps]).toBeCloseTo(ell, 7);
    expect(covariancePenalty(m)).toBeCloseTo(-0.5 * COVARIANCE_FLOOR * trace, 12);
    expect(fit.objective[fit.steps]).toBeCloseTo(ell - 0.5 * COVARIANCE_FLOOR * trace, 7);
    expect(Math.abs(0.5 * COVARIANCE_FLOOR * trace)).toBeLessThan(COVARIANCE_FLOOR * 3 * 2 * 200);
    // the blob centres sit on an equilateral triangle: the fitted means do too (sides within 10%)
    const side = (i: number, j: number) => Math.hypot(m.means[2 * i] - m.means[2 * j], m.means[2 * i + 1] - m.means[2 * j + 1]);
    const sides = [side(0, 1), side(1, 2), side(0, 2)];
    expect(Math.max(...sides) / Math.min(...sides)).toBeLessThan(1.1);
  });
});
