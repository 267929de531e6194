/** Draws a scene on a 2-D canvas context already scaled to CSS pixels. */
import { hexToRgb } from './palette';
import { rasterizeDiscs } from './pointRaster';
import type { Primitive, Scene } from './primitives';

/** From this many points on, discs are rasterised in JS (one image) instead of one path each. */
const RASTER_MIN_POINTS = 200;

export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, font: string): void {
  ctx.clearRect(0, 0, scene.width, scene.height);
  if (scene.background) {
    ctx.fillStyle = scene.background;
    ctx.fillRect(0, 0, scene.width, scene.height);
  }
  let clips = 0;
  for (const p of scene.primitives) {
    if (p.kind === 'clip') {
      ctx.save();
      ctx.beginPath();
      ctx.rect(p.x, p.y, p.w, p.h);
      ctx.clip();
      clips++;
    } else if (p.kind === 'unclip') {
      if (clips > 0) {
        ctx.restore();
        clips--;
      }
    } else {
      drawPrimitive(ctx, p, font);
    }
  }
  while (clips-- > 0) ctx.restore();
}

function drawPrimitive(ctx: CanvasRenderingContext2D, p: Exclude<Primitive, { kind: 'clip' } | { kind: 'unclip' }>, font: string) {
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  switch (p.kind) {
    case 'rect':
      if (p.fill) {
        ctx.fillStyle = p.fill;
        ctx.fillRect(p.x, p.y, p.w, p.h);
      }
      if (p.stroke) {
        ctx.strokeStyle = p.stroke;
        ctx.lineWidth = p.strokeWidth ?? 1;
        ctx.strokeRect(p.x, p.y, p.w, p.h);
      }
      return;
    case 'circle':
      ctx.beginPath();
      ctx.arc(p.x, p.y, p.r, 0, 2 * Math.PI);
      if (p.fill) {
        ctx.fillStyle = p.fill;
        ctx.fill();
      }
      if (p.stroke) {
        ctx.strokeStyle = p.stroke;
        ctx.lineWidth = p.strokeWidth ?? 1;
        ctx.stroke();
      }
      return;
    case 'circles': {
      if (p.centers.length / 2 >= RASTER_MIN_POINTS && drawDiscsRaster(ctx, p)) return;
      ctx.globalAlpha = p.alpha;
      const single = typeof p.fill === 'string' ? p.fill : null;
      if (single) ctx.fillStyle = single;
      let last = single;
      for (let k = 0; k * 2 + 1 < p.centers.length; k++) {
        if (p.rgb) {
          ctx.fillStyle = `rgb(${p.rgb[3 * k]},${p.rgb[3 * k + 1]},${p.rgb[3 * k + 2]})`;
        } else if (!single) {
          const c = (p.fill as readonly string[])[k];
          if (c !== last) {
            ctx.fillStyle = c;
            last = c;
          }
        }
        ctx.beginPath();
        ctx.arc(p.centers[2 * k], p.centers[2 * k + 1], p.r, 0, 2 * Math.PI);
        ctx.fill();
      }
      return;
    }
    case 'ellipse':
      ctx.beginPath();
      ctx.ellipse(p.cx, p.cy, Math.max(0, p.rx), Math.max(0, p.ry), p.angle, 0, 2 * Math.PI);
      if (p.fillAlpha) {
        ctx.globalAlpha = p.fillAlpha;
        ctx.fillStyle = p.stroke;
        ctx.fill();
        ctx.globalAlpha = 1;
      }
      ctx.strokeStyle = p.stroke;
      ctx.lineWidth = p.strokeWidth;
      if (p.dashed) ctx.setLineDash([p.strokeWidth * 4, p.strokeWidth * 3]);
      ctx.stroke();
      return;
    case 'polyline':
      if (p.points.length < 4) return;
      ctx.beginPath();
      ctx.moveTo(p.points[0], p.points[1]);
      for (let k = 2; k + 1 < p.points.length; k += 2) ctx.lineTo(p.points[k], p.points[k + 1]);
      if (p.closed) ctx.closePath();
      ctx.globalAlpha = p.alpha ?? 1;
      ctx.strokeStyle = p.stroke;
      ctx.lineWidth = p.strokeWidth;
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      if (p.dashed) ctx.setLineDash([p.strokeWidth * 4, p.strokeWidth * 3]);
      ctx.stroke();
      return;
    case 'segments':
      ctx.beginPath();
      for (let k = 0; k + 3 < p.coords.length; k += 4) {
        ctx.moveTo(p.coords[k], p.coords[k + 1]);
        ctx.lineTo(p.coords[k + 2], p.coords[k + 3]);
      }
      ctx.globalAlpha = p.alpha ?? 1;
      ctx.strokeStyle = p.stroke;
      ctx.lineWidth = p.strokeWidth;
      ctx.lineCap = 'round';
      ctx.stroke();
      return;
    case 'polygon':
      if (p.points.length < 6) return;
      ctx.beginPath();
      ctx.moveTo(p.points[0], p.points[1]);
      for (let k = 2; k + 1 < p.points.length; k += 2) ctx.lineTo(p.points[k], p.points[k + 1]);
      ctx.closePath();
      ctx.globalAlpha = p.alpha ?? 1;
      ctx.fillStyle = p.fill;
      ctx.fill();
      return;
    case 'image': {
      const off = rgbaCanvas(p.rgba, p.iw, p.ih);
      if (!off) return;
      ctx.globalAlpha = p.alpha ?? 1;
      ctx.imageSmoothingEnabled = !p.pixelated;
      ctx.drawImage(off, p.x, p.y, p.w, p.h);
      ctx.imageSmoothingEnabled = true;
      return;
    }
    case 'text':
      ctx.save();
      ctx.fillStyle = p.fill;
      ctx.font = `${p.size}px ${font}`;
      ctx.textAlign = p.anchor === 'middle' ? 'center' : p.anchor;
      ctx.textBaseline = p.baseline;
      ctx.translate(p.x, p.y);
      if (p.rotate) ctx.rotate((p.rotate * Math.PI) / 180);
      ctx.fillText(p.text, 0, 0);
      ctx.restore();
      return;
  }
}

// One scratch canvas per image size, reused across frames.
const scratch = new Map<string, HTMLCanvasElement>();

function scratchCanvas(purpose: string, w: number, h: number): HTMLCanvasElement | null {
  if (w <= 0 || h <= 0) return null;
  const key = `${purpose}:${w}x${h}`;
  let c = scratch.get(key);
  if (!c) {
    c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    if (scratch.size > 16) scratch.clear();
    scratch.set(key, c);
  }
  return c;
}

function rgbaCanvas(rgba: Uint8ClampedArray, w: number, h: number): HTMLCanvasElement | null {
  const c = scratchCanvas('image', w, h);
  if (!c) return null;
  const cctx = c.getContext('2d');
  if (!cctx) return null;
  cctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), w, h), 0, 0);
  return c;
}

type Circles = Extract<Primitive, { kind: 'circles' }>;

/**
 * The discs as one image in device pixels (under the current clip). False when the context's
 * transform is not a plain scale + translation (then the vector path draws them).
 */
function drawDiscsRaster(ctx: CanvasRenderingContext2D, p: Circles): boolean {
  const t = ctx.getTransform();
  if (t.b !== 0 || t.c !== 0 || !(t.a > 0) || !(t.d > 0)) return false;
  const n = p.centers.length >> 1;
  const centers = new Float32Array(2 * n);
  for (let k = 0; k < n; k++) {
    centers[2 * k] = t.a * p.centers[2 * k] + t.e;
    centers[2 * k + 1] = t.d * p.centers[2 * k + 1] + t.f;
  }
  const region = rasterizeDiscs({ centers, r: p.r * t.a, rgb: p.rgb ?? fillBytes(p.fill, n), alpha: p.alpha }, ctx.canvas.width, ctx.canvas.height);
  if (!region) return true;
  const layer = scratchCanvas('discs', region.width, region.height);
  const lctx = layer?.getContext('2d');
  if (!layer || !lctx) return false;
  lctx.putImageData(new ImageData(region.data, region.width, region.height), 0, 0);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.drawImage(layer, region.x, region.y);
  ctx.restore();
  return true;
}

function fillBytes(fill: string | readonly string[], n: number): Uint8ClampedArray {
  if (typeof fill === 'string') return Uint8ClampedArray.from(parseColor(fill));
  const out = new Uint8ClampedArray(3 * n);
  for (let k = 0; k < n; k++) out.set(parseColor(fill[k]), 3 * k);
  return out;
}

const parsed = new Map<string, [number, number, number]>();

function parseColor(c: string): [number, number, number] {
  let v = parsed.get(c);
  if (!v) {
    v = /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(c) ? hexToRgb(c) : [0, 0, 0];
    if (parsed.size > 256) parsed.clear();
    parsed.set(c, v);
  }
  return v;
}
