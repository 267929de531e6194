/**
 * Two unbiased estimators of ∇_λ ELBO for the Gaussian toy, from S draws ε_i ~ N(0, 1),
 * z_i = m + s ε_i, f(z) = log p(z) − log q_λ(z):
 *
 * score function (REINFORCE): (1/S) Σ (f(z_i) − b_i) ∇_λ log q_λ(z_i),
 *   with ∇_λ log q = (ε/s, ε² − 1); unbiased for any b_i independent of z_i because
 *   E_q[∇_λ log q] = 0. Control variates: b = 0 ('none'), b = mean of f over an independent
 *   pilot batch ('baseline'), b_i = mean of f over the other S − 1 draws ('leave-one-out').
 *
 * reparameterization: (1/S) Σ ∇_λ f(m + s ε_i) = (1/S) Σ (p'(z_i), p'(z_i) s ε_i + 1),
 *   differentiating through the sample path.
 */
import { toyGradLogTarget, toyLogQ, toyLogTarget, type GaussianToy } from './gaussianToy';

export const CONTROL_VARIATES = ['none', 'baseline', 'leave-one-out'] as const;
export type ControlVariate = (typeof CONTROL_VARIATES)[number];

function f(p: GaussianToy, z: number): number {
  return toyLogTarget(p, z) - toyLogQ(p, z);
}

/**
 * @param eps [S] standard normal draws
 * @param pilot [S'] independent draws for the 'baseline' control variate
 */
export function scoreFunctionGradient(
  p: GaussianToy,
  eps: ArrayLike<number>,
  cv: ControlVariate = 'none',
  pilot?: ArrayLike<number>,
): [number, number] {
  const S = eps.length;
  const s = Math.exp(p.logS);
  const fs = new Float64Array(S);
  let total = 0;
  for (let i = 0; i < S; i++) {
    fs[i] = f(p, p.m + s * eps[i]);
    total += fs[i];
  }
  let fixedBaseline = 0;
  if (cv === 'baseline') {
    if (!pilot || pilot.length === 0) throw new Error('the baseline control variate needs pilot draws');
    for (let i = 0; i < pilot.length; i++) fixedBaseline += f(p, p.m + s * pilot[i]);
    fixedBaseline /= pilot.length;
  }
  if (cv === 'leave-one-out' && S < 2) throw new Error('leave-one-out needs at least 2 draws');
  let gm = 0;
  let gw = 0;
  for (let i = 0; i < S; i++) {
    const b = cv === 'none' ? 0 : cv === 'baseline' ? fixedBaseline : (total - fs[i]) / (S - 1);
    const e = eps[i];
    gm += (fs[i] - b) * (e / s);
    gw += (fs[i] - b) * (e * e - 1);
  }
  return [gm / S, gw / S];
}

/** @param eps [S] standard normal draws */
export function reparameterizationGradient(p: GaussianToy, eps: ArrayLike<number>): [number, number] {
  const S = eps.length;
  const s = Math.exp(p.logS);
  let gm = 0;
  let gw = 0;
  for (let i = 0; i < S; i++) {
    const z = p.m + s * eps[i];
    const g = toyGradLogTarget(p, z);
    gm += g;
    gw += g * s * eps[i] + 1;
  }
  return [gm / S, gw / S];
}
