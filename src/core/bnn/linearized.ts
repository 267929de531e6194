/**
 * The linearized full-covariance family of chapter 11 (§bnn-linearized) in tfjs, for the widget's
 * worker: q(θ) = N(m, L Lᵀ) over all weights, L lower-triangular with a positive (log-
 * parameterized) diagonal, and the network linearized at m, so the expected log-likelihood is
 * exact: Σ_i [−½ log 2πσ² − (r_i² + ‖J_i L‖²)/(2σ²)], r_i = y_i − f_m(x_i). J (the Jacobian of f at
 * m, one row per data point) is computed before the gradient tape opens, so autodiff treats it as a
 * constant: the gradient is the Gauss–Newton one that linearizedFloat64.ts writes out by hand, and
 * a test checks the two against each other.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { tfVariable } from '../math/tfVariable';
import { createPointNet, forwardPoint, readPointNet, type PointNet } from './mleNet';
import { layerRanges, parameterCount, type LinearizedValues } from './linearizedFloat64';

export interface LinearizedQ {
  sizes: number[];
  mean: PointNet;
  /** [D, D]: only the strictly-lower part is used */
  off: tf.Variable;
  /** [D]: λ = log diag L */
  logDiag: tf.Variable;
  variables: tf.Variable[];
  dispose(): void;
}

/** Means as the mean-field net's start (`initialWeights`, biases 0), L = initSd·I. */
export function createLinearizedQ(sizes: number[], rng: Rng, initSd: number): LinearizedQ {
  const D = parameterCount(sizes);
  const mean = createPointNet(sizes, rng);
  const off = tfVariable(() => tf.zeros([D, D]));
  const logDiag = tfVariable(() => tf.fill([D], Math.log(initSd)));
  const variables = [...mean.variables, off, logDiag];
  return { sizes, mean, off, logDiag, variables, dispose: () => tf.dispose(variables) };
}

/**
 * ∂f/∂θ at every row of x, θ in the order of linearizedFloat64.ts (W_l row-major, then b_l):
 * δ_last = 1, δ_l = (δ_{l+1} W_{l+1}ᵀ) ⊙ (1 − a_l²), ∂f/∂W_l = a_{l−1} ⊗ δ_l, ∂f/∂b_l = δ_l.
 * @param x [n, 1]  @returns [n, D]
 */
export function jacobianTf(net: PointNet, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const n = x.shape[0];
    const acts: tf.Tensor2D[] = [x];
    net.weights.forEach((L, l) => {
      if (l < net.weights.length - 1) acts.push(tf.tanh(tf.add(tf.matMul(acts[l], L.w), L.b)) as tf.Tensor2D);
    });
    const blocks: tf.Tensor2D[] = [];
    let delta: tf.Tensor2D = tf.ones([n, 1]);
    for (let l = net.weights.length - 1; l >= 0; l--) {
      const a = acts[l];
      const [din, dout] = net.weights[l].w.shape;
      const jw = tf.reshape(tf.mul(tf.expandDims(a, 2), tf.expandDims(delta, 1)), [n, din * dout]) as tf.Tensor2D;
      blocks.unshift(jw, delta);
      if (l > 0) delta = tf.mul(tf.matMul(delta, net.weights[l].w, false, true), tf.sub(1, tf.square(a))) as tf.Tensor2D;
    }
    return tf.concat(blocks, 1);
  });
}

/** L = strictly-lower(off) + diag(exp λ). */
export function choleskyTf(q: LinearizedQ): tf.Tensor2D {
  const D = q.logDiag.shape[0];
  const mask = tf.tensor2d(Float32Array.from({ length: D * D }, (_, k) => (k % D < Math.floor(k / D) ? 1 : 0)), [D, D]);
  return tf.add(tf.mul(q.off, mask), tf.mul(tf.eye(D), tf.expandDims(tf.exp(q.logDiag), 0))) as tf.Tensor2D;
}

export interface LinearizedParts {
  elbo: tf.Scalar;
  expectedLogLik: tf.Scalar;
  kl: tf.Scalar;
  priorVars: tf.Scalar[];
}

/**
 * The ELBO's parts with J given (compute it with `jacobianTf` outside the gradient closure).
 * Call inside tf.tidy or a gradient closure.
 */
export function linearizedElboTf(
  q: LinearizedQ,
  J: tf.Tensor2D,
  x: tf.Tensor2D,
  y: tf.Tensor1D,
  noiseVar: tf.Scalar,
  prior: 'estimate' | 'fixed',
  fixedPriorVar: number,
): LinearizedParts {
  const n = y.shape[0];
  const L = choleskyTf(q);
  const fm = forwardPoint(q.mean, x);
  const sq = tf.add(tf.sum(tf.square(tf.sub(y, fm))), tf.sum(tf.square(tf.matMul(J, L))));
  const expectedLogLik = tf.neg(tf.add(tf.mul(0.5 * n, tf.log(tf.mul(2 * Math.PI, noiseVar))), tf.div(sq, tf.mul(2, noiseVar)))) as tf.Scalar;
  const diagSigma = tf.sum(tf.square(L), 1);
  const m = tf.concat(q.mean.weights.flatMap((W) => [tf.reshape(W.w, [-1]), W.b]));
  const D = q.logDiag.shape[0];
  const priorVars: tf.Scalar[] = [];
  const terms = layerRanges(q.sizes).map(([a, b]) => {
    const ss = tf.add(tf.sum(tf.square(tf.slice(m, a, b - a))), tf.sum(tf.slice(diagSigma, a, b - a)));
    const s2 = prior === 'estimate' ? (tf.div(ss, b - a) as tf.Scalar) : tf.scalar(fixedPriorVar);
    priorVars.push(s2);
    return tf.mul(0.5, tf.add(tf.div(ss, s2), tf.mul(b - a, tf.log(s2))));
  });
  const kl = tf.sub(tf.addN(terms), tf.add(0.5 * D, tf.sum(q.logDiag))) as tf.Scalar;
  return { elbo: tf.sub(expectedLogLik, kl) as tf.Scalar, expectedLogLik, kl, priorVars };
}

export async function readLinearized(q: LinearizedQ): Promise<LinearizedValues> {
  const mean = await readPointNet(q.mean);
  const L = tf.tidy(() => choleskyTf(q));
  const chol = Float64Array.from(await L.data());
  L.dispose();
  return { kind: 'linearized', sizes: [...q.sizes], mean, chol };
}
