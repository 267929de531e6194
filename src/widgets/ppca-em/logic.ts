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

/** Arrows mean → mean ± w_a (first two coordinates) for every column a of W [d*q]. */
export function loadingArrows(W: ArrayLike<number>, d: number, q: number, mean: ArrayLike<number>): { x: number[]; y: number[]; dx: number[]; dy: number[] } {
  const out = { x: [] as number[], y: [] as number[], dx: [] as number[], dy: [] as number[] };
  for (const s of loadingSegments(W, d, q, mean)) {
    for (const end of [0, 1]) {
      out.x.push(mean[0]);
      out.y.push(mean[1]);
      out.dx.push(s.x[end] - mean[0]);
      out.dy.push(s.y[end] - mean[1]);
    }
  }
  return out;
}

/** The top-left 2×2 block of C = W Wᵀ + σ² I (the marginal covariance of the first two coordinates), row-major [4]. */
export function modelCovariance2(W: ArrayLike<number>, d: number, q: number, sigma2: number): number[] {
  const c = [sigma2, 0, 0, sigma2];
  for (let a = 0; a < q; a++) {
    const w0 = W[a];
    const w1 = d > 1 ? W[q + a] : 0;
    c[0] += w0 * w0;
    c[1] += w0 * w1;
    c[2] += w0 * w1;
    c[3] += w1 * w1;
  }
  return c;
}
