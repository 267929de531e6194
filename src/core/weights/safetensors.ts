/**
 * Every weights file the book ships or lets a reader download is a safetensors file
 * (https://huggingface.co/docs/safetensors): little-endian uint64 N, then N bytes of UTF-8 JSON
 * `{ "<name>": { "dtype": "F32" | "F16", "shape": [...], "data_offsets": [begin, end] }, …,
 * "__metadata__": { "<key>": "<string>" } }` padded with spaces to a multiple of 8, then the
 * tensors' bytes, contiguous, in the header's order. Python reads it with
 * `safetensors.numpy.load_file` or with plain NumPy (scripts/weights/read_safetensors.py).
 *
 * Safetensors metadata values are strings: the book's own metadata (how a model was made, its
 * config, training curves) is one JSON document under the key `book`.
 */
import { fromFloat16Bits, toFloat16Bits } from './float16';

export type StoredDtype = 'F32' | 'F16';

export interface NamedTensor {
  name: string;
  shape: number[];
  /** Row-major values; stored as `dtype` (F16 rounds to nearest even). */
  data: ArrayLike<number>;
  dtype?: StoredDtype;
}

export interface DecodedTensor {
  name: string;
  shape: number[];
  dtype: StoredDtype;
  data: Float32Array;
}

export interface WeightsDocument {
  /** What the file holds, e.g. "vae" or "ddm": readers check it before trusting the rest. */
  kind: string;
  tensors: DecodedTensor[];
  /** The book's metadata (the `book` key), parsed. */
  meta: Record<string, unknown>;
}

const BYTES: Record<StoredDtype, number> = { F32: 4, F16: 2 };
const META_KEY = 'book';
const KIND_KEY = 'kind';

function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Serialises tensors in the given order, with the book's metadata and a `kind` tag. */
export function encodeSafetensors(kind: string, tensors: NamedTensor[], meta: Record<string, unknown> = {}): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { [KIND_KEY]: kind, [META_KEY]: JSON.stringify(meta) } };
  let offset = 0;
  for (const t of tensors) {
    if (t.name === '__metadata__' || t.name in header) throw new Error(`safetensors: duplicate or reserved tensor name "${t.name}"`);
    const size = sizeOf(t.shape);
    if (size !== t.data.length) throw new Error(`safetensors: tensor "${t.name}" has ${t.data.length} values, its shape [${t.shape.join(', ')}] says ${size}`);
    const dtype = t.dtype ?? 'F32';
    const end = offset + size * BYTES[dtype];
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, end] };
    offset = end;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (new TextEncoder().encode(json).length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(json);
  const start = 8 + headerBytes.length;
  const out = new Uint8Array(start + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = start;
  for (const t of tensors) {
    const dtype = t.dtype ?? 'F32';
    for (let i = 0; i < t.data.length; i++) {
      if (dtype === 'F32') view.setFloat32(at + 4 * i, t.data[i], true);
      else view.setUint16(at + 2 * i, toFloat16Bits(t.data[i]), true);
    }
    at += t.data.length * BYTES[dtype];
  }
  return out;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Parses a safetensors file; checks offsets cover the data exactly (no gaps, no overlap). */
export function decodeSafetensors(buffer: ArrayBuffer | Uint8Array, expectedKind?: string): WeightsDocument {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length < 8) throw new Error('safetensors: file is shorter than its 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (8 + n > bytes.length) throw new Error(`safetensors: header says ${n} bytes, the file has ${bytes.length - 8} after the length`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  } catch {
    throw new Error('safetensors: the header is not JSON (is this a safetensors file?)');
  }
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const kind = metadata[KIND_KEY] ?? '';
  if (expectedKind !== undefined && kind !== expectedKind) {
    throw new Error(`safetensors: expected a "${expectedKind}" weights file, this one holds "${kind || 'unknown'}"`);
  }
  const start = 8 + n;
  const dataLength = bytes.length - start;
  const entries = Object.entries(header).filter(([k]) => k !== '__metadata__') as [string, HeaderEntry][];
  const covered = entries.map(([, e]) => e.data_offsets).sort((a, b) => a[0] - b[0]);
  let expect = 0;
  for (const [b, e] of covered) {
    if (b !== expect || e < b) throw new Error('safetensors: tensor data offsets leave a gap or overlap');
    expect = e;
  }
  if (expect !== dataLength) throw new Error(`safetensors: tensors cover ${expect} bytes, the file has ${dataLength}`);
  const tensors = entries.map(([name, e]): DecodedTensor => {
    if (e.dtype !== 'F32' && e.dtype !== 'F16') throw new Error(`safetensors: tensor "${name}" has dtype ${e.dtype}; the book reads F32 and F16`);
    const size = sizeOf(e.shape);
    const [b, end] = e.data_offsets;
    if (end - b !== size * BYTES[e.dtype]) throw new Error(`safetensors: tensor "${name}" has ${end - b} bytes, its shape needs ${size * BYTES[e.dtype]}`);
    const data = new Float32Array(size);
    const at = start + b;
    if (e.dtype === 'F32') for (let i = 0; i < size; i++) data[i] = view.getFloat32(at + 4 * i, true);
    else for (let i = 0; i < size; i++) data[i] = fromFloat16Bits(view.getUint16(at + 2 * i, true));
    return { name, shape: e.shape, dtype: e.dtype, data };
  });
  const meta = metadata[META_KEY] ? (JSON.parse(metadata[META_KEY]) as Record<string, unknown>) : {};
  return { kind, tensors, meta };
}
