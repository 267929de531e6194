/**
 * Gauss–Hermite quadrature for expectations under a standard normal:
 * E[f(ε)] ≈ Σ_k w_k f(ε_k), ε ~ N(0, 1), exact for polynomials of degree ≤ 2n − 1.
 * Nodes are found by Newton's method on the orthonormal Hermite recurrence (Numerical Recipes'
 * `gauher`), then rescaled from the weight e^{−t²} to the standard normal.
 */
export interface Quadrature {
  nodes: Float64Array;
  weights: Float64Array;
}

export function gaussHermiteNormal(n: number): Quadrature {
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new Error(`n must be an integer in [1, 200], got ${n}`);
  const t = new Float64Array(n);
  const w = new Float64Array(n);
  const pim4 = Math.pow(Math.PI, -0.25);
  const half = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < half; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -0.16667);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * t[0];
    else if (i === 3) z = 1.91 * z - 0.91 * t[1];
    else z = 2 * z - t[i - 2];
    let pp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14) break;
    }
    t[i] = z;
    t[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i];
  }
  // ∫ e^{−t²} f(t) dt = √π E f(ε/√2) ⇒ nodes √2 t, weights w / √π.
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = Math.SQRT2 * t[i];
    weights[i] = w[i] / Math.sqrt(Math.PI);
  }
  return { nodes, weights };
}
