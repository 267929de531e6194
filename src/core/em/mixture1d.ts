/**
 * The two-component 1-D Gaussian mixture of chapter 1, with equal weights and a known variance,
 * so that the only unknowns are the two means θ = (μ1, μ2):
 *
 *   p(x | θ) = ½ N(x | μ1, σ²) + ½ N(x | μ2, σ²),   ℓ(θ) = Σ_i log p(x_i | θ).
 *
 * ℓ is symmetric under swapping μ1 and μ2 (label switching), so its maximum is attained at
 * (at least) two points, mirror images across the diagonal μ1 = μ2.
 */
import { logAddExp } from '../math/logSumExp';
import { logNormal1d } from '../math/gaussian';
import type { Rng } from '../random';

const LOG_HALF = Math.log(0.5);

/** n points from ½ N(−separation/2, σ²) + ½ N(+separation/2, σ²). */
export function mixture1dData(n: number, separation: number, rng: Rng, sigma2 = 1): Float64Array {
  const x = new Float64Array(n);
  const sd = Math.sqrt(sigma2);
  for (let i = 0; i < n; i++) x[i] = (rng.uniform() < 0.5 ? -separation / 2 : separation / 2) + sd * rng.normal();
  return x;
}

/** ℓ(μ1, μ2) = Σ_i log(½ N(x_i | μ1, σ²) + ½ N(x_i | μ2, σ²)). */
export function mixture1dLogLik(x: ArrayLike<number>, mu1: number, mu2: number, sigma2 = 1): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    s += logAddExp(LOG_HALF + logNormal1d(x[i], mu1, sigma2), LOG_HALF + logNormal1d(x[i], mu2, sigma2));
  }
  return s;
}

/** Posterior probability that x came from component 1: r = σ(log N(x|μ1) − log N(x|μ2)). */
function resp1(x: number, mu1: number, mu2: number, sigma2: number): number {
  // log N1 − log N2 = ((x − μ2)² − (x − μ1)²) / (2σ²)
  const a = ((x - mu2) * (x - mu2) - (x - mu1) * (x - mu1)) / (2 * sigma2);
  return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
}

/** Score ∂ℓ/∂μ_k = Σ_i r_ik (x_i − μ_k) / σ². */
export function mixture1dGradient(x: ArrayLike<number>, mu1: number, mu2: number, sigma2 = 1): [number, number] {
  let g1 = 0;
  let g2 = 0;
  for (let i = 0; i < x.length; i++) {
    const r = resp1(x[i], mu1, mu2, sigma2);
    g1 += r * (x[i] - mu1);
    g2 += (1 - r) * (x[i] - mu2);
  }
  return [g1 / sigma2, g2 / sigma2];
}

/** Hessian of ℓ in (μ1, μ2) as (h11, h12, h22); −H is the observed information I_obs. */
export function mixture1dHessian(x: ArrayLike<number>, mu1: number, mu2: number, sigma2 = 1): [number, number, number] {
  let h11 = 0;
  let h12 = 0;
  let h22 = 0;
  for (let i = 0; i < x.length; i++) {
    const r = resp1(x[i], mu1, mu2, sigma2);
    const d1 = (x[i] - mu1) / sigma2;
    const d2 = (x[i] - mu2) / sigma2;
    const v = r * (1 - r);
    h11 += v * d1 * d1 - r / sigma2;
    h22 += v * d2 * d2 - (1 - r) / sigma2;
    h12 -= v * d1 * d2;
  }
  return [h11, h12, h22];
}

/**
 * One EM iteration. E: r_i = P(z_i = 1 | x_i, θ). M: μ1 = Σ r_i x_i / Σ r_i, μ2 likewise with 1 − r_i.
 * A component with no responsibility keeps its mean.
 */
export function mixture1dEmStep(x: ArrayLike<number>, mu1: number, mu2: number, sigma2 = 1): [number, number] {
  let s1 = 0;
  let n1 = 0;
  let s2 = 0;
  let n2 = 0;
  for (let i = 0; i < x.length; i++) {
    const r = resp1(x[i], mu1, mu2, sigma2);
    n1 += r;
    s1 += r * x[i];
    n2 += 1 - r;
    s2 += (1 - r) * x[i];
  }
  return [n1 > 0 ? s1 / n1 : mu1, n2 > 0 ? s2 / n2 : mu2];
}

export interface EmPathPoint {
  mu1: number;
  mu2: number;
  logLik: number;
}

/** EM iterates from `start` until |Δℓ| < tol·n or maxSteps; the first point is the start. */
export function mixture1dEmPath(
  x: ArrayLike<number>,
  start: [number, number],
  sigma2 = 1,
  maxSteps = 200,
  tol = 1e-10,
): EmPathPoint[] {
  let [mu1, mu2] = start;
  const path: EmPathPoint[] = [{ mu1, mu2, logLik: mixture1dLogLik(x, mu1, mu2, sigma2) }];
  for (let t = 0; t < maxSteps; t++) {
    [mu1, mu2] = mixture1dEmStep(x, mu1, mu2, sigma2);
    const logLik = mixture1dLogLik(x, mu1, mu2, sigma2);
    const prev = path[path.length - 1].logLik;
    path.push({ mu1, mu2, logLik });
    if (Math.abs(logLik - prev) < tol * x.length) break;
  }
  return path;
}

export interface Grid1d {
  min: number;
  max: number;
  /** Number of grid points per axis (≥ 2). */
  size: number;
}

export function gridValues(g: Grid1d): Float64Array {
  return Float64Array.from({ length: g.size }, (_, i) => g.min + ((g.max - g.min) * i) / (g.size - 1));
}

/**
 * ℓ on a size × size grid: values[j * size + i] = ℓ(μ1 = grid[i], μ2 = grid[j]) (row j is μ2,
 * so the array reads as an image with μ1 across and μ2 up).
 */
export function mixture1dSurface(x: ArrayLike<number>, grid: Grid1d, sigma2 = 1): Float64Array {
  const g = gridValues(grid);
  const out = new Float64Array(grid.size * grid.size);
  for (let j = 0; j < grid.size; j++) {
    for (let i = 0; i <= j; i++) {
      const v = mixture1dLogLik(x, g[i], g[j], sigma2);
      out[j * grid.size + i] = v;
      out[i * grid.size + j] = v; // label switching: ℓ(μ1, μ2) = ℓ(μ2, μ1)
    }
  }
  return out;
}

export interface Mixture1dMle {
  /** The maximizer with μ1 ≤ μ2, and its label-switched twin. */
  modes: [[number, number], [number, number]];
  logLik: number;
  /** |∇ℓ| at the refined point (should be ~0). */
  gradNorm: number;
}

/**
 * Locates the MLE: the best grid point, then EM (robust ascent) and Newton steps (fast local
 * convergence, each accepted only if ℓ does not decrease) until the score vanishes.
 */
export function mixture1dMle(x: ArrayLike<number>, sigma2 = 1, grid?: Grid1d): Mixture1dMle {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    lo = Math.min(lo, x[i]);
    hi = Math.max(hi, x[i]);
  }
  const g = grid ?? { min: lo, max: hi, size: 41 };
  const gv = gridValues(g);
  let best = -Infinity;
  let mu1 = 0;
  let mu2 = 0;
  for (let j = 0; j < g.size; j++) {
    for (let i = 0; i <= j; i++) {
      const v = mixture1dLogLik(x, gv[i], gv[j], sigma2);
      if (v > best) [best, mu1, mu2] = [v, gv[i], gv[j]];
    }
  }
  for (let t = 0; t < 20; t++) [mu1, mu2] = mixture1dEmStep(x, mu1, mu2, sigma2);
  let ll = mixture1dLogLik(x, mu1, mu2, sigma2);
  for (let t = 0; t < 200; t++) {
    const [g1, g2] = mixture1dGradient(x, mu1, mu2, sigma2);
    if (Math.hypot(g1, g2) < 1e-10 * x.length) break;
    const [h11, h12, h22] = mixture1dHessian(x, mu1, mu2, sigma2);
    const det = h11 * h22 - h12 * h12;
    let next: [number, number] | null = null;
    if (h11 < 0 && det > 0) {
      // Newton: θ ← θ − H⁻¹ g (H negative definite here)
      next = [mu1 - (h22 * g1 - h12 * g2) / det, mu2 - (-h12 * g1 + h11 * g2) / det];
    }
    let cand = next ? mixture1dLogLik(x, next[0], next[1], sigma2) : -Infinity;
    if (!(cand >= ll)) {
      next = mixture1dEmStep(x, mu1, mu2, sigma2);
      cand = mixture1dLogLik(x, next[0], next[1], sigma2);
    }
    [mu1, mu2] = next!;
    ll = Math.max(ll, cand);
  }
  if (mu1 > mu2) [mu1, mu2] = [mu2, mu1];
  const [g1, g2] = mixture1dGradient(x, mu1, mu2, sigma2);
  return {
    modes: [
      [mu1, mu2],
      [mu2, mu1],
    ],
    logLik: mixture1dLogLik(x, mu1, mu2, sigma2),
    gradNorm: Math.hypot(g1, g2),
  };
}

/**
 * EM's linear rate at a fixed point θ*: the spectral radius of the EM map's Jacobian
 * J = I − I_c⁻¹ I_obs = I_c⁻¹ I_miss (Dempster, Laird & Rubin 1977), where
 * I_c = diag(Σ_i r_i, Σ_i (1 − r_i)) / σ² is the expected complete-data information and
 * I_obs = −∇²ℓ. The rate is the largest fraction of missing information.
 */
export function mixture1dEmRate(x: ArrayLike<number>, mu1: number, mu2: number, sigma2 = 1): number {
  let n1 = 0;
  for (let i = 0; i < x.length; i++) n1 += resp1(x[i], mu1, mu2, sigma2);
  const c1 = n1 / sigma2;
  const c2 = (x.length - n1) / sigma2;
  const [h11, h12, h22] = mixture1dHessian(x, mu1, mu2, sigma2);
  // J = I + I_c⁻¹ H (H = −I_obs)
  const j11 = 1 + h11 / c1;
  const j12 = h12 / c1;
  const j21 = h12 / c2;
  const j22 = 1 + h22 / c2;
  const tr = j11 + j22;
  const det = j11 * j22 - j12 * j21;
  const disc = Math.sqrt(Math.max(0, (tr * tr) / 4 - det));
  return Math.max(Math.abs(tr / 2 + disc), Math.abs(tr / 2 - disc));
}
