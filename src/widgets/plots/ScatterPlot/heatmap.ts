/**
 * A grid of values as RGBA pixels (one pixel per grid node) through a colormap. Row 0 of the
 * image is the top of the plot, i.e. the largest y (grid row ny − 1).
 */
import { colormap, type ColormapName } from '../palette';

export function valueRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

export function gridToRgba(
  values: ArrayLike<number>,
  nx: number,
  ny: number,
  map: ColormapName = 'viridis',
  range?: readonly [number, number],
): Uint8ClampedArray {
  const [lo, hi] = range ?? valueRange(values);
  const span = hi - lo || 1;
  const out = new Uint8ClampedArray(nx * ny * 4);
  for (let j = 0; j < ny; j++) {
    const row = ny - 1 - j;
    for (let i = 0; i < nx; i++) {
      const v = values[j * nx + i];
      const o = (row * nx + i) * 4;
      if (!Number.isFinite(v)) continue; // transparent
      const [r, g, b] = colormap(map, (v - lo) / span);
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = 255;
    }
  }
  return out;
}
