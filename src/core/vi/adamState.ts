/**
 * tfjs's Adam keeps its step count and both moment estimates inside the optimizer, so a
 * checkpoint of the parameters alone is not a checkpoint of the run: after a rollback from a
 * divergence the moments are still NaN and the next step diverges again, and a worker
 * restarted from a checkpoint takes different steps than the one that crashed. These save and
 * restore Adam's state as plain arrays beside the parameters.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface AdamState {
  iterations: number;
  /** First moments then second moments, one per variable in the order the optimizer saw them. */
  moments: { shape: number[]; values: Float32Array }[];
}

interface AdamInternals {
  accumulatedFirstMoment: { variable: tf.Variable }[];
  accumulatedSecondMoment: { variable: tf.Variable }[];
}

export async function saveAdamState(optimizer: tf.AdamOptimizer): Promise<AdamState> {
  const [iter, ...weights] = await optimizer.getWeights();
  const iterations = (await iter.tensor.data())[0];
  iter.tensor.dispose(); // a fresh scalar; the moments are the optimizer's own variables
  const moments = await Promise.all(weights.map(async (w) => ({ shape: [...w.tensor.shape], values: Float32Array.from(await w.tensor.data()) })));
  return { iterations, moments };
}

export async function restoreAdamState(optimizer: tf.AdamOptimizer, state: AdamState): Promise<void> {
  // setWeights replaces the moment variables without disposing the old ones.
  const internals = optimizer as unknown as AdamInternals;
  tf.dispose([...internals.accumulatedFirstMoment, ...internals.accumulatedSecondMoment].map((m) => m.variable));
  internals.accumulatedFirstMoment = [];
  internals.accumulatedSecondMoment = [];
  const iter = tf.scalar(state.iterations, 'int32');
  const tensors = state.moments.map((m) => tf.tensor(m.values, m.shape));
  await optimizer.setWeights([{ name: 'iter', tensor: iter }, ...tensors.map((tensor, i) => ({ name: `moment${i}`, tensor }))]);
  // The new variables share these tensors' data (reference-counted): dropping ours is safe.
  tf.dispose([iter, ...tensors]);
}
