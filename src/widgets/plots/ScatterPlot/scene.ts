/**
 * ScatterPlot's layers → pixel-space primitives (pure; the canvas and the SVG export both
 * draw the result). Draw order: grids (images, then contours), paths, points, ellipses,
 * arrows, handles, then axes on top.
 */
import { axesPrimitives, plotMargins, plotStyle, type PlotStyle } from '../axes';
import { categoryColor } from '../palette';
import type { Primitive, Scene, Theme } from '../primitives';
import { equalAspectDomains, linearScale, type LinearScale } from '../scale';
import { marchingSquares } from './contours';
import { covarianceEllipse } from './ellipse';
import { gridToRgba } from './heatmap';
import type { ArrowLayer, EllipseLayer, GridLayer, PathLayer, PointLayer, ScatterPlotProps } from './types';

export interface ScatterGeometry {
  sx: LinearScale;
  sy: LinearScale;
  style: PlotStyle;
}

export function scatterGeometry(props: ScatterPlotProps, width: number, height: number, presenting: boolean): ScatterGeometry {
  const style = plotStyle(presenting);
  const m = plotMargins(style, Boolean(props.xLabel), Boolean(props.yLabel));
  const range = { x: [m.left, width - m.right] as const, y: [height - m.bottom, m.top] as const };
  let xDomain = props.xDomain;
  let yDomain = props.yDomain;
  if (props.equalAspect) {
    const eq = equalAspectDomains(xDomain, yDomain, range.x[1] - range.x[0], range.y[0] - range.y[1]);
    xDomain = eq.x;
    yDomain = eq.y;
  }
  return { sx: linearScale(xDomain, range.x), sy: linearScale(yDomain, range.y), style };
}

export function buildScatterScene(
  props: ScatterPlotProps,
  width: number,
  height: number,
  theme: Theme,
  presenting: boolean,
): Scene {
  const geo = scatterGeometry(props, width, height, presenting);
  const { sx, sy, style } = geo;
  const [x0, x1] = sx.range;
  const [yBottom, yTop] = sy.range;
  const prims: Primitive[] = [{ kind: 'clip', x: x0, y: yTop, w: x1 - x0, h: yBottom - yTop }];
  for (const g of props.grids ?? []) prims.push(...gridPrimitives(g, geo));
  for (const p of props.paths ?? []) prims.push(...pathPrimitives(p, geo));
  const pointLayers = props.points === undefined ? [] : Array.isArray(props.points) ? props.points : [props.points as PointLayer];
  pointLayers.forEach((layer, k) => prims.push(pointPrimitive(layer, k, geo)));
  props.ellipses?.forEach((e, k) => prims.push(...ellipsePrimitives(e, k, geo, theme)));
  for (const a of props.arrows ?? []) prims.push(...arrowPrimitives(a, geo, theme));
  for (const h of props.handles ?? []) {
    prims.push({ kind: 'circle', x: sx(h.x), y: sy(h.y), r: (h.radius ?? 7) * style.point, fill: h.color ?? categoryColor(0), stroke: theme.bg, strokeWidth: 2 * style.line });
  }
  prims.push({ kind: 'unclip' });
  prims.push(...axesPrimitives(sx, sy, theme, style, { x: props.xLabel, y: props.yLabel }));
  return { width, height, primitives: prims };
}

function pointPrimitive(layer: PointLayer, k: number, { sx, sy, style }: ScatterGeometry): Primitive {
  const n = Math.min(layer.x.length, layer.y.length);
  const centers = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    centers[2 * i] = sx(layer.x[i]);
    centers[2 * i + 1] = sy(layer.y[i]);
  }
  let fill: string | string[] = layer.color ?? categoryColor(k);
  let rgb: Uint8ClampedArray | undefined;
  if (layer.rgb) {
    const src = layer.rgb;
    rgb = new Uint8ClampedArray(3 * n);
    for (let i = 0; i < 3 * n; i++) rgb[i] = Math.round(src[i] * 255);
  } else if (layer.colorIndex) {
    const idx = layer.colorIndex;
    fill = Array.from({ length: n }, (_, i) => categoryColor(idx[i]));
  }
  return { kind: 'circles', centers, r: (layer.size ?? 3) * style.point, fill, rgb, alpha: layer.alpha ?? 0.8 };
}

function ellipsePrimitives(e: EllipseLayer, k: number, { sx, sy, style }: ScatterGeometry, theme: Theme): Primitive[] {
  const color = e.color ?? categoryColor(k);
  const cx = sx(e.mean[0]);
  const cy = sy(e.mean[1]);
  const kx = Math.abs(sx(1) - sx(0));
  const ky = Math.abs(sy(1) - sy(0));
  const sigmas = e.nSigma === undefined ? [1, 2] : typeof e.nSigma === 'number' ? [e.nSigma] : e.nSigma;
  const width = (e.lineWidth ?? 2) * style.line;
  const out: Primitive[] = sigmas.map((s, i) => {
    const px = covarianceEllipse(e.cov, kx, ky, s);
    return { kind: 'ellipse', cx, cy, rx: px.rx, ry: px.ry, angle: px.angle, stroke: color, strokeWidth: width, fillAlpha: i === 0 ? e.fillAlpha : undefined, dashed: e.dashed || i > 0 };
  });
  if (e.showMean !== false) {
    const a = 5 * style.point;
    out.push({ kind: 'segments', coords: [cx - a, cy, cx + a, cy, cx, cy - a, cx, cy + a], stroke: theme.bg, strokeWidth: width + 2 * style.line });
    out.push({ kind: 'segments', coords: [cx - a, cy, cx + a, cy, cx, cy - a, cx, cy + a], stroke: color, strokeWidth: width });
  }
  return out;
}

function gridPrimitives(g: GridLayer, { sx, sy, style }: ScatterGeometry): Primitive[] {
  const out: Primitive[] = [];
  const { x, y } = g.extent;
  const showImage = g.image ?? !(g.levels && g.levels.length > 0);
  if (showImage) {
    // Node i sits at the centre of image pixel i: widen the image by half a cell on each side.
    const hx = (x[1] - x[0]) / Math.max(1, g.nx - 1) / 2;
    const hy = (y[1] - y[0]) / Math.max(1, g.ny - 1) / 2;
    const left = sx(x[0] - hx);
    const top = sy(y[1] + hy);
    out.push({ kind: 'image', x: left, y: top, w: sx(x[1] + hx) - left, h: sy(y[0] - hy) - top, rgba: gridToRgba(g.values, g.nx, g.ny, g.colormap, g.range), iw: g.nx, ih: g.ny, alpha: g.imageAlpha ?? 0.85 });
  }
  const toX = (i: number) => sx(x[0] + (i * (x[1] - x[0])) / Math.max(1, g.nx - 1));
  const toY = (j: number) => sy(y[0] + (j * (y[1] - y[0])) / Math.max(1, g.ny - 1));
  for (const level of g.levels ?? []) {
    const segs = marchingSquares(g.values, g.nx, g.ny, level);
    const coords = new Float32Array(segs.length);
    for (let k = 0; k < segs.length; k += 2) {
      coords[k] = toX(segs[k]);
      coords[k + 1] = toY(segs[k + 1]);
    }
    out.push({ kind: 'segments', coords, stroke: g.contourColor ?? '#555555', strokeWidth: (g.contourWidth ?? 1.2) * style.line, alpha: 0.9 });
  }
  return out;
}

function pathPrimitives(p: PathLayer, { sx, sy, style }: ScatterGeometry): Primitive[] {
  const n = Math.min(p.x.length, p.y.length);
  const points = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    points[2 * i] = sx(p.x[i]);
    points[2 * i + 1] = sy(p.y[i]);
  }
  const color = p.color ?? categoryColor(0);
  const out: Primitive[] = [{ kind: 'polyline', points, stroke: color, strokeWidth: (p.width ?? 2) * style.line, alpha: p.alpha, dashed: p.dashed, closed: p.closed }];
  if (p.markers) out.push({ kind: 'circles', centers: points, r: 2.5 * style.point, fill: color, alpha: p.alpha ?? 1 });
  return out;
}

function arrowPrimitives(a: ArrowLayer, { sx, sy, style }: ScatterGeometry, theme: Theme): Primitive[] {
  const n = Math.min(a.x.length, a.y.length, a.dx.length, a.dy.length);
  const scale = a.scale ?? 1;
  const color = a.color ?? theme.muted;
  const width = (a.width ?? 1.2) * style.line;
  const shafts: number[] = [];
  const out: Primitive[] = [];
  for (let i = 0; i < n; i++) {
    const px = sx(a.x[i]);
    const py = sy(a.y[i]);
    const qx = sx(a.x[i] + scale * a.dx[i]);
    const qy = sy(a.y[i] + scale * a.dy[i]);
    const len = Math.hypot(qx - px, qy - py);
    if (!(len > 0.5)) continue;
    shafts.push(px, py, qx, qy);
    // Head: a triangle whose size follows the line width, capped at 40% of the arrow.
    const head = Math.min(len * 0.4, 4 + 3 * width);
    const ux = (qx - px) / len;
    const uy = (qy - py) / len;
    const bx = qx - ux * head;
    const by = qy - uy * head;
    const w = head * 0.45;
    out.push({ kind: 'polygon', points: [qx, qy, bx - uy * w, by + ux * w, bx + uy * w, by - ux * w], fill: color });
  }
  return [{ kind: 'segments', coords: shafts, stroke: color, strokeWidth: width }, ...out];
}
