/**
 * A bivariate Gaussian density on a square grid for the contour plot, with contour levels at the
 * densities of the 1-, 2- and 3-sd ellipses.
 */
export interface DensityGrid {
  values: Float64Array;
  nx: number;
  ny: number;
  extent: { x: [number, number]; y: [number, number] };
  levels: number[];
}

/** @param mean [2] @param cov [Σ11, Σ12, Σ22] */
export function densityGrid(mean: ArrayLike<number>, cov: ArrayLike<number>, half: number, n: number): DensityGrid {
  const det = cov[0] * cov[2] - cov[1] * cov[1];
  const i11 = cov[2] / det;
  const i12 = -cov[1] / det;
  const i22 = cov[0] / det;
  const norm = 1 / (2 * Math.PI * Math.sqrt(det));
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const y = -half + (2 * half * j) / (n - 1) - mean[1];
    for (let i = 0; i < n; i++) {
      const x = -half + (2 * half * i) / (n - 1) - mean[0];
      values[j * n + i] = norm * Math.exp(-0.5 * (i11 * x * x + 2 * i12 * x * y + i22 * y * y));
    }
  }
  const levels = [3, 2, 1].map((k) => norm * Math.exp(-0.5 * k * k));
  return { values, nx: n, ny: n, extent: { x: [-half, half], y: [-half, half] }, levels };
}
