import type * as tf from '@tensorflow/tfjs-core';

export const FAMILY_NAMES = ['mean-field', 'full-rank', 'flow'] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

/**
 * A reparameterizable variational family on R²: z = T_λ(ε), ε ~ N(0, I), with a tractable
 * log q_λ(z). `sample` returns log q at the drawn points computed along the same path, so the
 * reparameterized ELBO gradient flows through both terms of E_q[log p̃(z) − log q(z)].
 */
export interface VariationalFamily {
  name: FamilyName;
  /** The trainable parameters λ (what Adam updates). */
  variables: tf.Variable[];
  /**
   * @param eps [S, 2] standard normal draws
   * @returns z [S, 2] = T_λ(ε) and logQ [S] = log q_λ(z)
   */
  sample(eps: tf.Tensor2D): { z: tf.Tensor2D; logQ: tf.Tensor1D };
  /** log q_λ(z) at arbitrary points (contours, quadrature). @param z [S, 2] → [S] */
  logDensity(z: tf.Tensor2D): tf.Tensor1D;
  dispose(): void;
}

export const LOG_2PI = Math.log(2 * Math.PI);
