/**
 * tfjs variables: made from a freshly computed tensor without leaking that tensor, and read out or
 * assigned as plain arrays (a model's checkpoint and its weights files).
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * `tf.variable(t)` shares t's data but leaves t itself alive (a tensor per variable that
 * `dispose()` of the variable never frees). Inside tidy, t is released and the data stays.
 */
export function tfVariable(init: () => tf.Tensor, trainable = true, name?: string): tf.Variable {
  return tf.tidy(() => tf.variable(init(), trainable, name));
}

/**
 * Each variable's values, in order, as copies: the cpu backend's `data()` hands out the tensor's
 * own buffer, which a caller that keeps or edits the arrays (a checkpoint) must not alias.
 */
export async function readVariables(variables: readonly tf.Variable[]): Promise<Float32Array[]> {
  return Promise.all(variables.map(async (v) => Float32Array.from((await v.data()) as Float32Array)));
}

/** Assigns `values[i]` (v.size numbers, row-major) to `variables[i]`; no tensor outlives the call. */
export function assignVariables(variables: readonly tf.Variable[], values: readonly ArrayLike<number>[]): void {
  if (values.length !== variables.length) throw new Error(`assignVariables: ${values.length} arrays for ${variables.length} variables`);
  variables.forEach((v, i) => {
    if (values[i].length !== v.size) throw new Error(`assignVariables: array ${i} has ${values[i].length} values for a variable of shape [${v.shape.join(', ')}]`);
  });
  tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(Float32Array.from(values[i]), v.shape))));
}
