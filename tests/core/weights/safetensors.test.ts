import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../../src/core/weights/safetensors';

const a = Float32Array.from([1, -2, 0.25, 3, 4, 5]);
const b = Float32Array.from([0.5, 0, -1]);
const bytes = () => encodeSafetensors('test', [{ name: 'w', shape: [2, 3], data: a }, { name: 'b', shape: [3], data: b, dtype: 'F16' }], { T: 100, curve: [1, 2] });

/** A python3 that has NumPy (Debian's /usr/bin/python3 or the one on PATH), or null. */
function pythonWithNumpy(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

describe('safetensors', () => {
  it('lays out the file as the format says: uint64 header length, JSON header padded to 8, contiguous data', () => {
    const out = bytes();
    const n = Number(new DataView(out.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(out.subarray(8, 8 + n)));
    expect(header.w).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header.b).toEqual({ dtype: 'F16', shape: [3], data_offsets: [24, 30] });
    expect(header.__metadata__.kind).toBe('test');
    expect(typeof header.__metadata__.book).toBe('string');
    expect(out.length).toBe(8 + n + 30);
    expect(new DataView(out.buffer).getFloat32(8 + n + 8, true)).toBe(0.25);
  });

  it('round-trips names, shapes, values and metadata', () => {
    const doc = decodeSafetensors(bytes(), 'test');
    expect(doc.kind).toBe('test');
    expect(doc.meta).toEqual({ T: 100, curve: [1, 2] });
    expect(doc.tensors.map((t) => [t.name, t.dtype, t.shape])).toEqual([['w', 'F32', [2, 3]], ['b', 'F16', [3]]]);
    expect(Array.from(doc.tensors[0].data)).toEqual(Array.from(a));
    expect(Array.from(doc.tensors[1].data)).toEqual(Array.from(b));
  });

  it('refuses wrong kinds, truncated files, gaps, mismatched shapes and unknown dtypes with a clear message', () => {
    expect(() => decodeSafetensors(bytes(), 'vae')).toThrow(/expected a "vae" weights file/);
    const out = bytes();
    expect(() => decodeSafetensors(out.slice(0, out.length - 2))).toThrow(/cover/);
    expect(() => decodeSafetensors(out.slice(0, 5))).toThrow(/shorter/);
    expect(() => encodeSafetensors('x', [{ name: 'w', shape: [4], data: a }])).toThrow(/6 values/);
    const forge = (entry: object) => {
      const json = new TextEncoder().encode(JSON.stringify({ w: entry }));
      const f = new Uint8Array(8 + json.length + 8);
      new DataView(f.buffer).setBigUint64(0, BigInt(json.length), true);
      f.set(json, 8);
      return f;
    };
    expect(() => decodeSafetensors(forge({ dtype: 'F32', shape: [2], data_offsets: [0, 8] }))).not.toThrow();
    expect(() => decodeSafetensors(forge({ dtype: 'F32', shape: [3], data_offsets: [0, 8] }))).toThrow(/shape needs 12/);
    expect(() => decodeSafetensors(forge({ dtype: 'I64', shape: [1], data_offsets: [0, 8] }))).toThrow(/F32 and F16/);
    expect(() => decodeSafetensors(forge({ dtype: 'F32', shape: [1], data_offsets: [4, 8] }))).toThrow(/gap/);
  });

  // An independent reader: plain NumPy, the way a reader would open a downloaded file.
  const py = pythonWithNumpy();
  it.skipIf(!py)('opens in Python with plain NumPy (scripts/weights/read_safetensors.py)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'st-'));
    const file = path.join(dir, 'w.safetensors');
    writeFileSync(file, bytes());
    const out = JSON.parse(execFileSync(py!, [path.resolve('scripts/weights/read_safetensors.py'), file], { encoding: 'utf8' }));
    expect(out.kind).toBe('test');
    expect(out.book).toEqual({ T: 100, curve: [1, 2] });
    expect(out.tensors.w).toEqual({ dtype: 'float32', shape: [2, 3], sum: 11.25 });
    expect(out.tensors.b).toEqual({ dtype: 'float16', shape: [3], sum: -0.5 });
  });
});
