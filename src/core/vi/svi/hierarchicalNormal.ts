/**
 * A local–global model with a closed-form optimum, for stochastic variational inference:
 *   z_n ~ N(μ, τ²),  x_n | z_n ~ N(z_n, σ²),  n = 1..N,   σ known, θ = (μ, τ²) unknown.
 * The exact posterior q*(z_n) = N(v (x_n/σ² + μ/τ²), v), v = (1/σ² + 1/τ²)⁻¹, makes the ELBO tight,
 * so the full-batch optimum of the ELBO is the MLE of the marginal x_n ~ N(μ, τ² + σ²):
 *   μ̂ = x̄,   τ̂² = max(0, S² − σ²),  S² = (1/N) Σ (x_n − x̄)².
 *
 * SVI here is the update of Hoffman et al. (2013) in its frequentist form (online EM, Cappé &
 * Moulines 2009): keep running averages u = (u₁, u₂) of the expected sufficient statistics
 * (z_n, z_n²), blend in a minibatch estimate with weight ρ_t,
 *   u ← (1 − ρ_t) u + ρ_t û_B,   û_B = (1/|B|) Σ_{n∈B} (E_q z_n, E_q z_n²),
 * and read off θ = (u₁, u₂ − u₁²). In these expectation coordinates the blend is exactly a
 * natural-gradient step of length ρ_t on the minibatch's average log-likelihood, with the Fisher
 * metric of N(μ, τ²) (chapter 5, tested in hierarchicalNormal.test.ts).
 */
import { createRng, type Rng } from '../../random';
import { robbinsMonroStep } from './stepSizes';

export interface HierarchicalNormalData {
  x: Float64Array;
  sigma: number;
}

export interface Theta {
  mu: number;
  tau2: number;
}

/** Smallest τ² the M-step returns, so the local posterior stays proper. */
const TAU2_FLOOR = 1e-6;

export function simulateHierarchicalNormal(n: number, truth: Theta, sigma: number, rng: Rng): HierarchicalNormalData {
  const x = new Float64Array(n);
  const tau = Math.sqrt(truth.tau2);
  for (let i = 0; i < n; i++) x[i] = truth.mu + tau * rng.normal() + sigma * rng.normal();
  return { x, sigma };
}

/** The full-batch ELBO optimum (= MLE), in closed form. */
export function fullBatchOptimum(data: HierarchicalNormalData): Theta {
  const n = data.x.length;
  let mean = 0;
  for (const v of data.x) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of data.x) ss += (v - mean) ** 2;
  return { mu: mean, tau2: Math.max(0, ss / n - data.sigma * data.sigma) };
}

/** Marginal log-likelihood Σ log N(x_n | μ, τ² + σ²) (= the ELBO at the exact local posteriors). */
export function marginalLogLikelihood(data: HierarchicalNormalData, theta: Theta): number {
  const v = theta.tau2 + data.sigma * data.sigma;
  let s = 0;
  for (const xn of data.x) s += -0.5 * (Math.log(2 * Math.PI * v) + ((xn - theta.mu) ** 2) / v);
  return s;
}

/** Minibatch expected statistics û_B under the exact local posteriors at θ. @param batch indices into x */
export function minibatchStatistics(data: HierarchicalNormalData, theta: Theta, batch: ArrayLike<number>): [number, number] {
  const s2 = data.sigma * data.sigma;
  const v = 1 / (1 / s2 + 1 / theta.tau2);
  let a = 0;
  let b = 0;
  for (let i = 0; i < batch.length; i++) {
    const m = v * (data.x[batch[i]] / s2 + theta.mu / theta.tau2);
    a += m;
    b += m * m + v;
  }
  return [a / batch.length, b / batch.length];
}

export function thetaFromStatistics(s: [number, number]): Theta {
  return { mu: s[0], tau2: Math.max(TAU2_FLOOR, s[1] - s[0] * s[0]) };
}

export interface SviRun {
  stats: [number, number];
  theta: Theta;
  t: number;
}

export function startSvi(init: Theta): SviRun {
  return { stats: [init.mu, init.tau2 + init.mu * init.mu], theta: { ...init }, t: 0 };
}

/** One SVI step with a minibatch of `batchSize` indices drawn uniformly (with replacement). Mutates `run`. */
export function sviStep(run: SviRun, data: HierarchicalNormalData, batchSize: number, tau0: number, kappa: number, rng: Rng): number {
  const batch = new Uint32Array(batchSize);
  for (let i = 0; i < batchSize; i++) batch[i] = rng.int(data.x.length);
  const hat = minibatchStatistics(data, run.theta, batch);
  const rho = robbinsMonroStep(run.t, tau0, kappa);
  run.stats = [(1 - rho) * run.stats[0] + rho * hat[0], (1 - rho) * run.stats[1] + rho * hat[1]];
  run.theta = thetaFromStatistics(run.stats);
  run.t += 1;
  return rho;
}

/** Distance to the optimum on the scale of the parameters: |μ − μ̂| + |τ − τ̂|. */
export function distanceToOptimum(theta: Theta, opt: Theta): number {
  return Math.abs(theta.mu - opt.mu) + Math.abs(Math.sqrt(theta.tau2) - Math.sqrt(opt.tau2));
}

/** The book's default data set for this model: N = 1000 draws with μ = 1, τ = 2, σ = 1. */
export function defaultSviData(seed: number, n = 1000): HierarchicalNormalData {
  return simulateHierarchicalNormal(n, { mu: 1, tau2: 4 }, 1, createRng(seed));
}

/** A deliberately poor start, so that convergence is visible. */
export const SVI_INIT: Theta = { mu: -3, tau2: 0.25 };

/** Runs T steps and returns the final distance to the full-batch optimum. */
export function sviFinalError(seed: number, steps: number, batchSize: number, tau0: number, kappa: number): number {
  const data = defaultSviData(seed);
  const opt = fullBatchOptimum(data);
  const run = startSvi(SVI_INIT);
  const rng = createRng(seed + 7919);
  for (let t = 0; t < steps; t++) sviStep(run, data, batchSize, tau0, kappa, rng);
  return distanceToOptimum(run.theta, opt);
}
