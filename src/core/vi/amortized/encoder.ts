/**
 * An inference network x_n ↦ (m_n, log s_n): affine when width = 0, otherwise one tanh hidden
 * layer of the given width. Its input is x_n / scale (the data's standard deviation) so that one
 * initialization suits every model.
 */
import * as tf from '@tensorflow/tfjs-core';
import { tfVariable } from '../../math/tfVariable';
import type { Rng } from '../../random';

export interface Encoder {
  width: number;
  variables: tf.Variable[];
  /** @param x [N] → m [N], logS [N] */
  apply(x: tf.Tensor1D): { m: tf.Tensor1D; logS: tf.Tensor1D };
  dispose(): void;
}

function randn(rng: Rng, shape: number[], std: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => std * rng.normal()), shape);
}

export function createEncoder(width: number, scale: number, rng: Rng): Encoder {
  const layers =
    width === 0
      ? [tfVariable(() => tf.zeros([1, 2])), tfVariable(() => tf.zeros([2]))]
      : [
          tfVariable(() => randn(rng, [1, width], 1.5)),
          tfVariable(() => randn(rng, [width], 1)),
          tfVariable(() => randn(rng, [width, 2], 0.1)),
          tfVariable(() => tf.zeros([2])),
        ];
  return {
    width,
    variables: layers,
    apply(x) {
      return tf.tidy(() => {
        let h: tf.Tensor2D = tf.reshape(tf.div(x, scale), [-1, 1]);
        if (width > 0) h = tf.tanh(tf.add(tf.matMul(h, layers[0]), layers[1])) as tf.Tensor2D;
        const [w, b] = width === 0 ? [layers[0], layers[1]] : [layers[2], layers[3]];
        const out = tf.add(tf.matMul(h, w), b) as tf.Tensor2D;
        const [m, logS] = tf.unstack(out, 1) as tf.Tensor1D[];
        return { m, logS };
      });
    },
    dispose() {
      tf.dispose(layers);
    },
  };
}
