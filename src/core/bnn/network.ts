/**
 * A mean-field Gaussian network: every weight and bias w_j of layer l has its own
 * q(w_j) = N(m_j, v_j), v_j = exp(2ρ_j), independent of the others (chapter 11, eq. bnn-q).
 * Hidden units are tanh; the output is one number f_w(x). Sizes [1, 1] is the linear model
 * (no hidden layer), the exact check of chapter 11.
 *
 * Two ways to evaluate f at a draw from q:
 * - `forwardLocal` (the local reparameterization trick, Kingma, Salimans & Welling 2015): each
 *   layer's pre-activation B = A M + b_m + √(A² V + v_b) ⊙ ε is drawn directly, with a fresh ε per
 *   data point. Given the layer's input A this is exactly the distribution the weight draw gives
 *   each row; rows become independent, which is what lowers the gradient's variance.
 * - `forwardWeights`: one draw of every weight, shared by all data points (Bayes by backprop as
 *   Blundell et al. 2015 wrote it).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { tfVariable } from '../math/tfVariable';

export interface MeanFieldLayer {
  /** [din, dout] */
  wMean: tf.Variable;
  wLogSd: tf.Variable;
  /** [dout] */
  bMean: tf.Variable;
  bLogSd: tf.Variable;
}

export interface MeanFieldNet {
  sizes: number[];
  layers: MeanFieldLayer[];
  variables: tf.Variable[];
  dispose(): void;
}

/** Weights and biases per layer: d_l = din·dout + dout. */
export function layerSize(sizes: number[], l: number): number {
  return sizes[l] * sizes[l + 1] + sizes[l + 1];
}

function normalArray(rng: Rng, n: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = scale * rng.normal();
  return out;
}

/** Initial weights N(0, 1/din) per layer, [din, dout] row-major (so the network is neither flat nor saturated). */
export function initialWeights(sizes: number[], rng: Rng): Float32Array[] {
  return sizes.slice(1).map((dout, l) => normalArray(rng, sizes[l] * dout, 1 / Math.sqrt(sizes[l])));
}

/** Means from `initialWeights`, biases 0; every sd starts at `initSd`. */
export function createMeanFieldNet(sizes: number[], rng: Rng, initSd: number): MeanFieldNet {
  const layers: MeanFieldLayer[] = [];
  const init = initialWeights(sizes, rng);
  for (let l = 0; l + 1 < sizes.length; l++) {
    const din = sizes[l];
    const dout = sizes[l + 1];
    const logSd = Math.log(initSd);
    layers.push({
      wMean: tfVariable(() => tf.tensor2d(init[l], [din, dout])),
      wLogSd: tfVariable(() => tf.fill([din, dout], logSd)),
      bMean: tfVariable(() => tf.zeros([dout])),
      bLogSd: tfVariable(() => tf.fill([dout], logSd)),
    });
  }
  const variables = layers.flatMap((L) => [L.wMean, L.wLogSd, L.bMean, L.bLogSd]);
  return { sizes, layers, variables, dispose: () => tf.dispose(variables) };
}

/** Standard normals for `forwardLocal`: one [n, dout] block per layer. */
export function localNoise(sizes: number[], n: number, rng: Rng): tf.Tensor2D[] {
  return sizes.slice(1).map((dout) => tf.tensor2d(normalArray(rng, n * dout, 1), [n, dout]));
}

/** Standard normals for `forwardWeights`: per layer [din, dout] for W then [dout] for b. */
export function weightNoise(sizes: number[], rng: Rng): { w: tf.Tensor2D; b: tf.Tensor1D }[] {
  const out: { w: tf.Tensor2D; b: tf.Tensor1D }[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    out.push({
      w: tf.tensor2d(normalArray(rng, sizes[l] * sizes[l + 1], 1), [sizes[l], sizes[l + 1]]),
      b: tf.tensor1d(normalArray(rng, sizes[l + 1], 1)),
    });
  }
  return out;
}

function activate(z: tf.Tensor2D, l: number, last: number): tf.Tensor2D {
  return l === last ? z : tf.tanh(z);
}

/**
 * f at x with the local reparameterization trick.
 * @param x [n, 1]
 * @param eps one [n, dout] standard-normal block per layer (`localNoise`)
 * @returns [n]
 */
export function forwardLocal(net: MeanFieldNet, x: tf.Tensor2D, eps: tf.Tensor2D[]): tf.Tensor1D {
  const last = net.layers.length - 1;
  let a: tf.Tensor2D = x;
  net.layers.forEach((L, l) => {
    const mean = tf.add(tf.matMul(a, L.wMean), L.bMean) as tf.Tensor2D;
    const variance = tf.add(tf.matMul(tf.square(a), tf.exp(tf.mul(2, L.wLogSd))), tf.exp(tf.mul(2, L.bLogSd)));
    a = activate(tf.add(mean, tf.mul(tf.sqrt(variance), eps[l])) as tf.Tensor2D, l, last);
  });
  return tf.reshape(a, [-1]);
}

/**
 * f at x with one draw of every weight, shared by all n points.
 * @param x [n, 1]
 * @returns [n]
 */
export function forwardWeights(net: MeanFieldNet, x: tf.Tensor2D, eps: { w: tf.Tensor2D; b: tf.Tensor1D }[]): tf.Tensor1D {
  const last = net.layers.length - 1;
  let a: tf.Tensor2D = x;
  net.layers.forEach((L, l) => {
    const w = tf.add(L.wMean, tf.mul(tf.exp(L.wLogSd), eps[l].w)) as tf.Tensor2D;
    const b = tf.add(L.bMean, tf.mul(tf.exp(L.bLogSd), eps[l].b));
    a = activate(tf.add(tf.matMul(a, w), b) as tf.Tensor2D, l, last);
  });
  return tf.reshape(a, [-1]);
}

/** (1/d_l) Σ_j (m_j² + v_j) over layer l: the closed-form M-step for s_l² given q (eq. bnn-mstep). */
export function optimalPriorVar(L: MeanFieldLayer): tf.Scalar {
  const sum = tf.addN([
    tf.sum(tf.square(L.wMean)),
    tf.sum(tf.exp(tf.mul(2, L.wLogSd))),
    tf.sum(tf.square(L.bMean)),
    tf.sum(tf.exp(tf.mul(2, L.bLogSd))),
  ]);
  return tf.div(sum, L.wMean.size + L.bMean.size);
}

/** KL(q_l ‖ N(0, s² I)) = ½ Σ_j [(v_j + m_j²)/s² − 1 − log(v_j/s²)] (eq. bnn-kl). */
export function layerKl(L: MeanFieldLayer, priorVar: tf.Scalar): tf.Scalar {
  const d = L.wMean.size + L.bMean.size;
  const sumSq = tf.addN([
    tf.sum(tf.square(L.wMean)),
    tf.sum(tf.exp(tf.mul(2, L.wLogSd))),
    tf.sum(tf.square(L.bMean)),
    tf.sum(tf.exp(tf.mul(2, L.bLogSd))),
  ]);
  const sumLogV = tf.mul(2, tf.add(tf.sum(L.wLogSd), tf.sum(L.bLogSd)));
  return tf.mul(0.5, tf.sub(tf.add(tf.div(sumSq, priorVar), tf.mul(d, tf.log(priorVar))), tf.add(sumLogV, d))) as tf.Scalar;
}

/** Σ_i log N(y_i; f_i, σ²) for f [n], y [n]. */
export function gaussianLogLik(f: tf.Tensor1D, y: tf.Tensor1D, noiseVar: tf.Scalar): tf.Scalar {
  const n = y.shape[0];
  const sq = tf.sum(tf.square(tf.sub(y, f)));
  return tf.neg(tf.add(tf.mul(0.5 * n, tf.log(tf.mul(2 * Math.PI, noiseVar))), tf.div(sq, tf.mul(2, noiseVar)))) as tf.Scalar;
}

/** The net's means and sds as float64 arrays, for the predictive computations of predictive.ts. */
export interface NetValues {
  sizes: number[];
  layers: { wMean: Float64Array; wSd: Float64Array; bMean: Float64Array; bSd: Float64Array }[];
}

export async function readNet(net: MeanFieldNet): Promise<NetValues> {
  const layers = await Promise.all(
    net.layers.map(async (L) => {
      const [wm, wl, bm, bl] = await Promise.all([L.wMean.data(), L.wLogSd.data(), L.bMean.data(), L.bLogSd.data()]);
      return {
        wMean: Float64Array.from(wm),
        wSd: Float64Array.from(wl, Math.exp),
        bMean: Float64Array.from(bm),
        bSd: Float64Array.from(bl, Math.exp),
      };
    }),
  );
  return { sizes: [...net.sizes], layers };
}
