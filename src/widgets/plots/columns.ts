/** Row-major points [n*2] (how cores and snapshots carry them) → the x and y columns a plot layer takes. */
export function splitXY(xy: ArrayLike<number>): { x: Float32Array; y: Float32Array } {
  const n = Math.floor(xy.length / 2);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = xy[2 * i];
    y[i] = xy[2 * i + 1];
  }
  return { x, y };
}
