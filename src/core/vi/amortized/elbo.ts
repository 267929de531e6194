/**
 * The ELBO of a Gaussian mean-field q(z_{1:N}) = Π N(z_n | m_n, s_n²) for the three models, in
 * closed form where the expectations are Gaussian moments and by Gauss–Hermite quadrature
 * (K nodes) for the nonlinear likelihood, so it is deterministic: no Monte Carlo noise hides
 * a small amortization gap.
 *   ELBO = Σ_n E_q[log p(x_n | z_n)] + E_q[log p(z_{1:N})] + Σ_n (½ log 2πe + log s_n).
 */
import * as tf from '@tensorflow/tfjs-core';
import { gaussHermiteNormal } from '../gradients/gaussHermite';
import { CHAIN_PHI, MODEL_SIGMA, type AmortizedModel } from './models';

const LOG_2PI = Math.log(2 * Math.PI);
const QUADRATURE_NODES = 20;

/**
 * @param x [N] observations
 * @param m [N] variational means
 * @param logS [N] variational log standard deviations
 * @returns the ELBO summed over n (a scalar)
 */
export function meanFieldElbo(model: AmortizedModel, x: tf.Tensor1D, m: tf.Tensor1D, logS: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const n = x.shape[0];
    const s2 = tf.exp(tf.mul(logS, 2));
    const r2 = MODEL_SIGMA * MODEL_SIGMA;
    // E_q[(x − mean(z))²]
    let sq: tf.Tensor;
    if (model === 'nonlinear') {
      const { nodes, weights } = gaussHermiteNormal(QUADRATURE_NODES);
      const z = tf.add(tf.expandDims(m, 1), tf.mul(tf.expandDims(tf.exp(logS), 1), tf.tensor2d(Float32Array.from(nodes), [1, nodes.length])));
      const g = tf.add(z, tf.mul(tf.pow(z, 3), 0.5));
      const res = tf.square(tf.sub(tf.expandDims(x, 1), g));
      sq = tf.sum(tf.mul(res, tf.tensor2d(Float32Array.from(weights), [1, weights.length])), 1);
    } else {
      sq = tf.add(tf.square(tf.sub(x, m)), s2);
    }
    const logLik = tf.sub(tf.mul(tf.sum(sq), -0.5 / r2), 0.5 * n * Math.log(2 * Math.PI * r2));
    let logPrior: tf.Tensor;
    if (model === 'chain') {
      const v = 1 - CHAIN_PHI * CHAIN_PHI;
      const mHead = tf.slice(m, 0, n - 1);
      const mTail = tf.slice(m, 1, n - 1);
      const sHead = tf.slice(s2, 0, n - 1);
      const sTail = tf.slice(s2, 1, n - 1);
      // E[(z_n − ρ z_{n−1})²] = (m_n − ρ m_{n−1})² + s_n² + ρ² s_{n−1}² under mean-field q (ρ the chain's autocorrelation).
      const trans = tf.add(tf.add(tf.square(tf.sub(mTail, tf.mul(mHead, CHAIN_PHI))), sTail), tf.mul(sHead, CHAIN_PHI * CHAIN_PHI));
      const first = tf.add(tf.square(tf.slice(m, 0, 1)), tf.slice(s2, 0, 1));
      logPrior = tf.sub(
        tf.add(tf.mul(tf.sum(first), -0.5), tf.mul(tf.sum(trans), -0.5 / v)),
        0.5 * n * LOG_2PI + 0.5 * (n - 1) * Math.log(v),
      );
    } else {
      logPrior = tf.sub(tf.mul(tf.sum(tf.add(tf.square(m), s2)), -0.5), 0.5 * n * LOG_2PI);
    }
    const entropy = tf.add(tf.sum(logS), 0.5 * n * (1 + LOG_2PI));
    return tf.add(tf.add(logLik, logPrior), entropy) as tf.Scalar;
  });
}
