/**
 * Mean-field Gaussian q(z) = N(z₁ | m₁, s₁²) N(z₂ | m₂, s₂²), parameterized by m and log s
 * so that every λ ∈ R⁴ is valid. z = m + s ⊙ ε.
 */
import * as tf from '@tensorflow/tfjs-core';
import { tfVariable } from '../../math/tfVariable';
import { logStandardNormal } from './standardNormal';
import type { VariationalFamily } from './types';

export interface GaussianInit {
  mean?: [number, number];
  logScale?: [number, number];
}

export function createMeanFieldGaussian(init: GaussianInit = {}): VariationalFamily {
  const loc = tfVariable(() => tf.tensor1d(init.mean ?? [0, 0]));
  const logScale = tfVariable(() => tf.tensor1d(init.logScale ?? [0, 0]));
  return {
    name: 'mean-field',
    variables: [loc, logScale],
    sample(eps) {
      return tf.tidy(() => {
        const z = tf.add(loc, tf.mul(tf.exp(logScale), eps)) as tf.Tensor2D;
        // log q(z) = log N(ε) − Σ log s: the change of variables z = m + s ε.
        const logQ = tf.sub(logStandardNormal(eps), tf.sum(logScale)) as tf.Tensor1D;
        return { z, logQ };
      });
    },
    logDensity(z) {
      return tf.tidy(() => {
        const eps = tf.div(tf.sub(z, loc), tf.exp(logScale)) as tf.Tensor2D;
        return tf.sub(logStandardNormal(eps), tf.sum(logScale)) as tf.Tensor1D;
      });
    },
    dispose() {
      tf.dispose([loc, logScale]);
    },
  };
}
