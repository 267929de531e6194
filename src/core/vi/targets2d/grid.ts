/**
 * Evaluating 2-D log-densities on a regular grid: for contour plots, and for trapezoid-rule
 * quadrature (the check that a claimed normalizing constant, or a flow's density, is right).
 */

/** Regular grid of n × n points over [x0, x1] × [y0, y1]; rows run over y, columns over x. */
export interface Grid2D {
  n: number;
  box: [number, number, number, number];
  /** Point coordinates [n*n*2], row-major (row j = y_j, column i = x_i). */
  points: Float32Array;
}

export function makeGrid(box: [number, number, number, number], n: number): Grid2D {
  const [x0, x1, y0, y1] = box;
  const points = new Float32Array(n * n * 2);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      points[2 * k] = x0 + ((x1 - x0) * i) / (n - 1);
      points[2 * k + 1] = y0 + ((y1 - y0) * j) / (n - 1);
    }
  }
  return { n, box, points };
}

/**
 * log ∫∫ exp(f) over the box by the 2-D trapezoid rule with nx × ny nodes, computed stably
 * (the maximum is factored out). For smooth densities that vanish at the box edges the rule is
 * spectrally accurate.
 * @param logValues f at the nodes [ny*nx], row j = y_j
 */
export function logTrapezoid2d(logValues: ArrayLike<number>, box: [number, number, number, number], nx: number, ny: number): number {
  const [x0, x1, y0, y1] = box;
  const hx = (x1 - x0) / (nx - 1);
  const hy = (y1 - y0) / (ny - 1);
  let max = -Infinity;
  for (let k = 0; k < nx * ny; k++) if (logValues[k] > max) max = logValues[k];
  let sum = 0;
  for (let j = 0; j < ny; j++) {
    const wy = j === 0 || j === ny - 1 ? 0.5 : 1;
    for (let i = 0; i < nx; i++) {
      const wx = i === 0 || i === nx - 1 ? 0.5 : 1;
      sum += wx * wy * Math.exp(logValues[j * nx + i] - max);
    }
  }
  return max + Math.log(sum * hx * hy);
}

/** log ∫∫ exp(f(x, y)) dx dy over `box` for a plain-number log-density f. */
export function logIntegrate2d(
  logDensity: (x: number, y: number) => number,
  box: [number, number, number, number],
  nx: number,
  ny: number,
): number {
  const [x0, x1, y0, y1] = box;
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const y = y0 + ((y1 - y0) * j) / (ny - 1);
    for (let i = 0; i < nx; i++) values[j * nx + i] = logDensity(x0 + ((x1 - x0) * i) / (nx - 1), y);
  }
  return logTrapezoid2d(values, box, nx, ny);
}
