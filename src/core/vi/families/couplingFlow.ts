/**
 * A RealNVP-style normalizing flow on R² (Dinh et al. 2017): K affine coupling layers followed
 * by an elementwise affine map, pushed forward from ε ~ N(0, I).
 *
 * Coupling layer k keeps coordinate c = k mod 2 and moves the other one, t:
 *   y_c = x_c,   y_t = x_t · exp(s(x_c)) + b(x_c),   log|det ∂y/∂x| = s(x_c),
 * where (s, b) = MLP(x_c) has one tanh hidden layer of width H, and s is soft-clamped to
 * (−S_MAX, S_MAX) so that no single layer can blow up. Every layer is invertible in closed form,
 * so log q(z) is available at any z (contours), not only at sampled points:
 *   log q(z) = log N(ε) − Σ_k s_k − Σ_j log σ_j,   ε = T⁻¹(z).
 */
import * as tf from '@tensorflow/tfjs-core';
import { tfVariable } from '../../math/tfVariable';
import type { Rng } from '../../random';
import { logStandardNormal } from './standardNormal';
import type { VariationalFamily } from './types';

const S_MAX = 2;

interface CouplingLayer {
  w1: tf.Variable; // [1, H]
  b1: tf.Variable; // [H]
  w2: tf.Variable; // [H, 2]
  b2: tf.Variable; // [2]
}

export interface CouplingFlowOptions {
  layers: number;
  hidden: number;
  rng: Rng;
  /** Std of the output-layer initial weights; 0 starts the flow at the identity map. */
  outputInitScale?: number;
}

export interface CouplingFlow extends VariationalFamily {
  /** z = T(ε) and log|det ∂z/∂ε| [S], for checking the change of variables. */
  forward(eps: tf.Tensor2D): { z: tf.Tensor2D; logDet: tf.Tensor1D };
}

function randomTensor(rng: Rng, shape: number[], std: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = std * rng.normal();
  return tf.tensor(v, shape);
}

/** (s, b) for a conditioning column x_c [S, 1] → two [S, 1] tensors. */
function shiftAndLogScale(layer: CouplingLayer, xc: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  const h = tf.tanh(tf.add(tf.matMul(xc, layer.w1), layer.b1)) as tf.Tensor2D;
  const out = tf.add(tf.matMul(h, layer.w2), layer.b2) as tf.Tensor2D;
  const [raw, shift] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  const s = tf.mul(tf.tanh(tf.div(raw, S_MAX)), S_MAX) as tf.Tensor2D;
  return [s, shift];
}

export function createCouplingFlow(opts: CouplingFlowOptions): CouplingFlow {
  const { layers: k, hidden, rng } = opts;
  const initScale = opts.outputInitScale ?? 0.01;
  const layers: CouplingLayer[] = [];
  for (let i = 0; i < k; i++) {
    layers.push({
      w1: tfVariable(() => randomTensor(rng, [1, hidden], 1)),
      b1: tfVariable(() => randomTensor(rng, [hidden], 0.5)),
      w2: tfVariable(() => randomTensor(rng, [hidden, 2], initScale)),
      b2: tfVariable(() => tf.zeros([2])),
    });
  }
  const loc = tfVariable(() => tf.zeros([2]));
  const logScale = tfVariable(() => tf.zeros([2]));
  const variables = [...layers.flatMap((l) => [l.w1, l.b1, l.w2, l.b2]), loc, logScale];

  const forward = (eps: tf.Tensor2D) =>
    tf.tidy(() => {
      let [a, b] = tf.split(eps, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      let logDet: tf.Tensor = tf.zeros([eps.shape[0], 1]);
      layers.forEach((layer, i) => {
        // Even layers move the second coordinate given the first; odd layers the reverse.
        const [xc, xt] = i % 2 === 0 ? [a, b] : [b, a];
        const [s, shift] = shiftAndLogScale(layer, xc);
        const yt = tf.add(tf.mul(xt, tf.exp(s)), shift) as tf.Tensor2D;
        if (i % 2 === 0) b = yt;
        else a = yt;
        logDet = tf.add(logDet, s);
      });
      const z = tf.add(tf.mul(tf.concat([a, b], 1), tf.exp(logScale)), loc) as tf.Tensor2D;
      return { z, logDet: tf.add(tf.reshape(logDet, [-1]), tf.sum(logScale)) as tf.Tensor1D };
    });

  return {
    name: 'flow',
    variables,
    forward,
    sample(eps) {
      return tf.tidy(() => {
        const { z, logDet } = forward(eps);
        return { z, logQ: tf.sub(logStandardNormal(eps), logDet) as tf.Tensor1D };
      });
    },
    logDensity(z) {
      return tf.tidy(() => {
        const u = tf.div(tf.sub(z, loc), tf.exp(logScale)) as tf.Tensor2D;
        let [a, b] = tf.split(u, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
        let logDet: tf.Tensor = tf.reshape(tf.sum(logScale), [1, 1]);
        for (let i = k - 1; i >= 0; i--) {
          const [yc, yt] = i % 2 === 0 ? [a, b] : [b, a];
          const [s, shift] = shiftAndLogScale(layers[i], yc);
          const xt = tf.mul(tf.sub(yt, shift), tf.exp(tf.neg(s))) as tf.Tensor2D;
          if (i % 2 === 0) b = xt;
          else a = xt;
          logDet = tf.add(logDet, s);
        }
        const eps = tf.concat([a, b], 1) as tf.Tensor2D;
        return tf.sub(logStandardNormal(eps), tf.reshape(logDet, [-1])) as tf.Tensor1D;
      });
    },
    dispose() {
      tf.dispose(variables);
    },
  };
}
