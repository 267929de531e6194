/**
 * The file format of shipped diffusion weights (public/weights/ddm/*.bin), little-endian:
 *   "DDMW", uint32 version = 1, uint32 headerBytes, header JSON (utf-8), then every tensor's
 *   values as float16 in the order of the header's `shapes`.
 * float16 halves the size; the ε network's outputs change by far less than its training noise.
 */
const MAGIC = 'DDMW';

export interface WeightsHeader {
  /** Anything needed to rebuild the model (config, schedule, T, how it was trained). */
  meta: Record<string, number | string | boolean>;
  shapes: number[][];
}

/** float32 → IEEE 754 binary16 bits (round to nearest even, overflow to ±inf). */
export function toHalf(value: number): number {
  const f = new Float32Array([value]);
  const x = new Uint32Array(f.buffer)[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && half & 1)) half += 1;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half += 1;
  return sign | half;
}

/** IEEE 754 binary16 bits → number. */
export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

export function encodeWeights(header: WeightsHeader, tensors: ArrayLike<number>[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (4 - (json.length % 4)) % 4;
  const count = tensors.reduce((a, t) => a + t.length, 0);
  const out = new Uint8Array(12 + json.length + pad + 2 * count);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, 1, true);
  view.setUint32(8, json.length + pad, true);
  out.set(json, 12);
  out.fill(0x20, 12 + json.length, 12 + json.length + pad);
  let offset = 12 + json.length + pad;
  tensors.forEach((t, k) => {
    const size = header.shapes[k].reduce((a, b) => a * b, 1);
    if (size !== t.length) throw new Error(`Tensor ${k} has ${t.length} values, its shape says ${size}`);
    for (let i = 0; i < t.length; i++, offset += 2) view.setUint16(offset, toHalf(t[i]), true);
  });
  return out;
}

export function decodeWeights(buffer: ArrayBuffer): { header: WeightsHeader; tensors: Float32Array[] } {
  const bytes = new Uint8Array(buffer);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== MAGIC) throw new Error(`Diffusion weights: bad magic "${magic}"`);
  const view = new DataView(buffer);
  if (view.getUint32(4, true) !== 1) throw new Error('Diffusion weights: unsupported version');
  const headerBytes = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerBytes))) as WeightsHeader;
  let offset = 12 + headerBytes;
  const tensors = header.shapes.map((shape) => {
    const size = shape.reduce((a, b) => a * b, 1);
    if (offset + 2 * size > bytes.length) throw new Error('Diffusion weights: file is truncated');
    const t = new Float32Array(size);
    for (let i = 0; i < size; i++, offset += 2) t[i] = fromHalf(view.getUint16(offset, true));
    return t;
  });
  if (offset !== bytes.length) throw new Error('Diffusion weights: trailing bytes after the last tensor');
  return { header, tensors };
}
