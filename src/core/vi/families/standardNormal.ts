import * as tf from '@tensorflow/tfjs-core';
import { LOG_2PI } from './types';

/** Σ_j log N(ε_j | 0, 1) over the columns of ε [S, d] → [S]. */
export function logStandardNormal(eps: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const d = eps.shape[1];
    return tf.sub(tf.mul(tf.sum(tf.square(eps), 1), -0.5), (d * LOG_2PI) / 2) as tf.Tensor1D;
  });
}
