/**
 * Two copy kernels on tfjs's wasm backend for the flat-buffer Adam of src/core/math/adam.ts:
 * FLATTEN_KERNEL (tensors of any shapes → their values, concatenated, as one vector) and
 * UNFLATTEN_KERNEL (a vector → consecutive pieces of given shapes).
 *
 * Why: as tfjs ops these are a Reshape per matrix and a Concat, then a SplitV and a Reshape per
 * matrix: 2r + 2 kernels for r matrices (10 of the 2-D diffusion step's kernels and of the VAE
 * step's), each with the fixed cost of a kernel on wasm (~20 µs, issue #12). Each kernel here is one
 * native copy per piece (TypedArray.set on views of the heap, as src/runtime/wasmSlice.ts does), the
 * same bytes as the ops copy, in one kernel. Float32 only (Adam's buffers).
 * `installWasmFlatCopy()` is idempotent and must run after '@tensorflow/tfjs-backend-wasm' is
 * imported.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FLATTEN_KERNEL, UNFLATTEN_KERNEL } from '../core/math/adam';

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

interface CopyArgs {
  inputs: Record<string, tf.TensorInfo>;
  attrs: { n?: number; shapes?: number[][] };
  backend: WasmBackendLike;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Inputs x0…x(n−1), attrs { n } → [Σ sizes]. */
function flatten({ inputs, attrs, backend }: CopyArgs): tf.TensorInfo {
  const xs = Array.from({ length: attrs.n! }, (_, i) => inputs[`x${i}`]);
  if (xs.some((x) => x.dtype !== 'float32')) throw new Error(`${FLATTEN_KERNEL}: float32 tensors only.`);
  const out = backend.makeOutput([xs.reduce((s, x) => s + size(x.shape), 0)], 'float32');
  // Views taken after makeOutput: allocating may grow the heap, which detaches older views.
  const dst = backend.typedArrayFromHeap(out);
  let o = 0;
  for (const x of xs) {
    const src = backend.typedArrayFromHeap(x);
    dst.set(src, o);
    o += src.length;
  }
  return out;
}

/** Input x [Σ sizes], attrs { shapes } → one tensor per shape. */
function unflatten({ inputs, attrs, backend }: CopyArgs): tf.TensorInfo[] {
  const { x } = inputs;
  const shapes = attrs.shapes!;
  if (x.dtype !== 'float32') throw new Error(`${UNFLATTEN_KERNEL}: float32 tensors only.`);
  if (shapes.reduce((s, sh) => s + size(sh), 0) !== size(x.shape)) throw new Error(`${UNFLATTEN_KERNEL}: the shapes do not cover the input.`);
  const outs = shapes.map((sh) => backend.makeOutput(sh, 'float32'));
  const src = backend.typedArrayFromHeap(x);
  let o = 0;
  for (const out of outs) {
    const dst = backend.typedArrayFromHeap(out);
    dst.set(src.subarray(o, o + dst.length));
    o += dst.length;
  }
  return outs;
}

/** Registers both kernels on the wasm backend (no-op when wasm is not registered or they are there). */
export function installWasmFlatCopy(): void {
  if (!tf.getKernel('Slice', 'wasm')) return;
  for (const [kernelName, kernelFunc] of [
    [FLATTEN_KERNEL, flatten],
    [UNFLATTEN_KERNEL, unflatten],
  ] as const) {
    if (!tf.getKernel(kernelName, 'wasm')) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}
