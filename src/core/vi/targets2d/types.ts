import type * as tf from '@tensorflow/tfjs-core';

export const TARGET_NAMES = ['banana', 'funnel', 'bimodal', 'ring', 'gaussian'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/**
 * An unnormalized 2-D density p̃(z) = Z p(z) that a variational family is fitted to.
 * The same log-density is written twice: in plain numbers (grids, quadrature, tests) and in
 * tfjs (reparameterized ELBO gradients); a test checks that the two agree.
 */
export interface Target2D {
  name: TargetName;
  label: string;
  /** log p̃(x, y), unnormalized. */
  logDensity(x: number, y: number): number;
  /** log p̃(z) for z [S, 2] → [S]. */
  logDensityTf(z: tf.Tensor2D): tf.Tensor1D;
  /** log Z = log ∫ p̃, in closed form (null if unknown). */
  logZ: number | null;
  /** The box drawn in the widget: [xMin, xMax, yMin, yMax]. */
  box: [number, number, number, number];
  /** A box holding all but a negligible part of the mass, for quadrature checks. */
  quadratureBox: [number, number, number, number];
}
