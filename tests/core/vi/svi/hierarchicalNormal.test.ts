import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import {
  defaultSviData,
  fullBatchOptimum,
  marginalLogLikelihood,
  minibatchStatistics,
  simulateHierarchicalNormal,
  startSvi,
  sviFinalError,
  sviStep,
  thetaFromStatistics,
  SVI_INIT,
  type HierarchicalNormalData,
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
    // ρ_t = (τ₀ + t)^(−κ), at points where τ₀ ≠ 1 and t ≠ 0 tell it from (1 + t/τ₀)^(−κ) or t^(−κ)
    expect(robbinsMonroStep(5, 10, 0.7)).toBeCloseTo(15 ** -0.7, 15);
    expect(robbinsMonroStep(3, 1, 1)).toBeCloseTo(0.25, 15);
    expect(totalStepLength(3, 2, 1)).toBeCloseTo(1 / 2 + 1 / 3 + 1 / 4, 15);
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

/**
 * Chapter 5's derivation: in the expectation coordinates u = (E z, E z²) of the latent distribution
 * N(μ, τ²), the SVI step u ← u + ρ(û_B − u) is exactly a natural-gradient step
 * u ← u + ρ G(u)⁻¹ ∇_u ℓ̂_B(u), with G the Fisher metric of N(μ, τ²) and ℓ̂_B the minibatch's average
 * marginal log-likelihood. Checked here with independent pieces: the Fisher information of N(μ, τ²)
 * in (μ, τ²), carried to u by the Jacobian, and finite differences of the marginal log-likelihood.
 */
/** Average marginal log-likelihood of the batch as a function of the expectation coordinates u. */
function batchLogLik(data: HierarchicalNormalData, batch: number[], u: [number, number]): number {
  const sub = { x: Float64Array.from(batch, (i) => data.x[i]), sigma: data.sigma };
  const theta = { mu: u[0], tau2: u[1] - u[0] * u[0] };
  return marginalLogLikelihood(sub, theta) / batch.length;
}

/** G(u)⁻¹ ∇_u ℓ̂_B(u): the Fisher metric of N(μ, τ²) in u-coordinates, gradient by central differences. */
function naturalGradient(data: HierarchicalNormalData, batch: number[], u: [number, number]): [number, number] {
  const h = 1e-5;
  const g0 = (batchLogLik(data, batch, [u[0] + h, u[1]]) - batchLogLik(data, batch, [u[0] - h, u[1]])) / (2 * h);
  const g1 = (batchLogLik(data, batch, [u[0], u[1] + h]) - batchLogLik(data, batch, [u[0], u[1] - h])) / (2 * h);
  const mu = u[0];
  const tau2 = u[1] - mu * mu;
  // θ = (μ, τ²) = (u₁, u₂ − u₁²): Jacobian J = dθ/du; G(u) = Jᵀ diag(1/τ², 1/(2τ⁴)) J.
  const J = [1, 0, -2 * mu, 1];
  const I = [1 / tau2, 1 / (2 * tau2 * tau2)];
  const G = [
    J[0] * I[0] * J[0] + J[2] * I[1] * J[2],
    J[0] * I[0] * J[1] + J[2] * I[1] * J[3],
    J[1] * I[0] * J[0] + J[3] * I[1] * J[2],
    J[1] * I[0] * J[1] + J[3] * I[1] * J[3],
  ];
  const det = G[0] * G[3] - G[1] * G[2];
  return [(G[3] * g0 - G[1] * g1) / det, (-G[2] * g0 + G[0] * g1) / det];
}

describe('the SVI step is a natural-gradient step (chapter 5)', () => {
  const data = simulateHierarchicalNormal(300, { mu: 1, tau2: 4 }, 1, createRng(5));

  it('û_B − u equals G(u)⁻¹ ∇_u ℓ̂_B at several parameters and minibatches', () => {
    const rng = createRng(9);
    for (const theta of [{ mu: -3, tau2: 0.25 }, { mu: 0.5, tau2: 2 }, { mu: 2, tau2: 9 }]) {
      for (let rep = 0; rep < 3; rep++) {
        const batch = Array.from({ length: 10 }, () => rng.int(data.x.length));
        const u: [number, number] = [theta.mu, theta.tau2 + theta.mu * theta.mu];
        const hat = minibatchStatistics(data, thetaFromStatistics(u), batch);
        const nat = naturalGradient(data, batch, u);
        for (let k = 0; k < 2; k++) expect(hat[k] - u[k]).toBeCloseTo(nat[k], 4);
      }
    }
  });

  it("sviStep moves its statistics by exactly ρ_t times that natural gradient", () => {
    const run = startSvi({ mu: -3, tau2: 0.25 });
    const seed = 21;
    const replay = createRng(seed); // sviStep draws its batch first, with rng.int, batchSize times
    const rng = createRng(seed);
    for (let step = 0; step < 5; step++) {
      const u: [number, number] = [...run.stats];
      const batch = Array.from({ length: 8 }, () => replay.int(data.x.length));
      const rho = robbinsMonroStep(run.t, 10, 0.7);
      expect(rho).toBeCloseTo((10 + step) ** -0.7, 15); // the step counter starts at 0 and counts steps
      const nat = naturalGradient(data, batch, u);
      sviStep(run, data, 8, 10, 0.7, rng);
      for (let k = 0; k < 2; k++) expect(run.stats[k] - u[k]).toBeCloseTo(rho * nat[k], 4);
    }
  });
});
