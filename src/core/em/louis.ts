/**
 * Louis's (1982) observed information for a Gaussian mixture with full covariances (chapter 2,
 * section "standard-errors"):
 *
 *   I_obs(θ) = E[I_c | x] − Var(S_c | x),   I_c = −∇² log p_θ(x, z),   S_c = ∇ log p_θ(x, z).
 *
 * Parameterisation (the constraint Σ_k π_k = 1 is removed by substitution, not projection):
 *   θ = (π_1 … π_{K−1},  μ_1 … μ_K  (d each),  σ_1 … σ_K  (d(d+1)/2 each)),
 *   π_K = 1 − π_1 − … − π_{K−1},  σ_k = the entries σ_ab, a ≤ b, of Σ_k (σ_ab with a ≠ b stands for
 *   both Σ_ab and Σ_ba). p = (K − 1) + K d + K d(d+1)/2 free parameters.
 *
 * The complete-data log-likelihood is Σ_i Σ_k z_ik c_ik(θ), c_ik = log π_k + log N(x_i | μ_k, Σ_k).
 * The points are independent given θ, so with g_ik = ∇c_ik and responsibilities r_ik:
 *
 *   E[I_c | x]   = −Σ_i Σ_k r_ik ∇²c_ik,
 *   Var(S_c | x) =  Σ_i [ Σ_k r_ik g_ik g_ikᵀ − ḡ_i ḡ_iᵀ ],   ḡ_i = Σ_k r_ik g_ik,
 *   ∇ℓ(θ)        =  Σ_i ḡ_i  (Fisher's identity).
 *
 * Derivatives of c = log N(x | μ, Σ), with P = Σ⁻¹, u = P(x − μ), E_ab = e_a e_bᵀ + e_b e_aᵀ (a ≠ b),
 * E_aa = e_a e_aᵀ:
 *   ∂c/∂μ = u,   ∂²c/∂μ² = −P,   ∂c/∂σ_ab = ½ uᵀE_ab u − ½ tr(P E_ab),
 *   ∂²c/∂μ ∂σ_cd = −P E_cd u,   ∂²c/∂σ_ab ∂σ_cd = ½ tr(P E_ab P E_cd) − (E_ab u)ᵀ P (E_cd u).
 * The formula holds at every θ; at an EM fixed point ∇ℓ = 0 as well.
 */
import { cholesky, inverse } from '../math/linalg';
import { eStep, type GaussianMixture } from './gmm';

/** 97.5% point of N(0, 1), for 95% Wald intervals. */
export const Z_975 = 1.959963984540054;

export interface ParameterLayout {
  /** number of free parameters p */
  p: number;
  /** index of μ_kj: meanIndex(k, j) */
  meanIndex: (k: number, j: number) => number;
  /** index of σ_ab (a ≤ b) of component k */
  covIndex: (k: number, a: number, b: number) => number;
}

export function parameterLayout(k: number, d: number): ParameterLayout {
  const s = (d * (d + 1)) / 2;
  const covOffset = (a: number, b: number) => a * d - (a * (a - 1)) / 2 + (b - a); // a ≤ b, row-major upper triangle
  return {
    p: k - 1 + k * d + k * s,
    meanIndex: (c, j) => k - 1 + c * d + j,
    covIndex: (c, a, b) => k - 1 + k * d + c * s + covOffset(Math.min(a, b), Math.max(a, b)),
  };
}

export interface LouisInformation {
  p: number;
  /** E[I_c | x] [p×p] */
  complete: Float64Array;
  /** Var(S_c | x), the missing information [p×p] */
  missing: Float64Array;
  /** I_obs = complete − missing [p×p] */
  observed: Float64Array;
  /** ∇ℓ(θ) [p] */
  score: Float64Array;
}

/** Louis's decomposition at `m`. @param x [n×d] */
export function louisInformation(x: ArrayLike<number>, n: number, m: GaussianMixture): LouisInformation {
  const { k, d } = m;
  const layout = parameterLayout(k, d);
  const { p } = layout;
  const { resp } = eStep(x, n, m);
  const complete = new Float64Array(p * p);
  const missing = new Float64Array(p * p);
  const score = new Float64Array(p);
  const pairs: [number, number][] = [];
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) pairs.push([a, b]);
  const s = pairs.length;

  // Per component: P = Σ⁻¹, the point-free part ½ tr(P E_ab P E_cd), and the local index list.
  const comps = Array.from({ length: k }, (_, c) => {
    const cov = m.covariances.subarray(c * d * d, (c + 1) * d * d);
    if (!cholesky(cov, d)) throw new Error(`Component ${c + 1} has a covariance that is not positive definite.`);
    const P = inverse(cov, d);
    const E = pairs.map(([a, b]) => {
      const e = new Float64Array(d * d);
      e[a * d + b] = 1;
      e[b * d + a] = 1;
      return e;
    });
    const PE = E.map((e) => mul(P, e, d));
    const trace = new Float64Array(s * s);
    for (let u = 0; u < s; u++) for (let v = 0; v < s; v++) trace[u * s + v] = 0.5 * traceOfProduct(PE[u], PE[v], d);
    const idx: number[] = [];
    for (let j = 0; j < k - 1; j++) idx.push(j);
    for (let j = 0; j < d; j++) idx.push(layout.meanIndex(c, j));
    for (const [a, b] of pairs) idx.push(layout.covIndex(c, a, b));
    return { P, trace, idx };
  });

  const q = k - 1 + d + s; // local length
  const g = Array.from({ length: k }, () => new Float64Array(q));
  const gbar = new Float64Array(p);
  const diff = new Float64Array(d);
  const u = new Float64Array(d);
  const Eu = Array.from({ length: s }, () => new Float64Array(d));
  const PEu = Array.from({ length: s }, () => new Float64Array(d));
  const H = new Float64Array(q * q);

  for (let i = 0; i < n; i++) {
    gbar.fill(0);
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c];
      const { P, trace, idx } = comps[c];
      const gc = g[c];
      gc.fill(0);
      H.fill(0);
      // π block
      const pi = m.weights[c];
      for (let j = 0; j < k - 1; j++) {
        if (c < k - 1) {
          if (j === c) gc[j] = 1 / pi;
        } else gc[j] = -1 / pi;
      }
      for (let j = 0; j < k - 1; j++) {
        for (let l = 0; l < k - 1; l++) {
          if (c < k - 1) {
            if (j === c && l === c) H[j * q + l] = -1 / (pi * pi);
          } else H[j * q + l] = -1 / (pi * pi);
        }
      }
      // μ and σ blocks
      for (let a = 0; a < d; a++) diff[a] = x[i * d + a] - m.means[c * d + a];
      for (let a = 0; a < d; a++) {
        let t = 0;
        for (let b = 0; b < d; b++) t += P[a * d + b] * diff[b];
        u[a] = t;
      }
      const mo = k - 1;
      const so = k - 1 + d;
      for (let a = 0; a < d; a++) gc[mo + a] = u[a];
      for (let v = 0; v < s; v++) {
        const [a, b] = pairs[v];
        const e = Eu[v];
        e.fill(0);
        e[a] += u[b];
        if (a !== b) e[b] += u[a];
        for (let t = 0; t < d; t++) {
          let acc = 0;
          for (let w = 0; w < d; w++) acc += P[t * d + w] * e[w];
          PEu[v][t] = acc;
        }
        // ½ uᵀE_ab u − ½ tr(P E_ab)
        const quad = a === b ? u[a] * u[a] : 2 * u[a] * u[b];
        const tr = a === b ? P[a * d + a] : 2 * P[a * d + b];
        gc[so + v] = 0.5 * (quad - tr);
      }
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) H[(mo + a) * q + mo + b] = -P[a * d + b];
      for (let v = 0; v < s; v++) {
        for (let a = 0; a < d; a++) {
          H[(mo + a) * q + so + v] = H[(so + v) * q + mo + a] = -PEu[v][a];
        }
        for (let w = 0; w < s; w++) {
          let dot = 0;
          for (let t = 0; t < d; t++) dot += Eu[v][t] * PEu[w][t];
          H[(so + v) * q + so + w] = trace[v * s + w] - dot;
        }
      }
      // accumulate E[I_c | x] and Σ_k r g gᵀ over the local indices
      for (let a = 0; a < q; a++) {
        const ia = idx[a];
        gbar[ia] += r * gc[a];
        for (let b = 0; b < q; b++) {
          const ib = idx[b];
          complete[ia * p + ib] -= r * H[a * q + b];
          missing[ia * p + ib] += r * gc[a] * gc[b];
        }
      }
    }
    for (let a = 0; a < p; a++) {
      score[a] += gbar[a];
      if (gbar[a] === 0) continue;
      for (let b = 0; b < p; b++) missing[a * p + b] -= gbar[a] * gbar[b];
    }
  }
  const observed = new Float64Array(p * p);
  for (let t = 0; t < p * p; t++) observed[t] = complete[t] - missing[t];
  return { p, complete, missing, observed, score };
}

function mul(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += a[i * d + t] * b[t * d + j];
    out[i * d + j] = s;
  }
  return out;
}

/** tr(A B) for d×d row-major A, B. */
function traceOfProduct(a: Float64Array, b: Float64Array, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s += a[i * d + j] * b[j * d + i];
  return s;
}
