/**
 * 2-D convolution with stride 1 and 'same' zero padding (odd square kernels), NHWC, for networks
 * that backpropagate by hand (../diffusion/unetDenoiser.ts). With y = x ⋆ K + b,
 * x [n, H, W, ci], K [k, k, ci, co] (tfjs's filter layout), b [co], y [n, H, W, co]:
 *   ∂x = dy ⋆ᵀ K      a transposed convolution with the same padding (Conv2DBackpropInput)
 *   ∂K[i, j, c, o] = Σ_{n,h,w} x_pad[n, h+i, w+j, c] dy[n, h, w, o]
 *   ∂b = Σ_{n,h,w} dy.
 * The filter gradient runs the backend's Conv2DBackpropFilter kernel where it has one (cpu, webgl,
 * webgpu). tfjs-backend-wasm 4.22 has none, but has Conv3DBackpropFilterV2: a 2-D convolution is
 * a 3-D one of depth 1, so x and dy go through it as [n, 1, H, W, c] (reshapes copy nothing).
 */
import * as tf from '@tensorflow/tfjs-core';

/** act(x ⋆ K + b) with 'same' zero padding. @param x [n, H, W, ci] @param K [k, k, ci, co] @param b [co] @returns [n, H, W, co] (caller tidies) */
export function conv2dSame(x: tf.Tensor4D, K: tf.Tensor4D, b: tf.Tensor): tf.Tensor4D {
  return tf.fused.conv2d({ x, filter: K, bias: b, strides: 1, pad: 'same' });
}

/** ∂loss/∂x of conv2dSame. @param dy [n, H, W, co] @param K [k, k, ci, co] @returns [n, H, W, ci] (caller tidies) */
export function conv2dSameInputGrad(dy: tf.Tensor4D, K: tf.Tensor4D): tf.Tensor4D {
  const [n, H, W] = dy.shape;
  return tf.conv2dTranspose(dy, K, [n, H, W, K.shape[2]], 1, 'same');
}

/** How conv2dSameFilterGrad computes: the backend's 2-D kernel, or the 3-D one at depth 1. */
export type FilterGradRoute = 'conv2d' | 'conv3d';

/** The route the current backend takes (the 2-D kernel where it exists). */
export function filterGradRoute(): FilterGradRoute {
  const backend = tf.getBackend();
  if (tf.getKernel('Conv2DBackpropFilter', backend)) return 'conv2d';
  if (tf.getKernel('Conv3DBackpropFilterV2', backend)) return 'conv3d';
  throw new Error(`conv2dSameFilterGrad: the tfjs backend "${backend}" has neither a Conv2DBackpropFilter nor a Conv3DBackpropFilterV2 kernel`);
}

/**
 * ∂loss/∂K of conv2dSame. @param x [n, H, W, ci] @param dy [n, H, W, co] @param k kernel side
 * @param route default: filterGradRoute() @returns [k, k, ci, co] (caller tidies)
 */
export function conv2dSameFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, k: number, route: FilterGradRoute = filterGradRoute()): tf.Tensor4D {
  const [n, H, W, ci] = x.shape;
  const co = dy.shape[3];
  if (route === 'conv2d') {
    const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', filterShape: [k, k, ci, co] };
    return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  }
  const attrs = { strides: [1, 1, 1], pad: 'same', filterShape: [1, k, k, ci, co] };
  const x5 = tf.reshape(x, [n, 1, H, W, ci]);
  const dy5 = tf.reshape(dy, [n, 1, H, W, co]);
  const dK = tf.engine().runKernel('Conv3DBackpropFilterV2', { x: x5, dy: dy5 }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  return tf.reshape(dK, [k, k, ci, co]);
}

/** ∂loss/∂b of conv2dSame, or of any per-channel bias. @param dy [n, H, W, c] @returns [c] (caller tidies) */
export function channelSums(dy: tf.Tensor4D): tf.Tensor1D {
  const [n, H, W, c] = dy.shape;
  // a product rather than a sum over the first axes: wasm transposes before such a reduction
  return tf.reshape(tf.matMul(tf.ones([1, n * H * W]), tf.reshape(dy, [n * H * W, c])), [c]);
}
