/**
 * Symmetric eigen-decomposition by cyclic Jacobi rotations, for small matrices (d ≲ 10–20):
 * quadratically convergent, accurate eigenvectors, no external dependency. Used by the
 * closed-form PPCA MLE, which needs the leading eigenvectors of the sample covariance.
 */
export interface SymmetricEigen {
  /** Eigenvalues λ_1 ≥ … ≥ λ_d. */
  values: Float64Array;
  /** Eigenvectors as columns of a row-major d × d matrix: A U = U diag(λ), U orthogonal. */
  vectors: Float64Array;
}

/**
 * @param a symmetric matrix [d×d], row-major (only symmetry up to rounding is assumed)
 */
export function symmetricEigen(a: ArrayLike<number>, d: number, maxSweeps = 100): SymmetricEigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let norm = 0;
  for (let i = 0; i < d * d; i++) norm += m[i] * m[i];
  const tol = Number.EPSILON * Number.EPSILON * norm;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += 2 * m[p * d + q] * m[p * d + q];
    if (off <= tol) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q];
        if (apq === 0) continue;
        const theta = (m[q * d + q] - m[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // M ← Jᵀ M J with the rotation J in the (p, q) plane; V ← V J.
        for (let k = 0; k < d; k++) {
          const mkp = m[k * d + p];
          const mkq = m[k * d + q];
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p * d + k];
          const mqk = m[q * d + k];
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p];
          const vkq = v[k * d + q];
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => m[j * d + j] - m[i * d + i]);
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((src, dst) => {
    values[dst] = m[src * d + src];
    for (let k = 0; k < d; k++) vectors[k * d + dst] = v[k * d + src];
  });
  return { values, vectors };
}
