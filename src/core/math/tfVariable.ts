/**
 * A tfjs variable made from a freshly computed tensor without leaking that tensor:
 * `tf.variable(t)` shares t's data but leaves t itself alive (a tensor per variable that
 * `dispose()` of the variable never frees). Inside tidy, t is released and the data stays.
 */
import * as tf from '@tensorflow/tfjs-core';

export function tfVariable(init: () => tf.Tensor, trainable = true, name?: string): tf.Variable {
  return tf.tidy(() => tf.variable(init(), trainable, name));
}
