/** Draws a scene on a 2-D canvas context already scaled to CSS pixels. */
import type { Primitive, Scene } from './primitives';

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
      ctx.globalAlpha = p.alpha;
      const single = typeof p.fill === 'string' ? p.fill : null;
      if (single) ctx.fillStyle = single;
      let last = single;
      for (let k = 0; k * 2 + 1 < p.centers.length; k++) {
        if (!single) {
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

function rgbaCanvas(rgba: Uint8ClampedArray, w: number, h: number): HTMLCanvasElement | null {
  if (w <= 0 || h <= 0) return null;
  const key = `${w}x${h}`;
  let c = scratch.get(key);
  if (!c) {
    c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    if (scratch.size > 16) scratch.clear();
    scratch.set(key, c);
  }
  const cctx = c.getContext('2d');
  if (!cctx) return null;
  cctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), w, h), 0, 0);
  return c;
}
