/**
 * Dense-layer primitives for hand-written training steps, in as few backend kernels as the backend
 * allows (on wasm every kernel has a fixed cost of ~20 µs whatever its size, issue #12).
 *
 *   dense(a, W, b, activation)  act(a W + b) for matrices a [m, k], W [k, n], b [n]: one
 *     _FusedMatMul kernel where the backend's takes rank-2 operands (wasm, with
 *     src/runtime/wasmFusedMatMul.ts installed), else tf.fused.matMul (the same kernel between
 *     three reshapes). Not differentiable by tfjs's autodiff on the direct path: for steps that
 *     backpropagate by hand.
 *   columnSums(g)  Σ_rows g as a [1, m]·[m, n] product: on wasm a reduction over the first axis
 *     transposes first, about ten times the cost of the product.
 *   columnSumsRow(g)  the same as the product's row [1, n], without the reshape to [n]: a bias
 *     gradient for an optimizer that flattens its gradients anyway (../math/adam.ts), one kernel
 *     fewer on wasm.
 *   transposeWithOnes(h)  [hᵀ; 1] [k+1, m] for h [m, k]: a layer input transposed with a row of ones
 *     appended, so that one product [hᵀ; 1]·δ = [∂W; ∂b] [k+1, n] gives a dense layer's weight and
 *     bias gradients together. Row-major, that is ∂W's values followed by ∂b's, the layout of W
 *     then b in a flat parameter buffer, so ../math/adam.ts takes it as the gradient of both. One
 *     kernel on wasm (TRANSPOSE_ONES_KERNEL, src/runtime/wasmTranspose.ts) in place of a transpose
 *     and a column sum; elsewhere a transpose and a concat.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Kernel [m, k] → [k+1, m]: the transpose with a row of ones appended (src/runtime/wasmTranspose.ts). */
export const TRANSPOSE_ONES_KERNEL = 'TransposeOnesRow';

/** Property set on a _FusedMatMul kernel function that accepts rank-2 operands. */
export const FUSED_MATMUL_TAKES_RANK2 = 'takesRank2';

export type DenseActivation = { activation?: 'linear' | 'relu' } | { activation: 'leakyrelu'; leakyreluAlpha: number };

function takesRank2(): boolean {
  const k = tf.getKernel('_FusedMatMul', tf.getBackend());
  return k !== undefined && (k.kernelFunc as unknown as Record<string, unknown>)[FUSED_MATMUL_TAKES_RANK2] === true;
}

/** act(a W + b). @param a [m, k] @param W [k, n] @param b [n] @returns [m, n] (caller tidies; other ranks go to tf.fused.matMul) */
export function dense(a: tf.Tensor2D, W: tf.Tensor2D, b: tf.Tensor, act: DenseActivation = {}): tf.Tensor2D {
  const activation = act.activation ?? 'linear';
  const leakyreluAlpha = act.activation === 'leakyrelu' ? act.leakyreluAlpha : undefined;
  if (a.rank !== 2 || W.rank !== 2 || !takesRank2()) return tf.fused.matMul({ a, b: W, bias: b, activation, leakyreluAlpha }) as tf.Tensor2D;
  const attrs = { transposeA: false, transposeB: false, activation, leakyreluAlpha: leakyreluAlpha ?? 0 };
  return tf.engine().runKernel('_FusedMatMul', { a, b: W, bias: b }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** Σ_b g[b, :]. @param g [m, n] @returns [n] (caller tidies) */
export function columnSums(g: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(columnSumsRow(g), [g.shape[1]]);
}

/** Σ_b g[b, :] as a row. @param g [m, n] @returns [1, n] (caller tidies) */
export function columnSumsRow(g: tf.Tensor2D): tf.Tensor2D {
  return tf.matMul(tf.ones([1, g.shape[0]]), g);
}

/** [hᵀ; 1]. @param h [m, k] @returns [k+1, m] (caller tidies) */
export function transposeWithOnes(h: tf.Tensor2D): tf.Tensor2D {
  if (tf.getKernel(TRANSPOSE_ONES_KERNEL, tf.getBackend())) return tf.engine().runKernel(TRANSPOSE_ONES_KERNEL, { x: h }) as tf.Tensor2D;
  return tf.concat([tf.transpose(h), tf.ones([1, h.shape[0]])], 0);
}

