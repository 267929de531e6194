/**
 * The likelihood-surface widget's computation outside React: the log-likelihood grid of the
 * two-means mixture for the reader's data, contour levels and colour range, and the MLE markers.
 */
import { mixture1dMle, mixture1dSurface, type Grid1d } from '../../core/em/mixture1d';

export const SURFACE_EXTENT: [number, number] = [-5, 5];
export const SURFACE_SIZE = 61;

export interface SurfaceView {
  /** ℓ/n on the grid, values[j*size + i] = ℓ(μ1 = x_i, μ2 = y_j)/n */
  values: Float64Array;
  size: number;
  range: [number, number];
  levels: number[];
  /** the two modes (μ1, μ2) and (μ2, μ1) */
  mle: [[number, number], [number, number]];
  mleLogLik: number;
}

/**
 * @param x the data [n]. Contours are drawn at fixed drops below the maximum of ℓ/n, so their
 * spacing reads the same for any n; colours saturate 1.5 nats per point below the top.
 */
export function surfaceView(x: ArrayLike<number>): SurfaceView {
  const n = x.length;
  const grid: Grid1d = { min: SURFACE_EXTENT[0], max: SURFACE_EXTENT[1], size: SURFACE_SIZE };
  const values = mixture1dSurface(x, grid).map((v) => v / n);
  const mle = mixture1dMle(x);
  const top = mle.logLik / n;
  const levels = [0.01, 0.03, 0.1, 0.2, 0.4, 0.7, 1.0].map((d) => top - d);
  return { values, size: SURFACE_SIZE, range: [top - 1.5, top], levels, mle: mle.modes, mleLogLik: top };
}
