import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { exactMoments, unnormalizedLogDensity, type GaussianInformationTarget } from '../../../src/core/mcmc/gaussianTarget';
import { gibbsSweep } from '../../../src/core/mcmc/gibbs';
import { initMetropolis, metropolisStep } from '../../../src/core/mcmc/metropolis';
import { batchMeansStandardError, RunningMoments } from '../../../src/core/mcmc/moments';

// Σ = [[1, .6, .3], [.6, 2, .5], [.3, .5, 1.5]], mean (1, −1, 0.5): Λ = Σ⁻¹, b = Λ mean.
const cov = [1, 0.6, 0.3, 0.6, 2, 0.5, 0.3, 0.5, 1.5];
const mu = [1, -1, 0.5];
function target(): GaussianInformationTarget {
  // invert Σ by cofactors (independent of the library's LU inverse)
  const [a, b, c, , e, f, , , i] = cov;
  const A = e * i - f * f;
  const B = -(b * i - c * f);
  const C = b * f - c * e;
  const E = a * i - c * c;
  const F = -(a * f - b * c);
  const I = a * e - b * b;
  const det = a * A + b * B + c * C;
  const precision = Float64Array.from([A, B, C, B, E, F, C, F, I].map((v) => v / det));
  const shift = new Float64Array(3);
  for (let r = 0; r < 3; r++) for (let k = 0; k < 3; k++) shift[r] += precision[r * 3 + k] * mu[k];
  return { d: 3, precision, shift };
}

/** Checks the chain's mean and variance of every coordinate against the truth within 5 MC standard errors. */
function checkChain(samples: Float64Array[], sd: number[]): void {
  for (let j = 0; j < 3; j++) {
    const xs = samples.map((z) => z[j]);
    const sq = samples.map((z) => (z[j] - mu[j]) ** 2);
    const m = xs.reduce((s, v) => s + v, 0) / xs.length;
    const v = sq.reduce((s, t) => s + t, 0) / sq.length;
    expect(Math.abs(m - mu[j])).toBeLessThan(5 * batchMeansStandardError(xs));
    expect(Math.abs(v - cov[4 * j])).toBeLessThan(5 * batchMeansStandardError(sq));
    expect(Math.abs(m - mu[j])).toBeLessThan(0.1 * sd[j]); // and the test has power
  }
}

describe('MCMC samplers on a Gaussian with known moments', () => {
  it('exactMoments recovers the mean and covariance', () => {
    const { mean, cov: c } = exactMoments(target());
    mu.forEach((v, j) => expect(mean[j]).toBeCloseTo(v, 12));
    cov.forEach((v, j) => expect(c[j]).toBeCloseTo(v, 12));
  });

  it('Gibbs: stationary mean and variance within Monte Carlo error', () => {
    const t = target();
    const rng = createRng(1);
    const z = new Float64Array(3);
    for (let s = 0; s < 500; s++) gibbsSweep(t, z, rng);
    const samples: Float64Array[] = [];
    for (let s = 0; s < 40_000; s++) {
      gibbsSweep(t, z, rng);
      samples.push(Float64Array.from(z));
    }
    checkChain(samples, [1, Math.SQRT2, Math.sqrt(1.5)]);
  });

  it('random-walk Metropolis: stationary mean and variance within Monte Carlo error', () => {
    const t = target();
    const rng = createRng(2);
    const logp = (z: Float64Array) => unnormalizedLogDensity(t, z);
    const state = initMetropolis([0, 0, 0], logp);
    const scale = [0.9, 1.2, 1];
    for (let s = 0; s < 2000; s++) metropolisStep(state, logp, scale, rng);
    const samples: Float64Array[] = [];
    for (let s = 0; s < 150_000; s++) {
      metropolisStep(state, logp, scale, rng);
      samples.push(state.z);
    }
    const rate = state.accepted / state.proposed;
    expect(rate).toBeGreaterThan(0.15);
    expect(rate).toBeLessThan(0.7);
    checkChain(samples, [1, Math.SQRT2, Math.sqrt(1.5)]);
  });

  it('a wrong sampler (conditional variance doubled) is caught by the same check', () => {
    const t = target();
    const rng = createRng(3);
    const z = new Float64Array(3);
    const wide: GaussianInformationTarget = { d: 3, precision: t.precision.map((v) => v / 2), shift: t.shift.map((v) => v / 2) };
    const samples: Float64Array[] = [];
    for (let s = 0; s < 20_000; s++) {
      gibbsSweep(wide, z, rng);
      samples.push(Float64Array.from(z));
    }
    expect(() => checkChain(samples, [1, Math.SQRT2, Math.sqrt(1.5)])).toThrow();
  });

  it('batch means SE ≈ sd/√n for iid draws and RunningMoments matches two-pass moments', () => {
    const rng = createRng(5);
    const xs = Array.from({ length: 30_000 }, () => 2 * rng.normal());
    const se = batchMeansStandardError(xs);
    expect(se / (2 / Math.sqrt(30_000))).toBeGreaterThan(0.6);
    expect(se / (2 / Math.sqrt(30_000))).toBeLessThan(1.4);
    const rm = new RunningMoments(1);
    xs.slice(0, 100).forEach((x) => rm.push([x]));
    const m = xs.slice(0, 100).reduce((s, v) => s + v, 0) / 100;
    const v = xs.slice(0, 100).reduce((s, x) => s + (x - m) ** 2, 0) / 99;
    expect(rm.mean[0]).toBeCloseTo(m, 12);
    expect(rm.variance()[0]).toBeCloseTo(v, 12);
  });
});
