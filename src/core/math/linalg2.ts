/**
 * Closed forms for symmetric 2 × 2 matrices [[a, b], [b, c]], stored as (a, b, c) or as a
 * row-major [4]. The 2-D Gaussian mixture code and the ellipse drawing use these in the inner loop.
 */

/** det [[a, b], [b, c]] = ac − b². */
export function det2(a: number, b: number, c: number): number {
  return a * c - b * b;
}

/** Inverse of [[a, b], [b, c]] as (a', b', c'); Infinity/NaN if singular. */
export function inverse2(a: number, b: number, c: number): [number, number, number] {
  const det = a * c - b * b;
  return [c / det, -b / det, a / det];
}

/** Cholesky factor [[l11, 0], [l21, l22]] of an SPD [[a, b], [b, c]]; null if not positive definite. */
export function cholesky2(a: number, b: number, c: number): [number, number, number] | null {
  if (!(a > 0)) return null;
  const l11 = Math.sqrt(a);
  const l21 = b / l11;
  const s = c - l21 * l21;
  if (!(s > 0)) return null;
  return [l11, l21, Math.sqrt(s)];
}

/**
 * Eigen-decomposition of [[a, b], [b, c]]: λ1 ≥ λ2 and the angle θ of the first eigenvector
 * (cos θ, sin θ), so a covariance ellipse is drawn with semi-axes √λ1, √λ2 rotated by θ.
 */
export function eigen2(a: number, b: number, c: number): { l1: number; l2: number; angle: number } {
  const mid = (a + c) / 2;
  const r = Math.hypot((a - c) / 2, b);
  return { l1: mid + r, l2: mid - r, angle: 0.5 * Math.atan2(2 * b, a - c) };
}
