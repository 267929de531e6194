/**
 * The ELBO of chapter 11 (eq. bnn-elbo) for the random-effects network
 *   w_l ~ N(0, s_l² I) independently per layer,  y_i | w ~ N(f_w(x_i), σ²),
 * with q the mean-field Gaussian of network.ts:
 *   L(q; s², σ²) = Σ_i E_q log N(y_i; f_w(x_i), σ²) − Σ_l KL(q_l ‖ N(0, s_l² I)).
 * The expectation is estimated with one local-reparameterization draw per data point. When the
 * variance components are estimated, s_l² is replaced by its closed-form maximizer given q,
 * (1/d_l) Σ_j (m_j² + v_j), inside the objective: the profiled ELBO has the same gradient in q as
 * the ELBO at that s_l² (the s_l²-derivative vanishes there), so one Adam step on it is a gradient
 * step in q followed by the exact M-step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { forwardLocal, forwardWeights, gaussianLogLik, layerKl, optimalPriorVar, type MeanFieldNet } from './network';

export interface ObjectiveConfig {
  /** 'estimate': s_l² by the closed-form M-step; 'fixed': s_l² = fixedPriorVar for every layer */
  prior: 'estimate' | 'fixed';
  fixedPriorVar: number;
}

export interface ElboParts {
  elbo: tf.Scalar;
  expectedLogLik: tf.Scalar;
  kls: tf.Scalar[];
  priorVars: tf.Scalar[];
}

export function priorVars(net: MeanFieldNet, config: ObjectiveConfig): tf.Scalar[] {
  return net.layers.map((L) => (config.prior === 'estimate' ? optimalPriorVar(L) : tf.scalar(config.fixedPriorVar)));
}

/**
 * One-draw estimate of the ELBO and its parts. Call inside tf.tidy or a gradient closure.
 * @param x [n, 1]  @param y [n]
 * @param eps local noise (one [n, dout] block per layer) or whole-network noise
 */
export function elboEstimate(
  net: MeanFieldNet,
  x: tf.Tensor2D,
  y: tf.Tensor1D,
  noiseVar: tf.Scalar,
  config: ObjectiveConfig,
  eps: { local: tf.Tensor2D[] } | { weights: { w: tf.Tensor2D; b: tf.Tensor1D }[] },
): ElboParts {
  const f = 'local' in eps ? forwardLocal(net, x, eps.local) : forwardWeights(net, x, eps.weights);
  const expectedLogLik = gaussianLogLik(f, y, noiseVar);
  const pv = priorVars(net, config);
  const kls = net.layers.map((L, l) => layerKl(L, pv[l]));
  const elbo = tf.sub(expectedLogLik, tf.addN(kls)) as tf.Scalar;
  return { elbo, expectedLogLik, kls, priorVars: pv };
}
