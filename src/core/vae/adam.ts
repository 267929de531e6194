/**
 * Adam (Kingma & Ba 2015) on one flat parameter vector: a dozen element-wise ops per step in
 * total, however many weight matrices the vector holds.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface AdamState {
  /** first-moment estimate m, [P] */
  m: tf.Tensor1D;
  /** second-moment estimate v, [P] */
  v: tf.Tensor1D;
  /** number of updates taken so far */
  t: number;
}

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;

export function initialAdamState(size: number): AdamState {
  return { m: tf.zeros([size]), v: tf.zeros([size]), t: 0 };
}

/**
 * One descent step θ ← θ − α m̂/(√v̂ + ε). Returns new tensors; the caller disposes the old ones.
 * @param theta [P]
 * @param grad  [P] gradient of the loss (to be decreased)
 */
export function adamStep(
  theta: tf.Tensor1D,
  grad: tf.Tensor1D,
  state: AdamState,
  learningRate: number,
): { theta: tf.Tensor1D; state: AdamState } {
  const t = state.t + 1;
  const m = tf.add(tf.mul(state.m, ADAM_BETA1), tf.mul(grad, 1 - ADAM_BETA1)) as tf.Tensor1D;
  const v = tf.add(tf.mul(state.v, ADAM_BETA2), tf.mul(tf.square(grad), 1 - ADAM_BETA2)) as tf.Tensor1D;
  // Bias corrections folded into the step size: α_t = α √(1 − β₂ᵗ) / (1 − β₁ᵗ).
  const c2 = Math.sqrt(1 - Math.pow(ADAM_BETA2, t));
  const alpha = (learningRate * c2) / (1 - Math.pow(ADAM_BETA1, t));
  const update = tf.div(m, tf.add(tf.sqrt(v), ADAM_EPSILON * c2));
  const next = tf.sub(theta, tf.mul(update, alpha)) as tf.Tensor1D;
  return { theta: next, state: { m, v, t } };
}
