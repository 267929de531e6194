/**
 * The cavi-gmm widget's data shaping, outside React: hard labels and mixed colours from the
 * responsibilities φ [n*K], and a square plot domain around the points [n*2].
 */
import { hexToRgb, categoryColor } from '../plots/palette';

/** argmax_k φ_ik for each i. */
export function hardLabels(phi: ArrayLike<number>, n: number, K: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (phi[i * K + k] > phi[i * K + best]) best = k;
    out[i] = best;
  }
  return out;
}

/** Per-point RGB in [0, 1] [n*3]: the category colours averaged with weights φ_i. */
export function mixedColors(phi: ArrayLike<number>, n: number, K: number): Float64Array {
  const palette = Array.from({ length: K }, (_, k) => hexToRgb(categoryColor(k)));
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const w = phi[i * K + k];
      for (let c = 0; c < 3; c++) out[3 * i + c] += (w * palette[k][c]) / 255;
    }
  }
  return out;
}

/** A square domain [lo, hi] covering all points with a 10% margin (equal on both axes). */
export function squareDomain(xy: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < xy.length; i++) {
    lo = Math.min(lo, xy[i]);
    hi = Math.max(hi, xy[i]);
  }
  if (!(hi > lo)) return [-1, 1];
  const pad = 0.1 * (hi - lo);
  return [lo - pad, hi + pad];
}
