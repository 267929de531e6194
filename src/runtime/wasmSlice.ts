/**
 * Contiguous Slice and SplitV on tfjs's wasm backend in time proportional to what they copy.
 *
 * Why: tfjs-backend-wasm 4.22's Slice reads its input with backend.readSync, which copies the
 * whole input out of the wasm heap into a fresh JavaScript array, then copies the slice from that
 * copy; its SplitV calls that Slice once per piece. Splitting the VAE's flat Adam update (650k
 * values) into its 8 tensors thus copied 8 × 2.6 MB and allocated as much garbage every step, and
 * the HVAE's 700k-value split cost more than the rest of its step. Here a contiguous slice (any
 * piece of a flat vector, or rows of a matrix) copies its own values from a view of the heap;
 * other slices (columns, strided blocks) and string tensors go to tfjs's own kernel unchanged.
 *
 * Results are identical to tfjs's kernels (both are plain copies of the same values).
 * `installWasmSlice()` is idempotent and must run after '@tensorflow/tfjs-backend-wasm' is
 * imported (its import registers the kernels this replaces); src/runtime/backend.ts and the Node
 * test/bench setup (tests/support/tf.ts) call it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { backend_util, slice_util, util } from '@tensorflow/tfjs-core';

/** The part of the wasm backend these kernels use. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

interface SliceArgs {
  inputs: { x: tf.TensorInfo };
  attrs: { begin: number | number[]; size: number | number[] };
  backend: WasmBackendLike;
}

interface SplitArgs {
  inputs: { x: tf.TensorInfo };
  attrs: { numOrSizeSplits: number | number[]; axis: number | number[] };
  backend: WasmBackendLike;
}

let installed = false;

/** Replaces the wasm backend's Slice and SplitV kernels (no-op when wasm is not registered). */
export function installWasmSlice(): void {
  if (installed) return;
  const original = tf.getKernel('Slice', 'wasm');
  if (!original) return;
  installed = true;
  const fallback = original.kernelFunc as unknown as (args: SliceArgs) => tf.TensorInfo;

  const slice = (args: SliceArgs): tf.TensorInfo => {
    const { x } = args.inputs;
    const [begin, size] = slice_util.parseSliceParams(x as tf.Tensor, args.attrs.begin, args.attrs.size);
    if (x.dtype === 'string' || !slice_util.isSliceContinous(x.shape, begin, size)) return fallback(args);
    const out = args.backend.makeOutput(size, x.dtype);
    const n = util.sizeFromShape(size);
    if (n === 0) return out;
    const offset = slice_util.computeFlatOffset(begin, util.computeStrides(x.shape));
    // Views taken after makeOutput: allocating may grow the heap, which detaches older views.
    args.backend.typedArrayFromHeap(out).set(args.backend.typedArrayFromHeap(x).subarray(offset, offset + n));
    return out;
  };

  const splitV = (args: SplitArgs): tf.TensorInfo[] => {
    const { x } = args.inputs;
    const axis = util.parseAxisParam(args.attrs.axis, x.shape)[0];
    const sizes = backend_util.prepareSplitSize(x as tf.Tensor, args.attrs.numOrSizeSplits, axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = [...x.shape];
      size[axis] = s;
      const piece = slice({ inputs: { x }, attrs: { begin: [...begin], size }, backend: args.backend });
      begin[axis] += s;
      return piece;
    });
  };

  for (const [kernelName, kernelFunc] of [
    ['Slice', slice],
    ['SplitV', splitV],
  ] as const) {
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}
