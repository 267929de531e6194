import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, pngDataUrl } from '../../../src/widgets/plots/png';

function chunks(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; data: Uint8Array; crcOk: boolean }[] = [];
  let o = 8;
  while (o < png.length) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    const data = png.subarray(o + 8, o + 8 + len);
    out.push({ type, data, crcOk: view.getUint32(o + 8 + len) === crc32(png, o + 4, o + 8 + len) });
    o += 12 + len;
  }
  return out;
}

describe('encodePng', () => {
  it('crc32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes a valid PNG whose pixels inflate back exactly', () => {
    const w = 3;
    const h = 2;
    const rgba = Uint8Array.from({ length: w * h * 4 }, (_, k) => (k * 37) % 256);
    const png = encodePng(rgba, w, h);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const cs = chunks(png);
    expect(cs.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(cs.every((c) => c.crcOk)).toBe(true);
    const ihdr = new DataView(cs[0].data.buffer, cs[0].data.byteOffset);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), cs[0].data[8], cs[0].data[9]]).toEqual([w, h, 8, 6]);
    const raw = inflateSync(cs[1].data);
    expect(raw.length).toBe(h * (w * 4 + 1));
    for (let y = 0; y < h; y++) {
      expect(raw[y * (w * 4 + 1)]).toBe(0); // filter byte
      expect([...raw.subarray(y * (w * 4 + 1) + 1, (y + 1) * (w * 4 + 1))]).toEqual([...rgba.subarray(y * w * 4, (y + 1) * w * 4)]);
    }
  });

  it('splits data over 65535 bytes into several stored blocks', () => {
    const w = 200;
    const h = 100; // 80,100 raw bytes
    const rgba = new Uint8Array(w * h * 4).map((_, k) => k & 255);
    const cs = chunks(encodePng(rgba, w, h));
    const raw = inflateSync(cs[1].data);
    expect(raw.length).toBe(h * (w * 4 + 1));
    expect(raw[(w * 4 + 1) * 50 + 1 + 17]).toBe(rgba[50 * w * 4 + 17]);
  });

  it('makes a data URL', () => {
    expect(pngDataUrl(new Uint8Array(4), 1, 1)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
  });
});
