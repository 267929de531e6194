/**
 * Three latent-variable models for comparing factorized and amortized VI, one observation x_n
 * per latent z_n, with known parameters (we study inference alone; in a VAE they would be
 * learned at the same time):
 *
 *   conjugate:  z_n ~ N(0, 1),  x_n | z_n ~ N(z_n, σ²)            q*(z_n) depends on x_n alone,
 *                                                                   with mean x_n/(1 + σ²): affine.
 *   nonlinear:  z_n ~ N(0, 1),  x_n | z_n ~ N(g(z_n), σ²), g(z) = z + z³/2
 *                                                                   q*(z_n) depends on x_n alone,
 *                                                                   through a nonlinear map.
 *   chain:      z_1 ~ N(0, 1),  z_n = ρ z_{n−1} + √(1 − ρ²) ξ_n,  x_n | z_n ~ N(z_n, σ²)
 *                                                                   q*(z_n) depends on x_{n−1}, x_{n+1}, …
 */
import type { Rng } from '../../random';

export const AMORTIZED_MODELS = ['conjugate', 'nonlinear', 'chain'] as const;
export type AmortizedModel = (typeof AMORTIZED_MODELS)[number];

export const MODEL_SIGMA = 0.5;
export const CHAIN_PHI = 0.95;

/** The nonlinear model's mean function g(z) = z + z³/2 (monotone, so the posterior is unimodal). */
export function nonlinearMean(z: number): number {
  return z + 0.5 * z * z * z;
}

export function simulateAmortizedData(model: AmortizedModel, n: number, rng: Rng): Float64Array {
  const x = new Float64Array(n);
  let z = rng.normal();
  for (let i = 0; i < n; i++) {
    if (model === 'chain') {
      if (i > 0) z = CHAIN_PHI * z + Math.sqrt(1 - CHAIN_PHI * CHAIN_PHI) * rng.normal();
    } else {
      z = rng.normal();
    }
    const mean = model === 'nonlinear' ? nonlinearMean(z) : z;
    x[i] = mean + MODEL_SIGMA * rng.normal();
  }
  return x;
}

function logNormal(x: number, mean: number, variance: number): number {
  return -0.5 * (Math.log(2 * Math.PI * variance) + ((x - mean) * (x - mean)) / variance);
}

/** log p(x_n) for the nonlinear model by the trapezoid rule over z ∈ [−8, 8]. */
function nonlinearLogMarginal(x: number): number {
  const k = 4001;
  const h = 16 / (k - 1);
  const terms = new Float64Array(k);
  let max = -Infinity;
  for (let i = 0; i < k; i++) {
    const z = -8 + i * h;
    terms[i] = logNormal(z, 0, 1) + logNormal(x, nonlinearMean(z), MODEL_SIGMA * MODEL_SIGMA);
    if (terms[i] > max) max = terms[i];
  }
  let s = 0;
  for (let i = 0; i < k; i++) s += (i === 0 || i === k - 1 ? 0.5 : 1) * Math.exp(terms[i] - max);
  return max + Math.log(s * h);
}

/** log p(x_{1:N}) of the AR(1) chain by the Kalman filter. */
function chainLogEvidence(x: Float64Array): number {
  const r = MODEL_SIGMA * MODEL_SIGMA;
  let mean = 0;
  let v = 1;
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    if (i > 0) {
      mean = CHAIN_PHI * mean;
      v = CHAIN_PHI * CHAIN_PHI * v + (1 - CHAIN_PHI * CHAIN_PHI);
    }
    total += logNormal(x[i], mean, v + r);
    const gain = v / (v + r);
    mean += gain * (x[i] - mean);
    v *= 1 - gain;
  }
  return total;
}

/** log p(x_{1:N}), the ceiling every ELBO sits under. */
export function amortizedLogEvidence(model: AmortizedModel, x: Float64Array): number {
  if (model === 'chain') return chainLogEvidence(x);
  let total = 0;
  for (const xn of x) total += model === 'conjugate' ? logNormal(xn, 0, 1 + MODEL_SIGMA * MODEL_SIGMA) : nonlinearLogMarginal(xn);
  return total;
}
