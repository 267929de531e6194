/**
 * The n-sigma ellipse of a 2-D Gaussian, in pixel space. A covariance Σ in data units becomes
 * S Σ S in pixels with S = diag(sx, -sy) (the y axis points down on screen); its eigenvectors
 * give the axes and the square roots of its eigenvalues the radii of the 1-sigma ellipse
 * { x : (x - μ)ᵀ Σ⁻¹ (x - μ) = 1 }.
 */
export interface PixelEllipse {
  rx: number;
  ry: number;
  /** Rotation of the rx axis from +x, radians, clockwise on screen (canvas convention). */
  angle: number;
}

export function covarianceEllipse(cov: ArrayLike<number>, sx: number, sy: number, nSigma = 1): PixelEllipse {
  // Σ_px = S Σ S, S = diag(sx, -sy); the off-diagonal flips sign with y.
  const a = cov[0] * sx * sx;
  const b = -0.5 * (cov[1] + cov[2]) * sx * sy;
  const d = cov[3] * sy * sy;
  const mean = (a + d) / 2;
  const radius = Math.sqrt(((a - d) / 2) ** 2 + b * b);
  const l1 = Math.max(0, mean + radius);
  const l2 = Math.max(0, mean - radius);
  // Eigenvector of the larger eigenvalue: angle = ½ atan2(2b, a − d).
  const angle = 0.5 * Math.atan2(2 * b, a - d);
  return { rx: nSigma * Math.sqrt(l1), ry: nSigma * Math.sqrt(l2), angle };
}
