/**
 * The web app manifest's PNG icons, drawn by code at build time (no binary files in the repo):
 * the favicon's picture (public/favicon.svg: two mixture components' ellipses, white and orange,
 * on the book's blue) rasterised with 4×4 supersampling and written as compressed PNG.
 *
 * - `any` icons: a rounded square on a transparent background, like the favicon;
 * - `maskable` icon: the background fills the square and the ellipses sit inside the central
 *   80% circle that every launcher mask keeps (the maskable icon spec's safe zone).
 */
import { deflateSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { crc32 } from '../../src/widgets/plots/png.ts';

type Rgb = readonly [number, number, number];

const BLUE: Rgb = [0x0b, 0x5c, 0xab];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const ORANGE: Rgb = [0xe6, 0x9f, 0x00];

/** An outlined ellipse in the favicon's 64-unit coordinates. */
interface Ring {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  /** degrees, clockwise as in SVG's rotate() */
  angle: number;
  stroke: number;
  color: Rgb;
}

// Exactly the favicon's two ellipses.
const RINGS: readonly Ring[] = [
  { cx: 24, cy: 30, rx: 12, ry: 8, angle: -30, stroke: 4, color: WHITE },
  { cx: 42, cy: 38, rx: 11, ry: 7, angle: 25, stroke: 4, color: ORANGE },
];

/** Approximate signed distance from (x, y) to the ellipse's outline (first-order, in units). */
function ellipseDistance(ring: Ring, x: number, y: number): number {
  const t = (-ring.angle * Math.PI) / 180;
  const dx = x - ring.cx;
  const dy = y - ring.cy;
  const u = dx * Math.cos(t) - dy * Math.sin(t);
  const v = dx * Math.sin(t) + dy * Math.cos(t);
  const r = Math.hypot(u / ring.rx, v / ring.ry);
  if (r === 0) return -Math.min(ring.rx, ring.ry);
  const grad = Math.hypot(u / (ring.rx * ring.rx), v / (ring.ry * ring.ry)) / r;
  return (r - 1) / grad;
}

/** Colour of one sample point in favicon units, or null where the icon is transparent. */
function sample(x: number, y: number, maskable: boolean): Rgb | null {
  if (!maskable) {
    // Rounded square, corner radius 12 (the favicon's rx).
    const qx = Math.max(Math.abs(x - 32) - 20, 0);
    const qy = Math.max(Math.abs(y - 32) - 20, 0);
    if (Math.hypot(qx, qy) > 12) return null;
  }
  // Later rings are drawn on top, as in the SVG.
  for (let k = RINGS.length - 1; k >= 0; k--) {
    if (Math.abs(ellipseDistance(RINGS[k], x, y)) <= RINGS[k].stroke / 2) return RINGS[k].color;
  }
  return BLUE;
}

/**
 * The icon as RGBA bytes [size, size, 4]. A maskable icon shrinks the picture to 72% of the
 * square about its centre, so the ellipses stay inside the 80% safe circle.
 */
export function drawIcon(size: number, maskable: boolean): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const SS = 4;
  const scale = maskable ? 0.72 : 1;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const fx = ((px + (sx + 0.5) / SS) / size) * 64;
          const fy = ((py + (sy + 0.5) / SS) / size) * 64;
          const c = sample(32 + (fx - 32) / scale, 32 + (fy - 32) / scale, maskable);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        rgba[o] = Math.round(r / covered);
        rgba[o + 1] = Math.round(g / covered);
        rgba[o + 2] = Math.round(b / covered);
      }
      rgba[o + 3] = Math.round((255 * covered) / (SS * SS));
    }
  }
  return rgba;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let k = 0; k < 4; k++) out[4 + k] = type.charCodeAt(k);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** RGBA 8-bit PNG, zlib-compressed (src/widgets/plots/png.ts writes stored blocks, too large for icons). */
export function encodeCompressedPng(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const raw = new Uint8Array(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, RGBA, deflate, no filter, no interlace
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))),
    pngChunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export interface IconSpec {
  /** path under the site root */
  src: string;
  size: number;
  purpose: 'any' | 'maskable';
}

export const ICONS: readonly IconSpec[] = [
  { src: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { src: 'icons/icon-512.png', size: 512, purpose: 'any' },
  { src: 'icons/maskable-512.png', size: 512, purpose: 'maskable' },
];

/** The manifest's `icons` entries. */
export function manifestIcons(): Array<{ src: string; sizes: string; type: string; purpose: string }> {
  return ICONS.map((i) => ({
    src: i.src,
    sizes: `${i.size}x${i.size}`,
    type: 'image/png',
    purpose: i.purpose,
  }));
}

/** Writes the icons into the build (and serves them from the dev server). */
export function bookIcons(): Plugin {
  const files = new Map<string, () => Uint8Array>(
    ICONS.map((i) => [i.src, () => encodeCompressedPng(drawIcon(i.size, i.purpose === 'maskable'), i.size, i.size)]),
  );
  return {
    name: 'book-icons',
    generateBundle() {
      for (const [fileName, draw] of files) this.emitFile({ type: 'asset', fileName, source: draw() });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0].replace(server.config.base, '');
        const draw = files.get(path);
        if (!draw) return next();
        res.setHeader('Content-Type', 'image/png');
        res.end(Buffer.from(draw()));
      });
    },
  };
}
