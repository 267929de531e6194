/**
 * The two directions of KL on a 2-D Gaussian-mixture target p, fitting one full-covariance
 * Gaussian q:
 *  - KL(p ‖ q) (mass-covering) is minimized by moment matching: q's mean and covariance are p's.
 *  - KL(q ‖ p) (mode-seeking, the direction VI uses) has no closed form; we minimize it by
 *    deterministic reparameterized gradients: z = m + L ε, with E_q computed by a 2-D
 *    Gauss–Hermite rule over ε, and L lower-triangular with a log-parameterized diagonal.
 */
import { gaussHermiteNormal, type Quadrature } from './gaussHermite';

/** A 2×2 symmetric matrix as [a11, a12, a22]. */
export type Sym2 = [number, number, number];

export interface Gaussian2 {
  mean: [number, number];
  cov: Sym2;
}

export interface Mixture2 {
  weights: number[];
  components: Gaussian2[];
}

const LOG_2PI = Math.log(2 * Math.PI);

function inverse(c: Sym2): { inv: Sym2; logDet: number } {
  const det = c[0] * c[2] - c[1] * c[1];
  return { inv: [c[2] / det, -c[1] / det, c[0] / det], logDet: Math.log(det) };
}

/**
 * Two equally weighted Gaussians with means ±(separation/2)·(cos angle, sin angle), each with
 * standard deviations (sdAlong, sdAcross) along and across the axis between them.
 */
export function twoModeTarget(separation: number, angle = 0.5, sdAlong = 0.7, sdAcross = 1): Mixture2 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const a = sdAlong * sdAlong;
  const b = sdAcross * sdAcross;
  const cov: Sym2 = [a * c * c + b * s * s, (a - b) * c * s, a * s * s + b * c * c];
  const h = separation / 2;
  return {
    weights: [0.5, 0.5],
    components: [
      { mean: [h * c, h * s], cov },
      { mean: [-h * c, -h * s], cov },
    ],
  };
}

/** log p(z) and its gradient ∇ log p(z) = Σ_k r_k(z) (−Σ_k⁻¹ (z − μ_k)). */
export function mixtureLogDensity(p: Mixture2, z0: number, z1: number, grad?: Float64Array): number {
  const K = p.components.length;
  const logs = new Float64Array(K);
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    const { mean, cov } = p.components[k];
    const { inv, logDet } = inverse(cov);
    const d0 = z0 - mean[0];
    const d1 = z1 - mean[1];
    const quad = inv[0] * d0 * d0 + 2 * inv[1] * d0 * d1 + inv[2] * d1 * d1;
    logs[k] = Math.log(p.weights[k]) - LOG_2PI - 0.5 * logDet - 0.5 * quad;
    if (logs[k] > max) max = logs[k];
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += Math.exp(logs[k] - max);
  const logp = max + Math.log(sum);
  if (grad) {
    grad[0] = 0;
    grad[1] = 0;
    for (let k = 0; k < K; k++) {
      const r = Math.exp(logs[k] - logp);
      const { mean, cov } = p.components[k];
      const { inv } = inverse(cov);
      const d0 = z0 - mean[0];
      const d1 = z1 - mean[1];
      grad[0] -= r * (inv[0] * d0 + inv[1] * d1);
      grad[1] -= r * (inv[1] * d0 + inv[2] * d1);
    }
  }
  return logp;
}

/** log N(z; g.mean, g.cov). */
export function gaussianLogDensity(g: Gaussian2, z0: number, z1: number): number {
  const { inv, logDet } = inverse(g.cov);
  const d0 = z0 - g.mean[0];
  const d1 = z1 - g.mean[1];
  return -LOG_2PI - 0.5 * logDet - 0.5 * (inv[0] * d0 * d0 + 2 * inv[1] * d0 * d1 + inv[2] * d1 * d1);
}

/** argmin_q KL(p ‖ q) over Gaussians: q's mean = E_p z, q's covariance = Cov_p z. */
export function momentMatch(p: Mixture2): Gaussian2 {
  let m0 = 0;
  let m1 = 0;
  let s00 = 0;
  let s01 = 0;
  let s11 = 0;
  p.components.forEach((c, k) => {
    const w = p.weights[k];
    m0 += w * c.mean[0];
    m1 += w * c.mean[1];
    s00 += w * (c.cov[0] + c.mean[0] * c.mean[0]);
    s01 += w * (c.cov[1] + c.mean[0] * c.mean[1]);
    s11 += w * (c.cov[2] + c.mean[1] * c.mean[1]);
  });
  return { mean: [m0, m1], cov: [s00 - m0 * m0, s01 - m0 * m1, s11 - m1 * m1] };
}

/** z = m + L ε with L = [[l11, 0], [l21, l22]]; `params` = [m0, m1, log l11, l21, log l22]. */
export function gaussianFromParams(params: ArrayLike<number>): Gaussian2 {
  const l11 = Math.exp(params[2]);
  const l21 = params[3];
  const l22 = Math.exp(params[4]);
  return { mean: [params[0], params[1]], cov: [l11 * l11, l11 * l21, l21 * l21 + l22 * l22] };
}

export function paramsFromGaussian(g: Gaussian2): Float64Array {
  const l11 = Math.sqrt(g.cov[0]);
  const l21 = g.cov[1] / l11;
  const l22 = Math.sqrt(g.cov[2] - l21 * l21);
  return Float64Array.from([g.mean[0], g.mean[1], Math.log(l11), l21, Math.log(l22)]);
}

/**
 * KL(q ‖ p) = −H(q) − E_q log p(z) and its gradient in `params`, by a tensor Gauss–Hermite rule.
 * @param grad [5], filled when given
 */
export function reverseKl(p: Mixture2, params: ArrayLike<number>, rule: Quadrature, grad?: Float64Array): number {
  const l11 = Math.exp(params[2]);
  const l21 = params[3];
  const l22 = Math.exp(params[4]);
  const g = new Float64Array(2);
  const entropy = LOG_2PI + 1 + params[2] + params[4];
  let expLogP = 0;
  const acc = new Float64Array(5);
  const n = rule.nodes.length;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const w = rule.weights[a] * rule.weights[b];
      const e0 = rule.nodes[a];
      const e1 = rule.nodes[b];
      const z0 = params[0] + l11 * e0;
      const z1 = params[1] + l21 * e0 + l22 * e1;
      expLogP += w * mixtureLogDensity(p, z0, z1, grad ? g : undefined);
      if (grad) {
        acc[0] += w * g[0];
        acc[1] += w * g[1];
        acc[2] += w * g[0] * e0 * l11;
        acc[3] += w * g[1] * e0;
        acc[4] += w * g[1] * e1 * l22;
      }
    }
  }
  if (grad) {
    grad[0] = -acc[0];
    grad[1] = -acc[1];
    grad[2] = -1 - acc[2];
    grad[3] = -acc[3];
    grad[4] = -1 - acc[4];
  }
  return -entropy - expLogP;
}

/** KL(p ‖ q) = E_p[log p − log q], by Gauss–Hermite under each component of p. */
export function forwardKl(p: Mixture2, q: Gaussian2, rule: Quadrature): number {
  let total = 0;
  p.components.forEach((c, k) => {
    const l11 = Math.sqrt(c.cov[0]);
    const l21 = c.cov[1] / l11;
    const l22 = Math.sqrt(c.cov[2] - l21 * l21);
    const n = rule.nodes.length;
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const z0 = c.mean[0] + l11 * rule.nodes[a];
        const z1 = c.mean[1] + l21 * rule.nodes[a] + l22 * rule.nodes[b];
        const w = p.weights[k] * rule.weights[a] * rule.weights[b];
        total += w * (mixtureLogDensity(p, z0, z1) - gaussianLogDensity(q, z0, z1));
      }
    }
  });
  return total;
}

export interface ReverseKlFit {
  q: Gaussian2;
  kl: number;
  iterations: number;
  /** Means visited every iteration, [iterations+1][2]. */
  path: Array<[number, number]>;
}

/**
 * Minimizes KL(q ‖ p) by gradient descent with a backtracking (Armijo) line search on the
 * deterministic quadrature objective, from q = `start`. Stops when the gradient norm is below
 * `tol` or the objective has not decreased by a relative 1e-13 for five iterations.
 */
export function fitReverseKl(p: Mixture2, start: Gaussian2, maxIter = 3000, nodes = 24, tol = 1e-10): ReverseKlFit {
  const rule = gaussHermiteNormal(nodes);
  let x = paramsFromGaussian(start);
  const grad = new Float64Array(5);
  let f = reverseKl(p, x, rule, grad);
  const path: Array<[number, number]> = [[x[0], x[1]]];
  let step = 0.5;
  let it = 0;
  let stalled = 0;
  for (; it < maxIter; it++) {
    const g2 = grad.reduce((s, v) => s + v * v, 0);
    if (g2 < tol * tol) break;
    const previous = f;
    const trial = new Float64Array(5);
    const trialGrad = new Float64Array(5);
    let accepted = false;
    for (let tries = 0; tries < 60; tries++) {
      for (let i = 0; i < 5; i++) trial[i] = x[i] - step * grad[i];
      const ft = reverseKl(p, trial, rule, trialGrad);
      if (Number.isFinite(ft) && ft <= f - 1e-4 * step * g2) {
        x = trial;
        f = ft;
        grad.set(trialGrad);
        accepted = true;
        step = Math.min(step * 1.5, 10);
        break;
      }
      step *= 0.5;
    }
    path.push([x[0], x[1]]);
    if (!accepted) break;
    // stop once the objective has stopped moving for a few iterations
    stalled = previous - f < 1e-13 * Math.max(1, Math.abs(f)) ? stalled + 1 : 0;
    if (stalled >= 5) break;
  }
  return { q: gaussianFromParams(x), kl: f, iterations: it, path };
}

/**
 * The KL(q ‖ p) fit from several starts: a narrow q halfway towards each component's mean, and a
 * wide q at p's mean. Returns every fit and the best (smallest KL; ties go to the first start).
 */
export function fitReverseKlMultiStart(p: Mixture2, nodes = 16): { fits: ReverseKlFit[]; best: ReverseKlFit } {
  const starts: Gaussian2[] = p.components.map((c) => ({ mean: [0.5 * c.mean[0], 0.5 * c.mean[1]], cov: [0.3, 0, 0.3] }));
  starts.push({ ...momentMatch(p) });
  const fits = starts.map((s) => fitReverseKl(p, s, 3000, nodes));
  const best = fits.reduce((a, b) => (b.kl < a.kl - 1e-9 ? b : a));
  return { fits, best };
}
