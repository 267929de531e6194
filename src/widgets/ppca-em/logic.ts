/**
 * The ppca-em widget's geometry outside React: the data and loading directions projected on the
 * first two coordinates, centred at the sample mean.
 */
export interface Segment {
  x: [number, number];
  y: [number, number];
}

/**
 * Line segments mean ± w_a (first two coordinates) for each column a of W [d*q]: the sign of a
 * PPCA loading column is arbitrary, so it is drawn as a line through the mean.
 */
export function loadingSegments(W: ArrayLike<number>, d: number, q: number, mean: ArrayLike<number>): Segment[] {
  const out: Segment[] = [];
  for (let a = 0; a < q; a++) {
    const wx = W[0 * q + a];
    const wy = d > 1 ? W[1 * q + a] : 0;
    out.push({ x: [mean[0] - wx, mean[0] + wx], y: [mean[1] - wy, mean[1] + wy] });
  }
  return out;
}

/** The first two coordinates of x [n*d]. */
export function firstTwo(x: ArrayLike<number>, n: number, d: number): { x: Float32Array; y: Float32Array } {
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = x[i * d];
    ys[i] = x[i * d + 1];
  }
  return { x: xs, y: ys };
}
