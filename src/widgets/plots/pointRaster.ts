/**
 * Many small discs with their own colours, rasterised in JS into an RGBA buffer instead of one
 * canvas path and fill per disc: 2,000 responsibility-coloured points cost about a millisecond
 * instead of a frame. Coverage is analytic (a one-pixel ramp at the rim), blending is
 * source-over in the order given, so the picture matches the vector path within antialiasing.
 */

export interface DiscBatch {
  /** Flat [x0, y0, x1, y1, …] in buffer pixels. */
  centers: ArrayLike<number>;
  /** Radius in buffer pixels. */
  r: number;
  /** [n, 3] bytes, or one colour for all. */
  rgb: ArrayLike<number>;
  alpha: number;
}

export interface RasterRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  /** [height, width, 4] non-premultiplied RGBA, transparent where no disc falls. */
  data: Uint8ClampedArray<ArrayBuffer>;
}

/** The discs' bounding box clipped to [0, bufferWidth) × [0, bufferHeight); null when empty. */
export function discBounds(b: DiscBatch, bufferWidth: number, bufferHeight: number): { x: number; y: number; width: number; height: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let k = 0; k + 1 < b.centers.length; k += 2) {
    const x = b.centers[k];
    const y = b.centers[k + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const pad = b.r + 1;
  const left = Math.max(0, Math.floor(x0 - pad));
  const top = Math.max(0, Math.floor(y0 - pad));
  const right = Math.min(bufferWidth, Math.ceil(x1 + pad));
  const bottom = Math.min(bufferHeight, Math.ceil(y1 + pad));
  if (!(right > left && bottom > top)) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

export function rasterizeDiscs(b: DiscBatch, bufferWidth: number, bufferHeight: number): RasterRegion | null {
  const box = discBounds(b, bufferWidth, bufferHeight);
  if (!box) return null;
  const { x: ox, y: oy, width: w, height: h } = box;
  const data = new Uint8ClampedArray(w * h * 4);
  const single = b.rgb.length === 3;
  const reach = b.r + 0.5;
  for (let k = 0; 2 * k + 1 < b.centers.length; k++) {
    const cx = b.centers[2 * k] - ox;
    const cy = b.centers[2 * k + 1] - oy;
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) continue;
    const c = single ? 0 : 3 * k;
    const sr = b.rgb[c];
    const sg = b.rgb[c + 1];
    const sb = b.rgb[c + 2];
    const i0 = Math.max(0, Math.floor(cx - reach));
    const i1 = Math.min(w - 1, Math.ceil(cx + reach));
    const j0 = Math.max(0, Math.floor(cy - reach));
    const j1 = Math.min(h - 1, Math.ceil(cy + reach));
    for (let j = j0; j <= j1; j++) {
      const dy = j + 0.5 - cy;
      for (let i = i0; i <= i1; i++) {
        const dx = i + 0.5 - cx;
        const coverage = reach - Math.sqrt(dx * dx + dy * dy);
        if (coverage <= 0) continue;
        const a = b.alpha * Math.min(1, coverage);
        const p = 4 * (j * w + i);
        const da = data[p + 3] / 255;
        const outA = a + da * (1 - a);
        const keep = (da * (1 - a)) / outA;
        const put = a / outA;
        data[p] = sr * put + data[p] * keep;
        data[p + 1] = sg * put + data[p + 1] * keep;
        data[p + 2] = sb * put + data[p + 2] * keep;
        data[p + 3] = outA * 255;
      }
    }
  }
  return { ...box, data };
}
