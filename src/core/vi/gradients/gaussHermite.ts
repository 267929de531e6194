/**
 * Gauss–Hermite quadrature for Gaussian expectations, E_{ε~N(0,1)}[f(ε)] ≈ Σ_k w_k f(x_k),
 * exact when f is a polynomial of degree < 2n. Nodes and weights by Golub–Welsch: the
 * eigenvalues of the Jacobi matrix of the probabilists' Hermite polynomials (off-diagonal √k)
 * are the nodes; the squared first components of its eigenvectors are the weights.
 */
import { symmetricEigen } from '../../math/eigen';

export interface QuadratureRule {
  nodes: Float64Array;
  /** Weights summing to one (a probability rule for N(0, 1)). */
  weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

export function gaussHermiteNormal(n: number): QuadratureRule {
  const hit = cache.get(n);
  if (hit) return hit;
  const j = new Float64Array(n * n);
  for (let k = 1; k < n; k++) {
    j[(k - 1) * n + k] = Math.sqrt(k);
    j[k * n + k - 1] = Math.sqrt(k);
  }
  const { values, vectors } = symmetricEigen(j, n);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = values[i];
    weights[i] = vectors[i] * vectors[i]; // first row, column i
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/** E_{ε~N(0,1)}[f(ε)] by an n-point rule. */
export function expectStandardNormal(f: (eps: number) => number, n = 40): number {
  const { nodes, weights } = gaussHermiteNormal(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i] * f(nodes[i]);
  return s;
}
