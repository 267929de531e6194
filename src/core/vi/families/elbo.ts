/**
 * The reparameterized ELBO, ELBO(λ) = E_{ε~N(0,I)}[log p̃(T_λ(ε)) − log q_λ(T_λ(ε))] ≤ log Z,
 * estimated with S draws, and one Adam step on −ELBO.
 */
import * as tf from '@tensorflow/tfjs-core';
import { normals, type Rng } from '../../random';
import type { Target2D } from '../targets2d/types';
import type { VariationalFamily } from './types';
import { ensureGradients } from './ensureGradients';

/** Monte Carlo ELBO as a scalar tensor (differentiable in the family's variables). @param eps [S, 2] */
export function elboEstimate(target: Target2D, family: VariationalFamily, eps: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const { z, logQ } = family.sample(eps);
    return tf.mean(tf.sub(target.logDensityTf(z), logQ)) as tf.Scalar;
  });
}

/** S × 2 standard normal draws from the seeded stream, as a tensor. */
export function drawEps(rng: Rng, samples: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(normals(rng, samples * 2)), [samples, 2]);
}

/**
 * One optimizer step on −ELBO with fresh draws; returns the ELBO estimate at the pre-step
 * parameters (read back asynchronously, as the worker must).
 */
export async function elboStep(
  optimizer: tf.Optimizer,
  target: Target2D,
  family: VariationalFamily,
  rng: Rng,
  samples: number,
): Promise<number> {
  await ensureGradients();
  const eps = drawEps(rng, samples);
  const cost = optimizer.minimize(() => tf.neg(elboEstimate(target, family, eps)), true, family.variables);
  eps.dispose();
  if (!cost) throw new Error('elboStep: optimizer returned no cost');
  const value = (await cost.data())[0];
  cost.dispose();
  return -value;
}

/**
 * Changes an Adam optimizer's step size in place (live slider) without losing its moment
 * estimates; tfjs keeps the rate in a field it does not expose a setter for.
 */
export function setAdamLearningRate(optimizer: tf.AdamOptimizer, lr: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = lr;
}
