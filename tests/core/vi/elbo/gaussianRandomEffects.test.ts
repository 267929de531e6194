import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import {
  elbo,
  exactMle,
  exactPosterior,
  gaussianKl,
  klToPosterior,
  logMarginalLikelihood,
  logNormalDensity,
  sampleRandomEffects,
} from '../../../../src/core/vi/elbo/gaussianRandomEffects';

describe('Gaussian random-effects model', () => {
  it('ELBO + KL(q ‖ posterior) = log p(x) to 1e-9 for random q, θ and data (several seeds)', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const rng = createRng(seed);
      const sigma2 = 0.3 + 2 * rng.uniform();
      const theta = { mu: 2 * rng.normal(), tau2: 0.1 + 3 * rng.uniform() };
      const x = sampleRandomEffects(25, { mu: 0, tau2: 1 }, sigma2, rng);
      const m = Float64Array.from(x, () => 3 * rng.normal());
      const v = Float64Array.from(x, () => 0.01 + 4 * rng.uniform());
      const q = { m, v };
      const lhs = elbo(x, q, theta, sigma2) + klToPosterior(x, q, theta, sigma2);
      expect(Math.abs(lhs - logMarginalLikelihood(x, theta, sigma2))).toBeLessThan(1e-9);
      expect(klToPosterior(x, q, theta, sigma2)).toBeGreaterThan(0);
    }
  });

  it('the ELBO equals log p(x) exactly at the exact posterior and is lower elsewhere', () => {
    const rng = createRng(3);
    const x = sampleRandomEffects(10, { mu: 1, tau2: 2 }, 1, rng);
    const theta = { mu: 0.5, tau2: 1.5 };
    const post = exactPosterior(x, theta, 1);
    expect(elbo(x, post, theta, 1)).toBeCloseTo(logMarginalLikelihood(x, theta, 1), 10);
    const moved = { m: post.m.map((m) => m + 0.1), v: post.v };
    expect(elbo(x, moved, theta, 1)).toBeLessThan(logMarginalLikelihood(x, theta, 1));
  });

  it('the posterior matches Bayes by brute-force quadrature for one observation', () => {
    const theta = { mu: 0.7, tau2: 0.8 };
    const sigma2 = 1.3;
    const xi = 2.1;
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    const h = 1e-3;
    for (let z = -15; z <= 15; z += h) {
      const w = Math.exp(logNormalDensity(z, theta.mu, theta.tau2) + logNormalDensity(xi, z, sigma2)) * h;
      z0 += w;
      z1 += w * z;
      z2 += w * z * z;
    }
    const post = exactPosterior([xi], theta, sigma2);
    expect(Math.log(z0)).toBeCloseTo(logMarginalLikelihood([xi], theta, sigma2), 8);
    expect(z1 / z0).toBeCloseTo(post.m[0], 8);
    expect(z2 / z0 - (z1 / z0) ** 2).toBeCloseTo(post.v[0], 8);
  });

  it('Gaussian KL is zero at equality and matches a quadrature', () => {
    expect(gaussianKl(1, 2, 1, 2)).toBe(0);
    let kl = 0;
    const h = 1e-3;
    for (let z = -20; z <= 20; z += h) {
      const lq = logNormalDensity(z, 0.3, 0.5);
      kl += Math.exp(lq) * (lq - logNormalDensity(z, -1, 2)) * h;
    }
    expect(gaussianKl(0.3, 0.5, -1, 2)).toBeCloseTo(kl, 8);
  });

  it('the closed-form MLE is a stationary point of log p(x)', () => {
    const x = sampleRandomEffects(60, { mu: 0, tau2: 2 }, 1, createRng(11));
    const mle = exactMle(x, 1);
    const f = (mu: number, tau2: number) => logMarginalLikelihood(x, { mu, tau2 }, 1);
    const h = 1e-5;
    expect(Math.abs((f(mle.mu + h, mle.tau2) - f(mle.mu - h, mle.tau2)) / (2 * h))).toBeLessThan(1e-5);
    expect(Math.abs((f(mle.mu, mle.tau2 + h) - f(mle.mu, mle.tau2 - h)) / (2 * h))).toBeLessThan(1e-5);
    expect(f(mle.mu, mle.tau2)).toBeGreaterThan(f(mle.mu, mle.tau2 * 1.1));
  });
});
