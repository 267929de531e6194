/**
 * Median over the n rows of x of the Euclidean distance to the nearest of the m rows of ref, rows
 * of `dim` values (a precision-style measure for digit samples: does each look like some real
 * digit?). Exact nearest neighbours by brute force, stopping a row's sum once it passes the best.
 * @param x [n*dim] @param ref [m*dim]
 */
export function medianNearest(x: ArrayLike<number>, n: number, ref: ArrayLike<number>, m: number, dim: number): number {
  const best: number[] = [];
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    for (let k = 0; k < m; k++) {
      let sq = 0;
      for (let j = 0; j < dim && sq < lo; j++) {
        const diff = x[i * dim + j] - ref[k * dim + j];
        sq += diff * diff;
      }
      if (sq < lo) lo = sq;
    }
    best.push(Math.sqrt(lo));
  }
  best.sort((a, b) => a - b);
  return best[Math.floor(n / 2)];
}
