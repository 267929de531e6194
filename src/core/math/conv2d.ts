/**
 * 2-D convolution with stride 1 and 'same' zero padding (odd square kernels), NHWC, for networks
 * that backpropagate by hand (../diffusion/unetDenoiser.ts). With y = x ⋆ K + b, p = (k−1)/2,
 * x [n, H, W, ci], K [k, k, ci, co] (tfjs's filter layout), b [co], y [n, H, W, co]:
 *   y[n, h, w, o] = b[o] + Σ_{i,j,c} x[n, h+i−p, w+j−p, c] K[i, j, c, o]   (x = 0 outside)
 *   ∂x = dy ⋆ K̃,  K̃[i, j, o, c] = K[k−1−i, k−1−j, c, o]   (a 'same' convolution with the kernel
 *        flipped in space and its channel axes swapped)
 *   ∂K[i, j, c, o] = Σ_{n,h,w} x[n, h+i−p, w+j−p, c] dy[n, h, w, o]
 *   ∂b = Σ_{n,h,w} dy.
 * Both gradients run as forward convolutions where the backend lacks a fast kernel: tfjs-backend-wasm
 * 4.22 has no Conv2DBackpropFilter, and its Conv2DBackpropInput and Conv3DBackpropFilterV2 are plain
 * loops, where its Conv2D is XNNPACK's. Measured on wasm here, n = 16, 28×28, 32 → 32 channels:
 * the filter gradient by Conv3DBackpropFilterV2 at depth 1 took 1,011 ms, by the convolution below
 * 150 ms; 11 Conv2DBackpropInput calls of one U-Net step took 2.1 s in all.
 */
import * as tf from '@tensorflow/tfjs-core';

/** x ⋆ K + b with 'same' zero padding. @param x [n, H, W, ci] @param K [k, k, ci, co] @param b [co] @returns [n, H, W, co] (caller tidies) */
export function conv2dSame(x: tf.Tensor4D, K: tf.Tensor4D, b: tf.Tensor): tf.Tensor4D {
  return tf.fused.conv2d({ x, filter: K, bias: b, strides: 1, pad: 'same' });
}

/** ∂loss/∂x of conv2dSame. @param dy [n, H, W, co] @param K [k, k, ci, co] @returns [n, H, W, ci] (caller tidies) */
export function conv2dSameInputGrad(dy: tf.Tensor4D, K: tf.Tensor4D): tf.Tensor4D {
  if (K.shape[0] === 1 && K.shape[1] === 1) {
    const [n, H, W, co] = dy.shape;
    const ci = K.shape[2];
    return tf.reshape(tf.matMul(tf.reshape(dy, [n * H * W, co]), tf.transpose(tf.reshape(K, [ci, co]))), [n, H, W, ci]);
  }
  // K̃: the k² taps in reverse order (a gather of rows: wasm's Reverse is a slow general loop), then in ↔ out
  const [k, kw, ci, co] = K.shape;
  const taps = tf.tensor1d(Int32Array.from({ length: k * kw }, (_, i) => k * kw - 1 - i), 'int32');
  const flipped = tf.reshape(tf.gather(tf.reshape(K, [k * kw, ci * co]), taps), [k, kw, ci, co]);
  return tf.conv2d(dy, tf.transpose(flipped, [0, 1, 3, 2]) as tf.Tensor4D, 1, 'same');
}

/** How conv2dSameFilterGrad computes: the backend's Conv2DBackpropFilter, or a forward convolution with the roles swapped. */
export type FilterGradRoute = 'kernel' | 'swap';

/** The backend's kernel where it has one (cpu, webgl, webgpu), else the swap (wasm). */
export function filterGradRoute(): FilterGradRoute {
  return tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) ? 'kernel' : 'swap';
}

/**
 * ∂loss/∂K of conv2dSame. @param x [n, H, W, ci] @param dy [n, H, W, co] @param k kernel side
 * @param route default: filterGradRoute() @returns [k, k, ci, co] (caller tidies)
 */
export function conv2dSameFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, k: number, route: FilterGradRoute = filterGradRoute()): tf.Tensor4D {
  const [n, H, W, ci] = x.shape;
  const co = dy.shape[3];
  if (k === 1) return tf.reshape(tf.matMul(tf.transpose(tf.reshape(x, [n * H * W, ci])), tf.reshape(dy, [n * H * W, co])), [1, 1, ci, co]);
  if (route === 'kernel') {
    const attrs = { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', filterShape: [k, k, ci, co] };
    return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
  }
  // ∂K[i, j, c, o] = Σ_{h,w,n} x'[c, h+i−p, w+j−p, n] dy'[h, w, n, o]: a convolution of x' = x with
  // channels as the batch and the batch as channels, zero-padded by p, with dy' = dy as an H×W
  // filter; its k×k output is the gradient
  const xT = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D;
  const dyK = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
  const p = (k - 1) / 2;
  // explicit padding: with a number, tfjs 4.22 sizes both output axes by the filter's height
  const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [p, p], [p, p], [0, 0]];
  return tf.transpose(tf.conv2d(xT, dyK, 1, pad), [1, 2, 0, 3]);
}

/** ∂loss/∂b of conv2dSame, or of any per-channel bias. @param dy [n, H, W, c] @returns [c] (caller tidies) */
export function channelSums(dy: tf.Tensor4D): tf.Tensor1D {
  const [n, H, W, c] = dy.shape;
  // a product rather than a sum over the first axes: wasm transposes before such a reduction
  return tf.reshape(tf.matMul(tf.ones([1, n * H * W]), tf.reshape(dy, [n * H * W, c])), [c]);
}
