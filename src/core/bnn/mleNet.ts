/**
 * The contrast of chapter 11: the same architecture with the weights as fixed parameters,
 * fitted with σ² by maximum likelihood, Σ_i log N(y_i; f_w(x_i), σ²). Its predictive is the
 * plug-in N(f̂(x), σ̂²), the same width everywhere.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { tfVariable } from '../math/tfVariable';
import type { PointLayers } from './predictive';
import { initialWeights } from './network';

export interface PointNet {
  sizes: number[];
  weights: { w: tf.Variable; b: tf.Variable }[];
  variables: tf.Variable[];
  dispose(): void;
}

/** Weights from `initialWeights` (N(0, 1/din)), biases 0, as the mean-field net's means start. */
export function createPointNet(sizes: number[], rng: Rng): PointNet {
  const init = initialWeights(sizes, rng);
  const weights: { w: tf.Variable; b: tf.Variable }[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    weights.push({ w: tfVariable(() => tf.tensor2d(init[l], [sizes[l], sizes[l + 1]])), b: tfVariable(() => tf.zeros([sizes[l + 1]])) });
  }
  const variables = weights.flatMap((L) => [L.w, L.b]);
  return { sizes, weights, variables, dispose: () => tf.dispose(variables) };
}

/** f at x [n, 1] → [n]. */
export function forwardPoint(net: PointNet, x: tf.Tensor2D): tf.Tensor1D {
  const last = net.weights.length - 1;
  let a: tf.Tensor2D = x;
  net.weights.forEach((L, l) => {
    const z = tf.add(tf.matMul(a, L.w), L.b) as tf.Tensor2D;
    a = l === last ? z : tf.tanh(z);
  });
  return tf.reshape(a, [-1]);
}

export async function readPointNet(net: PointNet): Promise<PointLayers> {
  const layers = await Promise.all(net.weights.map(async (L) => ({ w: Float64Array.from(await L.w.data()), b: Float64Array.from(await L.b.data()) })));
  return { sizes: [...net.sizes], layers };
}
