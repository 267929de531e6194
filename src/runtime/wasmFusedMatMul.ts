/**
 * The wasm backend's _FusedMatMul (product + bias + activation in one XNNPACK call) for rank-2
 * operands as well as rank 3.
 *
 * Why: tfjs's kernel reads only rank-3 shapes, so the tf.fused.matMul op reshapes both operands to
 * rank 3 and the product back: three Reshape kernels around every fused product, each costing the
 * fixed dispatch of a kernel (~20 µs on wasm, issue #12), 12 of the 2-D diffusion step's kernels
 * and 12 of the VAE step's. With this kernel installed, src/core/math/dense.ts calls _FusedMatMul on
 * the matrices themselves. A rank-2 call is passed to tfjs's kernel with the shapes read as
 * [1, m, k] and [1, k, n] (the same data, nothing copied) and its [1, m, n] output relabelled
 * [m, n], which is what the op's reshapes do; rank-3 calls go to tfjs's kernel unchanged. The
 * replacement carries the FUSED_MATMUL_TAKES_RANK2 flag that dense.ts checks.
 * `installWasmFusedMatMul()` is idempotent and must run after '@tensorflow/tfjs-backend-wasm' is
 * imported.
 */
import * as tf from '@tensorflow/tfjs-core';
import { FUSED_MATMUL_TAKES_RANK2 } from '../core/math/dense';

interface FusedArgs {
  inputs: { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo };
  attrs: Record<string, unknown>;
  backend: unknown;
}

/** Replaces the wasm backend's _FusedMatMul (no-op when wasm is not registered or it is already replaced). */
export function installWasmFusedMatMul(): void {
  const original = tf.getKernel('_FusedMatMul', 'wasm');
  if (!original || (original.kernelFunc as unknown as Record<string, unknown>)[FUSED_MATMUL_TAKES_RANK2]) return;
  const fallback = original.kernelFunc as unknown as (args: FusedArgs) => tf.TensorInfo;
  const kernelFunc = (args: FusedArgs): tf.TensorInfo => {
    const { a, b } = args.inputs;
    if (a.shape.length !== 2 || b.shape.length !== 2) return fallback(args);
    const as3 = (t: tf.TensorInfo): tf.TensorInfo => ({ dataId: t.dataId, dtype: t.dtype, shape: [1, ...t.shape] });
    const out = fallback({ ...args, inputs: { ...args.inputs, a: as3(a), b: as3(b) } });
    out.shape = out.shape.slice(1);
    return out;
  };
  (kernelFunc as unknown as Record<string, unknown>)[FUSED_MATMUL_TAKES_RANK2] = true;
  tf.unregisterKernel('_FusedMatMul', 'wasm');
  tf.registerKernel({ ...original, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
}
