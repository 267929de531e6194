import { describe, expect, it } from 'vitest';
import { elboTerms, klIsotropicGaussians, negativeElboByTrajectories } from '../../../src/core/diffusion/elbo';
import { type EpsPredictor, elboWeight, meanFromEps, reverseVariance, x0FromEps } from '../../../src/core/diffusion/epsilon';
import { noisyFromClean, reverseConditional, reverseConditionalMean } from '../../../src/core/diffusion/forward';
import { gaussianNoisePredictor } from '../../../src/core/diffusion/gaussianOracle';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { createRng } from '../../../src/core/random';

const m = [0.5, -1];
const S = [1.5, 0.4, 0.4, 0.6];

function data(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = new Float64Array(2 * n);
  const l00 = Math.sqrt(S[0]);
  const l10 = S[1] / l00;
  const l11 = Math.sqrt(S[3] - l10 * l10);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    x[2 * i] = m[0] + l00 * a;
    x[2 * i + 1] = m[1] + l10 * a + l11 * b;
  }
  return x;
}

function meanAndSe(v: Float64Array): { avg: number; se: number } {
  const n = v.length;
  const avg = v.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - avg) ** 2, 0) / (n - 1));
  return { avg, se: sd / Math.sqrt(n) };
}

describe('ε-parameterization', () => {
  it('with the true noise, μ_θ equals μ̃_t and x̂_0 equals x_0', () => {
    const s = makeSchedule('cosine', 50);
    const x0 = [0.3, -1.1];
    const eps = [0.8, 0.2];
    const xt = noisyFromClean(s, 17, x0, eps);
    const mu = meanFromEps(s, 17, xt, eps);
    const muTilde = reverseConditionalMean(s, 17, x0, xt);
    const back = x0FromEps(s, 17, xt, eps);
    for (let j = 0; j < 2; j++) {
      expect(mu[j]).toBeCloseTo(muTilde[j], 12);
      expect(back[j]).toBeCloseTo(x0[j], 12);
    }
  });

  it('L_{t−1} = λ_t ‖ε − ε̂‖² + a θ-free constant (the weighting the simplified loss drops)', () => {
    const s = makeSchedule('linear', 100);
    const t = 40;
    const x0 = [0.3, -1.1];
    const eps = [0.8, 0.2];
    const xt = noisyFromClean(s, t, x0, eps);
    const muTilde = reverseConditionalMean(s, t, x0, xt);
    const vTilde = reverseConditional(s, t).variance;
    for (const choice of ['beta', 'betaTilde'] as const) {
      const v = reverseVariance(s, t, choice);
      const constant = klIsotropicGaussians(muTilde, vTilde, muTilde, v, 2);
      const epsHat = [0.1, 0.9];
      const kl = klIsotropicGaussians(muTilde, vTilde, meanFromEps(s, t, xt, epsHat), v, 2);
      const sq = (eps[0] - epsHat[0]) ** 2 + (eps[1] - epsHat[1]) ** 2;
      expect(kl).toBeCloseTo(constant + elboWeight(s, t, choice) * sq, 10);
    }
  });
});

describe('Gaussian KL', () => {
  it('matches numerical integration in 1-D', () => {
    const [m1, v1, m2, v2] = [0.3, 0.5, -0.4, 1.7];
    let kl = 0;
    const h = 1e-3;
    for (let x = -12; x <= 12; x += h) {
      const lp = -0.5 * Math.log(2 * Math.PI * v1) - (x - m1) ** 2 / (2 * v1);
      const lq = -0.5 * Math.log(2 * Math.PI * v2) - (x - m2) ** 2 / (2 * v2);
      kl += Math.exp(lp) * (lp - lq) * h;
    }
    expect(klIsotropicGaussians([m1], v1, [m2], v2, 1)).toBeCloseTo(kl, 6);
  });
});

describe('ELBO split', () => {
  it('L_T + Σ L_{t−1} + L_0 equals the trajectory estimate of −ELBO, for the exact and for a poor model', async () => {
    const s = makeSchedule('linear', 20);
    const n = 20000;
    const x0 = data(n, 5);
    const exact = gaussianNoisePredictor(m, S, 2, s);
    const poor: EpsPredictor = (xt, t, rows) => {
      const e = exact(xt, t, rows) as Float64Array;
      return e.map((v) => 0.7 * v + 0.1);
    };
    for (const predict of [exact, poor]) {
      for (const choice of ['beta', 'betaTilde'] as const) {
        const split = await elboTerms(predict, s, x0, n, 2, createRng(11), choice);
        let sum = split.priorTerm;
        for (const v of split.terms) sum += v;
        expect(split.negativeElbo).toBeCloseTo(sum, 10);
        const traj = meanAndSe(await negativeElboByTrajectories(predict, s, x0, n, 2, createRng(12), choice));
        expect(Math.abs(split.negativeElbo - traj.avg)).toBeLessThan(4 * traj.se + 0.01);
      }
    }
  });

  it('−ELBO bounds −log-likelihood from above; the poor model has a larger −ELBO', async () => {
    const s = makeSchedule('linear', 50);
    const n = 20000;
    const x0 = data(n, 8);
    // E[−log N(x_0; m, S)] = ½ log det(2πe S)
    const entropy = 0.5 * Math.log((2 * Math.PI * Math.E) ** 2 * (S[0] * S[3] - S[1] * S[2]));
    const exact = gaussianNoisePredictor(m, S, 2, s);
    const good = await elboTerms(exact, s, x0, n, 2, createRng(1), 'beta');
    const bad = await elboTerms((xt, t, r) => (exact(xt, t, r) as Float64Array).map((v) => 0.8 * v), s, x0, n, 2, createRng(1), 'beta');
    expect(good.negativeElbo).toBeGreaterThan(entropy - 0.03);
    expect(bad.negativeElbo).toBeGreaterThan(good.negativeElbo + 0.05);
    expect(good.priorTerm).toBeGreaterThan(0);
    expect(good.simpleLoss.every((v) => v > 0 && v < 1.01)).toBe(true);
  });
});
