/**
 * Topic matrices [K*V] row-major (row k is topic k's distribution over words) and what the
 * E-step needs from them.
 */
import { createRng, gamma as gammaDraw } from '../random';
import { digamma } from './special';

/** Rows of `stats` normalized to sum to one, plus `floor` per entry (0 = the exact M-step). */
export function normalizeRows(stats: Float64Array, k: number, v: number, floor = 0, out: Float64Array = new Float64Array(k * v)): Float64Array {
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let w = 0; w < v; w++) s += stats[j * v + w] + floor;
    const inv = 1 / s;
    for (let w = 0; w < v; w++) out[j * v + w] = (stats[j * v + w] + floor) * inv;
  }
  return out;
}

/** exp(E_q[log β_kw]) = exp(ψ(λ_kw) − ψ(Σ_v λ_kv)) for q(β_k) = Dir(λ_k) (online VB). */
export function expElogDirichletRows(lambda: Float64Array, k: number, v: number, out: Float64Array = new Float64Array(k * v)): Float64Array {
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let w = 0; w < v; w++) s += lambda[j * v + w];
    const ps = digamma(s);
    for (let w = 0; w < v; w++) out[j * v + w] = Math.exp(digamma(lambda[j * v + w]) - ps);
  }
  return out;
}

/**
 * Random positive starting statistics, scale · Gamma(shape, 1/shape) per entry: shape 100 is
 * Hoffman et al. 2013's start for λ (±10 %); batch EM needs a more dispersed start (shape 1),
 * or its first passes barely move the topics away from each other.
 */
export function randomStats(k: number, v: number, seed: number, scale = 1, shape = 100): Float64Array {
  const rng = createRng(seed);
  const s = new Float64Array(k * v);
  for (let i = 0; i < s.length; i++) s[i] = (scale * gammaDraw(rng, shape)) / shape;
  return s;
}

/** The `n` most probable word ids of each topic, [K][n]. */
export function topWordIds(beta: Float64Array, k: number, v: number, n: number): number[][] {
  const out: number[][] = [];
  for (let j = 0; j < k; j++) {
    const row = beta.subarray(j * v, (j + 1) * v);
    const idx = Array.from({ length: v }, (_, w) => w);
    idx.sort((a, b) => row[b] - row[a]);
    out.push(idx.slice(0, n));
  }
  return out;
}

/** Step size ρ_t = (τ₀ + t)^(−κ) (Robbins–Monro for κ ∈ (0.5, 1]). */
export function stepSize(t: number, tau0: number, kappa: number): number {
  return Math.pow(tau0 + t, -kappa);
}
