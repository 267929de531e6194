import { describe, expect, it } from 'vitest';
import { detectDegenerateComponents } from '../../../src/core/em/degenerate';
import { fitGaussianMixtureEM, logLikelihood, type GaussianMixture } from '../../../src/core/em/gmm';
import { reseedComponents } from '../../../src/core/em/gmmGuard';
import { makeDataset } from '../../../src/core/data/toy2d';
import { createRng } from '../../../src/core/random';

describe('degenerate-component detection', () => {
  // 60 points in a blob plus one far outlier: a component started on the outlier owns it alone
  const n = 61;
  const x = new Float64Array(2 * n);
  x.set(makeDataset('blobs', 60, createRng(1), 0.3));
  x[120] = 8;
  x[121] = 8;
  const init: GaussianMixture = {
    k: 2,
    d: 2,
    weights: Float64Array.from([0.5, 0.5]),
    means: Float64Array.from([0, 0, 8, 8]),
    covariances: Float64Array.from([1, 0, 0, 1, 1, 0, 0, 1]),
  };

  it('fires on a component that collapses onto one point, and says why', () => {
    const fit = fitGaussianMixtureEM(x, n, 2, 2, { init, maxSteps: 50, tol: 0 });
    const flags = detectDegenerateComponents(fit.model, n);
    expect(flags.map((f) => f.component)).toEqual([1]);
    expect(flags[0].reason).toBe('few-points');
    expect(flags[0].effectivePoints).toBeCloseTo(1, 3);
    expect(flags[0].explanation).toMatch(/unbounded/);
    // the collapse inflates the per-point log-likelihood; the floor keeps it finite
    expect(Number.isFinite(fit.logLik[fit.steps])).toBe(true);
    expect(fit.logLik[fit.steps]).toBeGreaterThan(fit.logLik[0] + 5);
  });

  it('flags a nearly singular covariance with enough points', () => {
    const m: GaussianMixture = { ...init, covariances: Float64Array.from([1, 0, 0, 1, 1, 0, 0, 1e-6]) };
    const flags = detectDegenerateComponents(m, 100);
    expect(flags).toHaveLength(1);
    expect(flags[0].reason).toBe('singular-covariance');
  });

  it('stays silent on a healthy fit', () => {
    const data = makeDataset('blobs', 300, createRng(2), 0.3);
    const fit = fitGaussianMixtureEM(data, 300, 2, 3, { seed: 3, maxSteps: 300 });
    expect(detectDegenerateComponents(fit.model, 300)).toEqual([]);
  });

  it('the guard moves the collapsed component back among the data and removes the flag', () => {
    const fit = fitGaussianMixtureEM(x, n, 2, 2, { init, maxSteps: 50, tol: 0 });
    const fixed = reseedComponents(x, n, fit.model, [1], createRng(4));
    expect(fixed.weights[0] + fixed.weights[1]).toBeCloseTo(1, 12);
    expect(Array.from(fixed.means.slice(0, 2))).toEqual(Array.from(fit.model.means.slice(0, 2)));
    expect(detectDegenerateComponents(fixed, n)).toEqual([]);
    expect(Number.isFinite(logLikelihood(x, n, fixed))).toBe(true);
  });
});
