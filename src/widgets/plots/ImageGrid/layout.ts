/**
 * Pure layout of a grid of small grayscale images (digits, samples, reconstructions):
 * one composite RGBA bitmap at one pixel per image pixel (gaps included), scaled on screen.
 */
export interface ImageGridLayout {
  rows: number;
  cols: number;
  /** Composite bitmap size in image pixels. */
  bitmapWidth: number;
  bitmapHeight: number;
  /** CSS px per image pixel. */
  scale: number;
  /** Height reserved under each cell for its label, CSS px. */
  labelHeight: number;
  /** Whole figure, CSS px. */
  width: number;
  height: number;
}

export function imageGridLayout(opts: {
  count: number;
  imageWidth: number;
  imageHeight: number;
  cols?: number;
  /** Available width in CSS px; the scale is chosen to fit it unless `scale` is given. */
  maxWidth: number;
  scale?: number;
  gap?: number;
  labelHeight?: number;
}): ImageGridLayout {
  const gap = opts.gap ?? 1;
  const cols = Math.max(1, Math.min(opts.count, opts.cols ?? Math.ceil(Math.sqrt(opts.count))));
  const rows = Math.max(1, Math.ceil(opts.count / cols));
  const labelHeight = opts.labelHeight ?? 0;
  const bitmapWidth = cols * opts.imageWidth + (cols - 1) * gap;
  const cellRows = rows * opts.imageHeight + (rows - 1) * gap;
  const fit = opts.maxWidth > 0 ? opts.maxWidth / bitmapWidth : 1;
  const scale = Math.max(0.25, opts.scale ? Math.min(opts.scale, fit) : Math.min(fit, 8));
  return {
    rows,
    cols,
    bitmapWidth,
    bitmapHeight: cellRows,
    scale,
    labelHeight,
    width: bitmapWidth * scale,
    height: cellRows * scale + rows * labelHeight,
  };
}

/** Index of the image under a point (CSS px, relative to the figure), or -1 in a gap. */
export function imageIndexAt(layout: ImageGridLayout, count: number, imageWidth: number, imageHeight: number, px: number, py: number, gap = 1): number {
  const cellW = (imageWidth + gap) * layout.scale;
  const cellH = (imageHeight + gap) * layout.scale + layout.labelHeight;
  const col = Math.floor(px / cellW);
  const row = Math.floor(py / cellH);
  if (col < 0 || row < 0 || col >= layout.cols || row >= layout.rows) return -1;
  if (px - col * cellW > imageWidth * layout.scale || py - row * cellH > imageHeight * layout.scale + layout.labelHeight) return -1;
  const index = row * layout.cols + col;
  return index < count ? index : -1;
}

/**
 * Composite RGBA of all images for one row band: each image's values in [0, 1] become grey
 * levels (ink dark on paper when `inkDark`), gaps transparent.
 * @param images [n, h * w] values in [0, 1]
 * @returns per grid row, a bitmap [h, bitmapWidth, 4]
 */
export function imageRowBitmaps(
  images: ArrayLike<number>,
  count: number,
  w: number,
  h: number,
  layout: ImageGridLayout,
  inkDark: boolean,
  gap = 1,
): Uint8ClampedArray[] {
  const out: Uint8ClampedArray[] = [];
  const bw = layout.bitmapWidth;
  for (let r = 0; r < layout.rows; r++) {
    const rgba = new Uint8ClampedArray(bw * h * 4);
    for (let c = 0; c < layout.cols; c++) {
      const index = r * layout.cols + c;
      if (index >= count) break;
      const ox = c * (w + gap);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const v = Math.min(1, Math.max(0, images[index * w * h + y * w + x] || 0));
          const g = Math.round(255 * (inkDark ? 1 - v : v));
          const o = (y * bw + ox + x) * 4;
          rgba[o] = g;
          rgba[o + 1] = g;
          rgba[o + 2] = g;
          rgba[o + 3] = 255;
        }
      }
    }
    out.push(rgba);
  }
  return out;
}
