import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import {
  defaultSviData,
  fullBatchOptimum,
  marginalLogLikelihood,
  minibatchStatistics,
  startSvi,
  sviFinalError,
  sviStep,
  thetaFromStatistics,
  SVI_INIT,
} from '../../../../src/core/vi/svi/hierarchicalNormal';
import { isRobbinsMonro, robbinsMonroStep, totalStepLength } from '../../../../src/core/vi/svi/stepSizes';

describe('the hierarchical normal model', () => {
  it('the closed-form optimum maximizes the marginal likelihood (no better point nearby)', () => {
    const data = defaultSviData(3);
    const opt = fullBatchOptimum(data);
    const best = marginalLogLikelihood(data, opt);
    for (const [dm, dt] of [[0.01, 0], [-0.01, 0], [0, 0.02], [0, -0.02]]) {
      expect(marginalLogLikelihood(data, { mu: opt.mu + dm, tau2: opt.tau2 + dt })).toBeLessThan(best);
    }
  });

  it('full-batch EM (batch = all data, ρ = 1) converges to the closed-form optimum', () => {
    const data = defaultSviData(4);
    const opt = fullBatchOptimum(data);
    const all = Uint32Array.from({ length: data.x.length }, (_, i) => i);
    let theta = SVI_INIT;
    for (let t = 0; t < 500; t++) theta = thetaFromStatistics(minibatchStatistics(data, theta, all));
    expect(theta.mu).toBeCloseTo(opt.mu, 6);
    expect(theta.tau2).toBeCloseTo(opt.tau2, 5);
  });
});

describe('Robbins–Monro step sizes', () => {
  it('accept exactly κ ∈ (1/2, 1]', () => {
    expect(isRobbinsMonro(0.5)).toBe(false);
    expect(isRobbinsMonro(0.51)).toBe(true);
    expect(isRobbinsMonro(1)).toBe(true);
    expect(isRobbinsMonro(1.01)).toBe(false);
    expect(robbinsMonroStep(0, 1, 0.7)).toBe(1);
  });

  it('for κ > 1 the total step length stays bounded; for κ ≤ 1 it keeps growing', () => {
    const grow = (k: number) => totalStepLength(40000, 1, k) - totalStepLength(10000, 1, k);
    expect(grow(1.5)).toBeLessThan(0.02);
    expect(grow(1)).toBeGreaterThan(1.3); // log 4
  });
});

describe('SVI', () => {
  it('with valid step sizes converges to the full-batch optimum, over 20 seeds', () => {
    for (const kappa of [0.6, 0.8, 1]) {
      for (const tau0 of [1, 10]) {
        for (let seed = 1; seed <= 20; seed++) {
          expect(sviFinalError(seed, 20000, 10, tau0, kappa)).toBeLessThan(0.06);
        }
      }
    }
  });

  it('with κ = 1.5 (Σρ_t < ∞) stalls far from the optimum', () => {
    for (let seed = 1; seed <= 5; seed++) expect(sviFinalError(seed, 20000, 10, 10, 1.5)).toBeGreaterThan(1);
  });

  it('the error after T steps shrinks as T grows (κ = 0.7)', () => {
    const avg = (T: number) => {
      let s = 0;
      for (let seed = 1; seed <= 10; seed++) s += sviFinalError(seed, T, 10, 10, 0.7);
      return s / 10;
    };
    expect(avg(20000)).toBeLessThan(0.6 * avg(2000));
  });

  it('keeps τ² positive even when a minibatch says otherwise', () => {
    const data = defaultSviData(5);
    const run = startSvi(SVI_INIT);
    const rng = createRng(1);
    for (let t = 0; t < 200; t++) {
      sviStep(run, data, 1, 1, 0.51, rng);
      expect(run.theta.tau2).toBeGreaterThan(0);
    }
  });
});
