import { describe, expect, it } from 'vitest';
import { gaussianNoisePredictor, gaussianReverseVariance, gaussianSamplerMoments } from '../../../src/core/diffusion/gaussianOracle';
import { reverseVariance } from '../../../src/core/diffusion/epsilon';
import { noisyFromClean } from '../../../src/core/diffusion/forward';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { ancestralSample } from '../../../src/core/diffusion/sampler';
import { cholesky, inverse } from '../../../src/core/math/linalg';
import { covariance, mean } from '../../../src/core/math/stats';
import { createRng } from '../../../src/core/random';

const m = [1, -0.5];
const S = [2, 0.6, 0.6, 0.5];

/** n draws of N(m, S) in 2-D via the Cholesky factor. */
function gaussianData(n: number, seed: number): Float64Array {
  const L = cholesky(S, 2)!;
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const z0 = rng.normal();
    const z1 = rng.normal();
    x[2 * i] = m[0] + L[0] * z0;
    x[2 * i + 1] = m[1] + L[2] * z0 + L[3] * z1;
  }
  return x;
}

describe('exact noise predictor of Gaussian data', () => {
  it('attains the Bayes risk tr(I − (1−ᾱ_t) Σ_t⁻¹) of the simplified loss (Monte Carlo)', async () => {
    const s = makeSchedule('linear', 100);
    const predict = gaussianNoisePredictor(m, S, 2, s);
    const n = 40000;
    const x0 = gaussianData(n, 3);
    const rng = createRng(4);
    for (const t of [5, 40, 90]) {
      const eps = Float64Array.from({ length: 2 * n }, () => rng.normal());
      const xt = noisyFromClean(s, t, x0, eps);
      const hat = await predict(xt, t, n);
      const perRow = new Float64Array(n);
      for (let i = 0; i < n; i++) perRow[i] = (eps[2 * i] - hat[2 * i]) ** 2 + (eps[2 * i + 1] - hat[2 * i + 1]) ** 2;
      const avg = perRow.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(perRow.reduce((a, b) => a + (b - avg) ** 2, 0) / (n - 1));
      const ab = s.alphaBar[t];
      const cov = S.map((v) => ab * v);
      cov[0] += 1 - ab;
      cov[3] += 1 - ab;
      const inv = inverse(cov, 2);
      const risk = 2 - (1 - ab) * (inv[0] + inv[3]);
      expect(Math.abs(avg - risk)).toBeLessThan(4 * (sd / Math.sqrt(n)));
      // and a perturbed predictor does worse: the exact one is the minimizer
      let worse = 0;
      for (let i = 0; i < 2 * n; i++) worse += (eps[i] - 1.1 * hat[i]) ** 2;
      expect(worse / n).toBeGreaterThan(avg);
    }
  });

  it('drives the ancestral sampler to N(m, S): sample moments match the exact chain moments, which approach (m, S) as T grows', async () => {
    for (const variance of ['beta', 'betaTilde'] as const) {
      const s = makeSchedule('linear', 100);
      const n = 20000;
      const { samples } = await ancestralSample(gaussianNoisePredictor(m, S, 2, s), s, n, 2, createRng(7), { variance });
      const exact = gaussianSamplerMoments(m, S, 2, s, variance);
      const sm = mean(samples, n, 2);
      const sc = covariance(samples, n, 2);
      for (let j = 0; j < 2; j++) expect(Math.abs(sm[j] - exact.mean[j])).toBeLessThan(4 * Math.sqrt(exact.cov[3 * j] / n));
      for (let k = 0; k < 4; k++) {
        const i = k >> 1;
        const j = k & 1;
        const se = Math.sqrt((exact.cov[3 * i] * exact.cov[3 * j] + exact.cov[k] ** 2) / n);
        expect(Math.abs(sc[k] - exact.cov[k])).toBeLessThan(4 * se);
      }
    }
    // discretization error of the chain itself: within 1% of S at T = 1000 (σ_t² = β_t)
    const fine = gaussianSamplerMoments(m, S, 2, makeSchedule('linear', 1000), 'beta');
    for (let j = 0; j < 2; j++) expect(fine.mean[j]).toBeCloseTo(m[j], 3);
    for (let k = 0; k < 4; k++) expect(Math.abs(fine.cov[k] - S[k])).toBeLessThan(0.01 * Math.abs(S[k]) + 1e-3);
    // and a coarse chain with σ_t² = β̃_t visibly shrinks the variance: the check can fail
    const coarse = gaussianSamplerMoments(m, S, 2, makeSchedule('linear', 10), 'betaTilde');
    expect(coarse.cov[0]).toBeLessThan(0.8 * S[0]);
  });

  it('records the tracked rows’ paths from x_T to x_0', async () => {
    const s = makeSchedule('cosine', 20);
    const res = await ancestralSample(gaussianNoisePredictor(m, S, 2, s), s, 10, 2, createRng(2), {
      variance: 'beta',
      trackRows: [3],
      keepAll: true,
    });
    expect(res.paths[0].length).toBe(21 * 2);
    expect(res.paths[0][40]).toBe(res.samples[6]);
    expect(res.states![20][6]).toBe(res.paths[0][0]);
  });
});

describe('the true reverse variance of Gaussian data (chapter 8, the bracketing correction)', () => {
  it('equals β_t V_{t−1}/V_t and the residual variance of x_{t−1} regressed on x_t in simulation', () => {
    const s = makeSchedule('linear', 10);
    const rng = createRng(11);
    const n = 200000;
    for (const v of [0.25, 2]) {
      for (const t of [2, 5, 10]) {
        const exact = gaussianReverseVariance(v, s, t);
        const Vprev = s.alphaBar[t - 1] * v + 1 - s.alphaBar[t - 1];
        const Vcur = s.alphaBar[t] * v + 1 - s.alphaBar[t];
        expect(exact).toBeCloseTo((s.beta[t] * Vprev) / Vcur, 12);
        // Simulate x_{t−1} from its marginal and x_t by one forward step; least-squares residual variance.
        let sxx = 0, sxy = 0, syy = 0;
        for (let i = 0; i < n; i++) {
          const prev = Math.sqrt(Vprev) * rng.normal();
          const cur = Math.sqrt(s.alpha[t]) * prev + Math.sqrt(s.beta[t]) * rng.normal();
          sxx += cur * cur;
          sxy += cur * prev;
          syy += prev * prev;
        }
        const residual = (syy - (sxy * sxy) / sxx) / n;
        // sd of a variance estimate from n Gaussian residuals is about var·√(2/n)
        expect(Math.abs(residual - exact)).toBeLessThan(4 * exact * Math.sqrt(2 / n));
      }
    }
  });

  it('is never below β̃_t, is above β_t exactly when the data variance exceeds 1 (both schedules, every t ≥ 2)', () => {
    for (const kind of ['linear', 'cosine'] as const) {
      for (const T of [10, 100]) {
        const s = makeSchedule(kind, T);
        for (let t = 2; t <= T; t++) {
          for (const v of [0, 0.3, 1, 2, 5]) {
            const truth = gaussianReverseVariance(v, s, t);
            expect(truth).toBeGreaterThanOrEqual(reverseVariance(s, t, 'betaTilde') * (1 - 1e-12));
            if (v === 0) expect(truth).toBeCloseTo(reverseVariance(s, t, 'betaTilde'), 12);
            if (v === 1) expect(truth).toBeCloseTo(s.beta[t], 12);
            if (v > 1) expect(truth).toBeGreaterThan(s.beta[t]);
            if (v < 1) expect(truth).toBeLessThan(s.beta[t]);
          }
        }
      }
    }
  });

  it('rejects a t outside the chain and a negative variance', () => {
    const s = makeSchedule('linear', 10);
    expect(() => gaussianReverseVariance(1, s, 0)).toThrow(/t must be/);
    expect(() => gaussianReverseVariance(-1, s, 3)).toThrow(/variance/);
  });
});

