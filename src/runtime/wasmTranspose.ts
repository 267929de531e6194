/**
 * Matrix transposes on tfjs's wasm backend without its slow case: a [r, c] float32 matrix whose
 * row count r is a multiple of 128.
 *
 * Why: tfjs-backend-wasm 4.22 transposes a matrix by reading it row by row and writing each value
 * r floats after the last (transpose_impl.cc, transpose_2d). When r · 4 bytes is a multiple of
 * 512, those writes fall on a few cache sets and evict each other: measured here (Node, load ~5),
 * [256, 128] took 230–410 µs and [128, 128] 66–150 µs, against 18–47 µs for [192, 128] and
 * [320, 128], which have more values. The training steps transpose exactly such matrices: the
 * activations of a batch of 256 (2-D diffusion) or 128 (VAE) rows for the weight gradients, 3 of
 * the 2-D diffusion step's 6 transposes and 4 of the VAE step's 7 (issue #12).
 *
 * Here such a matrix is copied into a buffer with 4 more rows (one native copy; the extra rows
 * are never read back), tfjs's own kernel transposes that [r + 4, c] buffer, whose writes are
 * (r + 4) floats apart, and each of the c rows of the result is copied back without its last 4
 * values (one native copy per row). Same values, in one kernel: measured [256, 128] 48–75 µs,
 * [128, 128] 23–47 µs, [128, 784] 150–320 µs against 330–420 µs. Other transposes (other row
 * counts, ranks, dtypes) go to tfjs's kernel unchanged.
 *
 * The same file registers TRANSPOSE_ONES_KERNEL (../core/math/dense.ts's transposeWithOnes): a
 * [r, c] float32 matrix → [c + 1, r], its transpose with a row of ones appended, written straight
 * into the output (one kernel where a transpose and a column sum were two: a dense layer's weight
 * and bias gradients then come from one product).
 * `installWasmTranspose()` is idempotent and must run after '@tensorflow/tfjs-backend-wasm' is
 * imported; src/runtime/backend.ts and the Node test/bench setup (tests/support/tf.ts) call it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { TRANSPOSE_ONES_KERNEL } from '../core/math/dense';

/** The part of the wasm backend this kernel uses. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object): boolean;
}

interface TransposeArgs {
  inputs: { x: tf.TensorInfo };
  attrs: { perm: number[] };
  backend: WasmBackendLike;
}

/** Row counts that are a multiple of this take the padded path (writes 512 bytes apart or a multiple). */
export const SLOW_ROW_MULTIPLE = 128;
/** Rows added: the padded buffer's rows stay 16-byte aligned. */
const PAD_ROWS = 4;

/** Property of the replacement kernel function holding tfjs's own (for comparisons in tests and benches). */
export const TFJS_TRANSPOSE = 'tfjsTranspose';

/** Replaces the wasm backend's Transpose (no-op when wasm is not registered or it is already replaced). */
export function installWasmTranspose(): void {
  const original = tf.getKernel('Transpose', 'wasm');
  if (!original || (original.kernelFunc as unknown as Record<string, unknown>)[TFJS_TRANSPOSE]) return;
  const fallback = original.kernelFunc as unknown as (args: TransposeArgs) => tf.TensorInfo;

  /** xᵀ into a new [c + extraRows, r] output (rows past c left for the caller). */
  const transposeInto = (x: tf.TensorInfo, backend: WasmBackendLike, extraRows: number): tf.TensorInfo => {
    const [r, c] = x.shape;
    const padRows = r % SLOW_ROW_MULTIPLE === 0 && c >= 2 ? PAD_ROWS : 0;
    let src: tf.TensorInfo = x;
    if (padRows > 0) {
      src = backend.makeOutput([r + padRows, c], 'float32');
      // Views taken after each makeOutput: allocating may grow the heap, which detaches older views.
      backend.typedArrayFromHeap(src).set(backend.typedArrayFromHeap(x));
    }
    const wide = fallback({ inputs: { x: src }, attrs: { perm: [1, 0] }, backend });
    if (src !== x) backend.disposeData(src.dataId);
    const out = backend.makeOutput([c + extraRows, r], 'float32');
    const from = backend.typedArrayFromHeap(wide);
    const dst = backend.typedArrayFromHeap(out);
    const stride = r + padRows;
    if (padRows === 0) dst.set(from);
    else for (let j = 0; j < c; j++) dst.set(from.subarray(j * stride, j * stride + r), j * r);
    backend.disposeData(wide.dataId);
    return out;
  };

  const transpose = (args: TransposeArgs): tf.TensorInfo => {
    const { inputs: { x }, attrs: { perm }, backend } = args;
    if (x.shape.length !== 2 || x.dtype !== 'float32' || perm[0] !== 1 || x.shape[0] % SLOW_ROW_MULTIPLE !== 0 || x.shape[1] < 2) return fallback(args);
    return transposeInto(x, backend, 0);
  };

  const transposeOnes = ({ inputs: { x }, backend }: Omit<TransposeArgs, 'attrs'>): tf.TensorInfo => {
    if (x.shape.length !== 2 || x.dtype !== 'float32') throw new Error(`${TRANSPOSE_ONES_KERNEL}: float32 matrices only.`);
    const [r, c] = x.shape;
    const out = transposeInto(x, backend, 1);
    backend.typedArrayFromHeap(out).fill(1, c * r);
    return out;
  };
  (transpose as unknown as Record<string, unknown>)[TFJS_TRANSPOSE] = fallback;
  tf.unregisterKernel('Transpose', 'wasm');
  tf.registerKernel({ ...original, kernelFunc: transpose as unknown as tf.KernelFunc });
  if (!tf.getKernel(TRANSPOSE_ONES_KERNEL, 'wasm')) tf.registerKernel({ kernelName: TRANSPOSE_ONES_KERNEL, backendName: 'wasm', kernelFunc: transposeOnes as unknown as tf.KernelFunc });
}
