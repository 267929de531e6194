/**
 * Layers of a ScatterPlot, all in data coordinates. Arrays may be Float64Array, Float32Array
 * or plain number arrays.
 */
import type { ColormapName } from '../palette';

export type Numbers = ArrayLike<number>;

export interface PointLayer {
  x: Numbers;
  y: Numbers;
  /** One colour for all points (CSS colour); default the first category colour. */
  color?: string;
  /** Per-point category index into the Okabe–Ito palette. Takes precedence over `color`. */
  colorIndex?: Numbers;
  /** Per-point RGB in [0, 1], length 3n (e.g. responsibilities mixed into colours). Takes precedence. */
  rgb?: Numbers;
  /** 0..1, default 0.8. */
  alpha?: number;
  /** Radius in CSS pixels, default 3. */
  size?: number;
  label?: string;
}

export interface EllipseLayer {
  mean: readonly [number, number] | Numbers;
  /** 2x2 covariance, row-major [s_xx, s_xy, s_yx, s_yy]. */
  cov: Numbers;
  /** Radii in standard deviations; several draw nested ellipses. Default [1, 2]. */
  nSigma?: number | readonly number[];
  color?: string;
  /** Fill opacity (0 = outline only, the default). */
  fillAlpha?: number;
  lineWidth?: number;
  dashed?: boolean;
  /** Also draw the mean as a cross. Default true. */
  showMean?: boolean;
}

export interface GridLayer {
  /** values[j * nx + i] at x_i = x0 + i (x1 - x0) / (nx - 1), y_j likewise (j = 0 at the bottom). */
  values: Numbers;
  nx: number;
  ny: number;
  extent: { x: readonly [number, number]; y: readonly [number, number] };
  /** Draw as a filled image. Default true when no contour levels are given. */
  image?: boolean;
  colormap?: ColormapName;
  /** Value range mapped to the colormap; default [min, max] of the values. */
  range?: readonly [number, number];
  imageAlpha?: number;
  /** Contour levels (marching squares); omit for none. */
  levels?: readonly number[];
  contourColor?: string;
  contourWidth?: number;
}

export interface PathLayer {
  x: Numbers;
  y: Numbers;
  color?: string;
  width?: number;
  dashed?: boolean;
  alpha?: number;
  /** Draw a dot at each vertex (trajectories of iterates). */
  markers?: boolean;
  closed?: boolean;
}

export interface ArrowLayer {
  x: Numbers;
  y: Numbers;
  dx: Numbers;
  dy: Numbers;
  color?: string;
  /** Multiplies (dx, dy) before drawing; default 1. */
  scale?: number;
  width?: number;
}

export interface Handle {
  x: number;
  y: number;
  color?: string;
  /** Radius in CSS pixels, default 7. */
  radius?: number;
  label?: string;
}

export interface DataPoint {
  x: number;
  y: number;
}

export interface ScatterPlotProps {
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  points?: PointLayer | readonly PointLayer[];
  ellipses?: readonly EllipseLayer[];
  grids?: readonly GridLayer[];
  paths?: readonly PathLayer[];
  arrows?: readonly ArrowLayer[];
  handles?: readonly Handle[];
  xLabel?: string;
  yLabel?: string;
  /** Height / width. Default 0.75. Use `equalAspect` to make one data unit equal on both axes. */
  aspect?: number;
  equalAspect?: boolean;
  /** Accessible description of the figure. */
  ariaLabel?: string;
  onClick?(p: DataPoint): void;
  /** Called while handle `index` is dragged, with the pointer in data coordinates. */
  onDrag?(index: number, p: DataPoint): void;
  onDragEnd?(index: number): void;
  /** Draw mode: pointer-down-and-move collects points, reported as they come and at the end. */
  drawMode?: boolean;
  onDrawPoint?(p: DataPoint): void;
  onDrawEnd?(points: DataPoint[]): void;
  /** Override the frame's flags (outside a frame, or for a figure that should ignore them). */
  presenting?: boolean;
  visible?: boolean;
}
