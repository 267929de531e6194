/**
 * A scene as a standalone SVG document: points, ellipses, lines and arrows as SVG elements;
 * raster layers as embedded PNG data URLs.
 */
import { escapeXml } from '../frame/svgStack';
import { rgbToHex } from './palette';
import { pngDataUrl } from './png';
import type { Primitive, Scene } from './primitives';

const n = (v: number) => String(Math.round(v * 100) / 100);

function pointsAttr(flat: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let k = 0; k + 1 < flat.length; k += 2) parts.push(`${n(flat[k])},${n(flat[k + 1])}`);
  return parts.join(' ');
}

export function sceneToSvg(scene: Scene, font = 'system-ui, sans-serif'): string {
  const body: string[] = [];
  let clipCount = 0;
  let openGroups = 0;
  if (scene.background) body.push(`<rect width="100%" height="100%" fill="${escapeXml(scene.background)}"/>`);
  for (const p of scene.primitives) {
    if (p.kind === 'clip') {
      const id = `clip${clipCount++}`;
      body.push(
        `<clipPath id="${id}"><rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}"/></clipPath>`,
        `<g clip-path="url(#${id})">`,
      );
      openGroups++;
    } else if (p.kind === 'unclip') {
      if (openGroups > 0) {
        body.push('</g>');
        openGroups--;
      }
    } else {
      body.push(primitiveToSvg(p));
    }
  }
  while (openGroups-- > 0) body.push('</g>');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(scene.width)}" height="${n(scene.height)}" ` +
    `viewBox="0 0 ${n(scene.width)} ${n(scene.height)}" font-family="${escapeXml(font)}">${body.join('')}</svg>`
  );
}

function primitiveToSvg(p: Exclude<Primitive, { kind: 'clip' } | { kind: 'unclip' }>): string {
  switch (p.kind) {
    case 'rect':
      return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" fill="${p.fill ? escapeXml(p.fill) : 'none'}"${strokeAttrs(p.stroke, p.strokeWidth)}/>`;
    case 'circle':
      return `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="${n(p.r)}" fill="${p.fill ? escapeXml(p.fill) : 'none'}"${strokeAttrs(p.stroke, p.strokeWidth)}/>`;
    case 'circles': {
      const out: string[] = [`<g class="points" fill-opacity="${n(p.alpha)}">`];
      const single = typeof p.fill === 'string' && !p.rgb ? p.fill : null;
      for (let k = 0; k * 2 + 1 < p.centers.length; k++) {
        const fill = single ?? (p.rgb ? rgbToHex(p.rgb[3 * k], p.rgb[3 * k + 1], p.rgb[3 * k + 2]) : (p.fill as readonly string[])[k]);
        out.push(`<circle cx="${n(p.centers[2 * k])}" cy="${n(p.centers[2 * k + 1])}" r="${n(p.r)}" fill="${escapeXml(fill)}"/>`);
      }
      out.push('</g>');
      return out.join('');
    }
    case 'ellipse': {
      const deg = (p.angle * 180) / Math.PI;
      const fill = p.fillAlpha ? `fill="${escapeXml(p.stroke)}" fill-opacity="${n(p.fillAlpha)}"` : 'fill="none"';
      const dash = p.dashed ? ` stroke-dasharray="${n(p.strokeWidth * 4)} ${n(p.strokeWidth * 3)}"` : '';
      return `<ellipse cx="${n(p.cx)}" cy="${n(p.cy)}" rx="${n(p.rx)}" ry="${n(p.ry)}" transform="rotate(${n(deg)} ${n(p.cx)} ${n(p.cy)})" ${fill}${strokeAttrs(p.stroke, p.strokeWidth)}${dash}/>`;
    }
    case 'polyline': {
      const tag = p.closed ? 'polygon' : 'polyline';
      const dash = p.dashed ? ` stroke-dasharray="${n(p.strokeWidth * 4)} ${n(p.strokeWidth * 3)}"` : '';
      const alpha = p.alpha !== undefined && p.alpha < 1 ? ` stroke-opacity="${n(p.alpha)}"` : '';
      return `<${tag} points="${pointsAttr(p.points)}" fill="none"${strokeAttrs(p.stroke, p.strokeWidth)} stroke-linejoin="round" stroke-linecap="round"${dash}${alpha}/>`;
    }
    case 'segments': {
      const d: string[] = [];
      for (let k = 0; k + 3 < p.coords.length; k += 4) {
        d.push(`M${n(p.coords[k])} ${n(p.coords[k + 1])}L${n(p.coords[k + 2])} ${n(p.coords[k + 3])}`);
      }
      const alpha = p.alpha !== undefined && p.alpha < 1 ? ` stroke-opacity="${n(p.alpha)}"` : '';
      return `<path d="${d.join('')}" fill="none"${strokeAttrs(p.stroke, p.strokeWidth)} stroke-linecap="round"${alpha}/>`;
    }
    case 'polygon': {
      const alpha = p.alpha !== undefined && p.alpha < 1 ? ` fill-opacity="${n(p.alpha)}"` : '';
      return `<polygon points="${pointsAttr(p.points)}" fill="${escapeXml(p.fill)}"${alpha}/>`;
    }
    case 'image': {
      const alpha = p.alpha !== undefined && p.alpha < 1 ? ` opacity="${n(p.alpha)}"` : '';
      const rendering = p.pixelated ? ' style="image-rendering:pixelated"' : '';
      return `<image x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" preserveAspectRatio="none"${alpha}${rendering} href="${pngDataUrl(p.rgba, p.iw, p.ih)}"/>`;
    }
    case 'text': {
      const baseline = p.baseline === 'top' ? 'hanging' : p.baseline === 'bottom' ? 'text-after-edge' : 'central';
      const rotate = p.rotate ? ` transform="rotate(${n(p.rotate)} ${n(p.x)} ${n(p.y)})"` : '';
      return `<text x="${n(p.x)}" y="${n(p.y)}" fill="${escapeXml(p.fill)}" font-size="${n(p.size)}" text-anchor="${p.anchor}" dominant-baseline="${baseline}"${rotate}>${escapeXml(p.text)}</text>`;
    }
  }
}

function strokeAttrs(stroke?: string, width?: number): string {
  return stroke ? ` stroke="${escapeXml(stroke)}" stroke-width="${n(width ?? 1)}"` : '';
}
