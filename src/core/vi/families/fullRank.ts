/**
 * Full-rank Gaussian q(z) = N(m, L Lᵀ) on R² with L lower triangular,
 * L = [[e^{a}, 0], [c, e^{b}]]: the log-diagonal keeps L invertible for every λ = (m, a, b, c).
 * z = m + L ε; log q(z) = log N(ε) − log|det L| = log N(ε) − (a + b);
 * entropy H(q) = d/2 (1 + log 2π) + Σ log L_ii.
 */
import * as tf from '@tensorflow/tfjs-core';
import { tfVariable } from '../../math/tfVariable';
import { logStandardNormal } from './standardNormal';
import { LOG_2PI, type VariationalFamily } from './types';

export interface FullRankInit {
  mean?: [number, number];
  /** (log L₁₁, log L₂₂) */
  logDiag?: [number, number];
  /** L₂₁ */
  offDiag?: number;
}

export interface FullRankGaussian extends VariationalFamily {
  /** Current (mean, L) read back: mean [2], L row-major [4]. */
  read(): Promise<{ mean: Float32Array; chol: Float32Array }>;
}

/** Entropy of N(m, L Lᵀ) in d dimensions from the log-diagonal of L. */
export function gaussianEntropyFromLogDiag(logDiag: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < logDiag.length; i++) s += logDiag[i];
  return 0.5 * logDiag.length * (1 + LOG_2PI) + s;
}

export function createFullRankGaussian(init: FullRankInit = {}): FullRankGaussian {
  const loc = tfVariable(() => tf.tensor1d(init.mean ?? [0, 0]));
  const logDiag = tfVariable(() => tf.tensor1d(init.logDiag ?? [0, 0]));
  const offDiag = tfVariable(() => tf.scalar(init.offDiag ?? 0));
  const transform = (eps: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      const [e1, e2] = tf.unstack(eps, 1);
      const [l11, l22] = tf.unstack(tf.exp(logDiag));
      const z1 = tf.mul(l11, e1);
      const z2 = tf.add(tf.mul(offDiag, e1), tf.mul(l22, e2));
      return tf.add(tf.stack([z1, z2], 1), loc) as tf.Tensor2D;
    });
  return {
    name: 'full-rank',
    variables: [loc, logDiag, offDiag],
    sample(eps) {
      return tf.tidy(() => ({ z: transform(eps), logQ: tf.sub(logStandardNormal(eps), tf.sum(logDiag)) as tf.Tensor1D }));
    },
    logDensity(z) {
      return tf.tidy(() => {
        // ε = L⁻¹ (z − m) by forward substitution.
        const [r1, r2] = tf.unstack(tf.sub(z, loc), 1);
        const [l11, l22] = tf.unstack(tf.exp(logDiag));
        const e1 = tf.div(r1, l11);
        const e2 = tf.div(tf.sub(r2, tf.mul(offDiag, e1)), l22);
        return tf.sub(logStandardNormal(tf.stack([e1, e2], 1) as tf.Tensor2D), tf.sum(logDiag)) as tf.Tensor1D;
      });
    },
    async read() {
      const [m, d, c] = await Promise.all([loc.data(), logDiag.data(), offDiag.data()]);
      return { mean: Float32Array.from(m), chol: Float32Array.from([Math.exp(d[0]), 0, c[0], Math.exp(d[1])]) };
    },
    dispose() {
      tf.dispose([loc, logDiag, offDiag]);
    },
  };
}
