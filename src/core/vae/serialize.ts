/**
 * Compact binary weights: "VAEW", uint32 version, uint32 header length, a UTF-8 JSON header
 * (shape, dtype, layout, free-form metadata such as the training curves), zero padding to a
 * multiple of 4 bytes, then the flat parameter vector as little-endian float32 (or float16,
 * which halves the size at ~3 significant digits).
 */
import { parameterCount, parameterLayout, type VaeShape } from './model';

const MAGIC = 'VAEW';
const VERSION = 1;

export type WeightDtype = 'float32' | 'float16';

export interface WeightFileHeader {
  shape: VaeShape;
  dtype: WeightDtype;
  layout: { name: string; shape: number[] }[];
  meta: Record<string, unknown>;
}

export interface WeightFile {
  shape: VaeShape;
  theta: Float32Array;
  meta: Record<string, unknown>;
}

export function serializeWeights(
  shape: VaeShape,
  theta: Float32Array,
  meta: Record<string, unknown> = {},
  dtype: WeightDtype = 'float32',
): Uint8Array {
  if (theta.length !== parameterCount(shape)) throw new Error('serializeWeights: wrong parameter count');
  const header: WeightFileHeader = {
    shape,
    dtype,
    layout: parameterLayout(shape).map(({ name, shape: s }) => ({ name, shape: s })),
    meta,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = 12 + json.length;
  const dataStart = Math.ceil(headerEnd / 4) * 4;
  const bytesPer = dtype === 'float32' ? 4 : 2;
  const out = new Uint8Array(dataStart + theta.length * bytesPer);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  for (let i = 0; i < theta.length; i++) {
    if (dtype === 'float32') view.setFloat32(dataStart + 4 * i, theta[i], true);
    else view.setUint16(dataStart + 2 * i, toFloat16Bits(theta[i]), true);
  }
  return out;
}

export function deserializeWeights(buffer: ArrayBuffer | Uint8Array): WeightFile {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MAGIC) throw new Error(`weights: bad magic "${magic}"`);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new Error(`weights: unsupported version ${version}`);
  const jsonLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLength))) as WeightFileHeader;
  const dataStart = Math.ceil((12 + jsonLength) / 4) * 4;
  const n = parameterCount(header.shape);
  const bytesPer = header.dtype === 'float32' ? 4 : 2;
  if (bytes.length !== dataStart + n * bytesPer) throw new Error('weights: file length does not match its header');
  const theta = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    theta[i] =
      header.dtype === 'float32'
        ? view.getFloat32(dataStart + 4 * i, true)
        : fromFloat16Bits(view.getUint16(dataStart + 2 * i, true));
  }
  return { shape: header.shape, theta, meta: header.meta ?? {} };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits of x, round-to-nearest-even; overflow → ±Inf. */
export function toFloat16Bits(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
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
  // A carry out of the mantissa correctly bumps the exponent (and reaches Inf at the top).
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half += 1;
  return sign | half;
}

export function fromFloat16Bits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
