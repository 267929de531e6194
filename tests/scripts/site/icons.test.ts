import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICONS, drawIcon, encodeCompressedPng, manifestIcons } from '../../../scripts/site/icons';
import { crc32 } from '../../../src/widgets/plots/png';

/** A minimal PNG reader for the encoder's own output (one IDAT, filter 0 rows). */
function readPng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(png.buffer, png.byteOffset);
  let o = 8;
  let width = 0;
  let height = 0;
  const idat: Uint8Array[] = [];
  while (o < png.length) {
    const length = view.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    expect(view.getUint32(o + 8 + length), `${type} CRC`).toBe(crc32(png, o + 4, o + 8 + length));
    const data = png.subarray(o + 8, o + 8 + length);
    if (type === 'IHDR') {
      width = new DataView(data.buffer, data.byteOffset).getUint32(0);
      height = new DataView(data.buffer, data.byteOffset).getUint32(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    o += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

const pixel = (img: { width: number; rgba: Uint8Array }, x: number, y: number) => [...img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

describe('web app icons drawn at build time', () => {
  it('round-trip through the PNG encoder exactly', () => {
    const rgba = drawIcon(48, false);
    const img = readPng(encodeCompressedPng(rgba, 48, 48));
    expect(img.width).toBe(48);
    expect(img.rgba).toEqual(rgba);
  });

  it('draw the favicon: transparent rounded corners, blue ground, a white and an orange ring', () => {
    const img = readPng(encodeCompressedPng(drawIcon(192, false), 192, 192));
    expect(pixel(img, 0, 0)[3]).toBe(0); // outside the rounded corner
    expect(pixel(img, 96, 6)).toEqual([0x0b, 0x5c, 0xab, 255]); // top edge: background
    // The white ellipse's outline passes (24 + 12·cos 30°, 30 − 12·sin 30°·…) in favicon units:
    // its rightmost point along the major axis is (24 + 12 cos30°, 30 − 12 sin30°) = (34.4, 24).
    expect(pixel(img, Math.round((34.4 * 192) / 64), Math.round((24 * 192) / 64))).toEqual([255, 255, 255, 255]);
    // The orange one's major-axis end: (42 + 11 cos25°, 38 + 11 sin25°) = (52.0, 42.6).
    expect(pixel(img, Math.round((52.0 * 192) / 64), Math.round((42.6 * 192) / 64))).toEqual([0xe6, 0x9f, 0x00, 255]);
  });

  it('make the maskable icon opaque to the edges, with the picture inside the 80% safe circle', () => {
    const size = 128;
    const rgba = drawIcon(size, true);
    for (let k = 3; k < rgba.length; k += 4) expect(rgba[k]).toBe(255);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const o = (y * size + x) * 4;
        const isBlue = rgba[o] === 0x0b && rgba[o + 1] === 0x5c && rgba[o + 2] === 0xab;
        if (!isBlue) expect(Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2)).toBeLessThan(0.4 * size);
      }
    }
  });

  it('are listed in the manifest with their sizes and purposes', () => {
    expect(manifestIcons()).toEqual(ICONS.map((i) => expect.objectContaining({ src: i.src, sizes: `${i.size}x${i.size}`, type: 'image/png', purpose: i.purpose })));
    expect(manifestIcons().some((i) => i.purpose === 'maskable' && i.sizes === '512x512')).toBe(true);
    expect(manifestIcons().some((i) => i.purpose === 'any' && i.sizes === '192x192')).toBe(true);
  });
});
