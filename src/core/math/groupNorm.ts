/**
 * Group normalization (Wu & He 2018), NHWC, with its backpropagation. The c channels split into G
 * groups of c/G consecutive channels; each sample's group is standardized over (H, W, its channels):
 *   μ = mean(x), σ² = mean((x − μ)²) (biased, as torch.nn.functional.group_norm),
 *   x̂ = (x − μ) / √(σ² + eps),   y = γ x̂ + β   (γ, β per channel).
 * Backward, with N = H·W·c/G values per group and g = γ ⊙ ∂y:
 *   ∂γ = Σ_{n,h,w} ∂y ⊙ x̂,   ∂β = Σ_{n,h,w} ∂y,
 *   ∂x = (g − mean(g) − x̂ mean(g ⊙ x̂)) / √(σ² + eps)   (means over the group).
 */
import * as tf from '@tensorflow/tfjs-core';
import { channelSums } from './conv2d';

/** torch.nn.functional.group_norm's default. */
export const GROUP_NORM_EPS = 1e-5;

/** What groupNormBackward needs from the forward pass. */
export interface GroupNormTrace {
  /** the normalized input x̂ [n, H, W, c] */
  xhat: tf.Tensor4D;
  /** 1/√(σ² + eps) per sample and group [n, 1, G, 1] */
  invStd: tf.Tensor4D;
  groups: number;
}

function grouped(x: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [n, H, W, c] = x.shape;
  return tf.reshape(x, [n, H * W, groups, c / groups]);
}

/**
 * y = γ x̂ + β. @param x [n, H, W, c] @param gamma [c] @param beta [c] @param groups divides c
 * @returns y [n, H, W, c] and the trace for backward (caller tidies)
 */
export function groupNorm(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number, eps = GROUP_NORM_EPS): { y: tf.Tensor4D; trace: GroupNormTrace } {
  const c = x.shape[3];
  if (!Number.isInteger(groups) || groups < 1 || c % groups !== 0) throw new Error(`groupNorm: ${groups} groups do not divide ${c} channels`);
  const [y, xhat, invStd] = tf.tidy(() => {
    const xg = grouped(x, groups);
    const centred = tf.sub(xg, tf.mean(xg, [1, 3], true));
    const r = tf.rsqrt(tf.add(tf.mean(tf.square(centred), [1, 3], true), eps)) as tf.Tensor4D;
    const xh = tf.reshape(tf.mul(centred, r), x.shape) as tf.Tensor4D;
    return [tf.add(tf.mul(xh, gamma), beta) as tf.Tensor4D, xh, r];
  });
  return { y, trace: { xhat, invStd, groups } };
}

/**
 * @param dy ∂loss/∂y [n, H, W, c] @param gamma [c]
 * @returns ∂x [n, H, W, c], ∂γ [c], ∂β [c] (caller tidies)
 */
export function groupNormBackward(dy: tf.Tensor4D, gamma: tf.Tensor, t: GroupNormTrace): { dx: tf.Tensor4D; dGamma: tf.Tensor1D; dBeta: tf.Tensor1D } {
  const [dx, dGamma, dBeta] = tf.tidy(() => {
    const g = grouped(tf.mul(dy, gamma) as tf.Tensor4D, t.groups);
    const xhat = grouped(t.xhat, t.groups);
    const inner = tf.sub(tf.sub(g, tf.mean(g, [1, 3], true)), tf.mul(xhat, tf.mean(tf.mul(g, xhat), [1, 3], true)));
    return [tf.reshape(tf.mul(inner, t.invStd), dy.shape) as tf.Tensor4D, channelSums(tf.mul(dy, t.xhat) as tf.Tensor4D), channelSums(dy)];
  });
  return { dx, dGamma, dBeta };
}
