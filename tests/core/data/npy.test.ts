import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpyFloat32, encodeNpyFloat32 } from '../../../src/core/data/npy';
import { pythonWithNumpy } from '../../support/python';

const values = Float32Array.from([0, 0.25, 1, 0.5, 1e-3, 0.75]);

describe('.npy float32 matrices', () => {
  it('writes the format: magic, version 1.0, header length, the dict padded so data start at a multiple of 64', () => {
    const out = encodeNpyFloat32(values, 2, 3);
    expect(Array.from(out.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const len = new DataView(out.buffer).getUint16(8, true);
    expect((10 + len) % 64).toBe(0);
    const header = new TextDecoder().decode(out.subarray(10, 10 + len));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    expect(out.length).toBe(10 + len + 24);
    expect(new DataView(out.buffer).getFloat32(10 + len + 4 * 3, true)).toBe(0.5); // row 1, column 0
  });

  it('round-trips values and shape, and refuses what it cannot read', () => {
    const back = decodeNpyFloat32(encodeNpyFloat32(values, 3, 2));
    expect(back.rows).toBe(3);
    expect(back.cols).toBe(2);
    expect(Array.from(back.data)).toEqual(Array.from(values));
    expect(() => encodeNpyFloat32(values, 4, 2)).toThrow(/6 values for a 4×2/);
    expect(() => decodeNpyFloat32(new Uint8Array(64))).toThrow(/bad magic/);
    const f8 = encodeNpyFloat32(values, 2, 3);
    f8.set(new TextEncoder().encode("'<f8'"), 10 + "{'descr': ".length);
    expect(() => decodeNpyFloat32(f8)).toThrow(/float32/);
  });

  // An independent reader: NumPy itself.
  const py = pythonWithNumpy();
  it.skipIf(!py)('opens with numpy.load as a float32 matrix of the right shape and values', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'npy-'));
    const file = path.join(dir, 'x.npy');
    writeFileSync(file, encodeNpyFloat32(values, 2, 3));
    const script = 'import json,sys,numpy as np; a=np.load(sys.argv[1]); print(json.dumps({"dtype": str(a.dtype), "shape": list(a.shape), "row1": a[1].tolist()}))';
    const out = JSON.parse(execFileSync(py!, ['-c', script, file], { encoding: 'utf8' }));
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([2, 3]);
    expect(out.row1).toEqual([0.5, Math.fround(1e-3), 0.75]);
  });
});
