/**
 * NumPy's .npy format (version 1.0) for float32 matrices, so that sample sets written by
 * `npm run lab -- <demo> --samples N --out FILE.npy` open with `numpy.load(FILE)`:
 *   "\x93NUMPY", version bytes 1 0, a little-endian uint16 header length, then an ASCII Python
 *   dict {'descr': '<f4', 'fortran_order': False, 'shape': (rows, cols), } padded with spaces and
 *   ended by "\n" so that the data start at a multiple of 64 bytes, then the values row-major.
 */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93 N U M P Y
const PREAMBLE = MAGIC.length + 2 + 2;

/** @param data [rows*cols] row-major */
export function encodeNpyFloat32(data: ArrayLike<number>, rows: number, cols: number): Uint8Array {
  if (data.length !== rows * cols) throw new Error(`npy: ${data.length} values for a ${rows}×${cols} matrix`);
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  const total = Math.ceil((PREAMBLE + header.length + 1) / 64) * 64;
  header = header.padEnd(total - PREAMBLE - 1, ' ') + '\n';
  const out = new Uint8Array(total + 4 * data.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[PREAMBLE + i] = header.charCodeAt(i);
  const view = new DataView(out.buffer, total);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
  return out;
}

/** Reads back a float32 matrix written as above (C order, little-endian, 2-D). */
export function decodeNpyFloat32(bytes: Uint8Array): { data: Float32Array; rows: number; cols: number } {
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error('npy: not a .npy file (bad magic)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = dv.getUint16(8, true);
  const header = String.fromCharCode(...bytes.subarray(PREAMBLE, PREAMBLE + len));
  if (!/'descr':\s*'<f4'/.test(header) || !/'fortran_order':\s*False/.test(header)) throw new Error(`npy: only little-endian float32 in C order; header ${header.trim()}`);
  const shape = /'shape':\s*\((\d+),\s*(\d+)\)/.exec(header);
  if (!shape) throw new Error(`npy: only 2-D arrays; header ${header.trim()}`);
  const rows = Number(shape[1]);
  const cols = Number(shape[2]);
  const start = PREAMBLE + len;
  if (bytes.byteLength - start !== 4 * rows * cols) throw new Error(`npy: ${bytes.byteLength - start} data bytes for ${rows}×${cols} float32`);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = dv.getFloat32(start + 4 * i, true);
  return { data, rows, cols };
}
