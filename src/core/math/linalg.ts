/**
 * Small dense linear algebra on row-major Float64Array matrices (d × d, d up to a few tens).
 * Enough for Gaussian densities, EM M-steps and PPCA; not a BLAS.
 * A matrix A is stored as A[i*d + j].
 */

/** d × d identity, optionally scaled. */
export function identity(d: number, scale = 1): Float64Array {
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) out[i * d + i] = scale;
  return out;
}

/** C = A B for A [m×k], B [k×n]. */
export function matmul(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aip * b[p * n + j];
    }
  }
  return out;
}

/** Aᵀ for A [m×n] → [n×m]. */
export function transpose(a: ArrayLike<number>, m: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = a[i * n + j];
  return out;
}

/**
 * Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive-definite A [d×d].
 * Returns null when A is not numerically positive definite (a non-positive pivot).
 */
export function cholesky(a: ArrayLike<number>, d: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j];
    for (let k = 0; k < j; k++) s -= l[j * d + k] * l[j * d + k];
    if (!(s > 0)) return null;
    const ljj = Math.sqrt(s);
    l[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j];
      for (let k = 0; k < j; k++) t -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = t / ljj;
    }
  }
  return l;
}

/** Solves L y = b by forward substitution (L lower triangular [d×d]). */
export function forwardSubstitute(l: ArrayLike<number>, b: ArrayLike<number>, d: number): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * d + k] * y[k];
    y[i] = s / l[i * d + i];
  }
  return y;
}

/** Solves Lᵀ x = y by back substitution (L lower triangular [d×d]). */
export function backSubstituteTransposed(l: ArrayLike<number>, y: ArrayLike<number>, d: number): Float64Array {
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < d; k++) s -= l[k * d + i] * x[k];
    x[i] = s / l[i * d + i];
  }
  return x;
}

/** Solves A x = b given the Cholesky factor L of A. */
export function choleskySolve(l: ArrayLike<number>, b: ArrayLike<number>, d: number): Float64Array {
  return backSubstituteTransposed(l, forwardSubstitute(l, b, d), d);
}

/** log det A = 2 Σ log L_ii from the Cholesky factor. */
export function logDetFromCholesky(l: ArrayLike<number>, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(l[i * d + i]);
  return 2 * s;
}

/**
 * LU decomposition with partial pivoting of a general square A [d×d] (PA = LU, packed).
 * Returns null if A is singular to working precision.
 */
function luDecompose(a: ArrayLike<number>, d: number): { lu: Float64Array; perm: Int32Array; sign: number } | null {
  const lu = Float64Array.from(a);
  const perm = new Int32Array(d);
  for (let i = 0; i < d; i++) perm[i] = i;
  let sign = 1;
  let maxAbs = 0;
  for (let i = 0; i < d * d; i++) maxAbs = Math.max(maxAbs, Math.abs(lu[i]));
  const tiny = maxAbs * d * Number.EPSILON;
  for (let k = 0; k < d; k++) {
    let p = k;
    for (let i = k + 1; i < d; i++) if (Math.abs(lu[i * d + k]) > Math.abs(lu[p * d + k])) p = i;
    if (!(Math.abs(lu[p * d + k]) > tiny)) return null;
    if (p !== k) {
      for (let j = 0; j < d; j++) {
        const t = lu[k * d + j];
        lu[k * d + j] = lu[p * d + j];
        lu[p * d + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[p];
      perm[p] = t;
      sign = -sign;
    }
    for (let i = k + 1; i < d; i++) {
      const f = (lu[i * d + k] /= lu[k * d + k]);
      for (let j = k + 1; j < d; j++) lu[i * d + j] -= f * lu[k * d + j];
    }
  }
  return { lu, perm, sign };
}

function luSolve(lu: Float64Array, perm: Int32Array, b: ArrayLike<number>, d: number): Float64Array {
  const x = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[perm[i]];
    for (let k = 0; k < i; k++) s -= lu[i * d + k] * x[k];
    x[i] = s;
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < d; k++) s -= lu[i * d + k] * x[k];
    x[i] = s / lu[i * d + i];
  }
  return x;
}

/** Solves A x = b for a general square A; throws if A is singular. */
export function solve(a: ArrayLike<number>, b: ArrayLike<number>, d: number): Float64Array {
  const f = luDecompose(a, d);
  if (!f) throw new Error('solve: matrix is singular to working precision');
  return luSolve(f.lu, f.perm, b, d);
}

/** A⁻¹ for a general square A; throws if A is singular. */
export function inverse(a: ArrayLike<number>, d: number): Float64Array {
  const f = luDecompose(a, d);
  if (!f) throw new Error('inverse: matrix is singular to working precision');
  const out = new Float64Array(d * d);
  const e = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    e.fill(0);
    e[j] = 1;
    const col = luSolve(f.lu, f.perm, e, d);
    for (let i = 0; i < d; i++) out[i * d + j] = col[i];
  }
  return out;
}

/** log |det A| and the sign of det A for a general square A (sign 0, logAbsDet -Infinity if singular). */
export function logDet(a: ArrayLike<number>, d: number): { logAbsDet: number; sign: number } {
  const f = luDecompose(a, d);
  if (!f) return { logAbsDet: -Infinity, sign: 0 };
  let s = 0;
  let sign = f.sign;
  for (let i = 0; i < d; i++) {
    const u = f.lu[i * d + i];
    if (u < 0) sign = -sign;
    s += Math.log(Math.abs(u));
  }
  return { logAbsDet: s, sign };
}
