/**
 * Four awkward 2-D targets and one easy one. Each is written as an unnormalized density with a
 * normalizing constant known in closed form, so the ELBO can be compared with log Z:
 * ELBO(q) = log Z − KL(q ‖ p) ≤ log Z.
 */
import * as tf from '@tensorflow/tfjs-core';
import { logAddExp } from '../../math/logSumExp';
import { BANANA, BIMODAL, FUNNEL, G_PREC, GAUSSIAN_TARGET, RING, TARGET_LOG_Z } from './constants';
import type { Target2D, TargetName } from './types';

function columns(z: tf.Tensor2D): [tf.Tensor1D, tf.Tensor1D] {
  const [x, y] = tf.unstack(z, 1) as tf.Tensor1D[];
  return [x, y];
}

const banana: Target2D = {
  name: 'banana',
  label: 'Banana',
  logDensity(x, y) {
    const { a, b, c } = BANANA;
    const r = y - b * (x * x - a * a);
    return (-0.5 * x * x) / (a * a) - (0.5 * r * r) / (c * c);
  },
  logDensityTf(z) {
    return tf.tidy(() => {
      const { a, b, c } = BANANA;
      const [x, y] = columns(z);
      const r = tf.sub(y, tf.mul(tf.sub(tf.square(x), a * a), b));
      return tf.sub(tf.mul(tf.square(x), -0.5 / (a * a)), tf.mul(tf.square(r), 0.5 / (c * c))) as tf.Tensor1D;
    });
  },
  logZ: TARGET_LOG_Z.banana,
  box: [-4, 4, -2.5, 5.5],
  quadratureBox: [-7, 7, -3.5, 30],
};

const funnel: Target2D = {
  name: 'funnel',
  label: "Neal's funnel",
  logDensity(x, v) {
    return (-0.5 * v * v) / (FUNNEL.sv * FUNNEL.sv) - 0.5 * x * x * Math.exp(-v) - 0.5 * v;
  },
  logDensityTf(z) {
    return tf.tidy(() => {
      const [x, v] = columns(z);
      const sv2 = FUNNEL.sv * FUNNEL.sv;
      const quad = tf.add(tf.mul(tf.square(v), 0.5 / sv2), tf.mul(tf.mul(tf.square(x), tf.exp(tf.neg(v))), 0.5));
      return tf.neg(tf.add(quad, tf.mul(v, 0.5))) as tf.Tensor1D;
    });
  },
  logZ: TARGET_LOG_Z.funnel,
  box: [-5, 5, -4.5, 4.5],
  quadratureBox: [-40, 40, -10, 10],
};

const bimodal: Target2D = {
  name: 'bimodal',
  label: 'Two modes',
  logDensity(x, y) {
    const { m1, m2, s } = BIMODAL;
    const k = -0.5 / (s * s);
    return logAddExp(k * ((x - m1) ** 2 + (y - m2) ** 2), k * ((x + m1) ** 2 + (y + m2) ** 2));
  },
  logDensityTf(z) {
    return tf.tidy(() => {
      const { m1, m2, s } = BIMODAL;
      const k = -0.5 / (s * s);
      const [x, y] = columns(z);
      const a = tf.mul(tf.add(tf.square(tf.sub(x, m1)), tf.square(tf.sub(y, m2))), k);
      const b = tf.mul(tf.add(tf.square(tf.add(x, m1)), tf.square(tf.add(y, m2))), k);
      return tf.logSumExp(tf.stack([a, b], 1), 1) as tf.Tensor1D;
    });
  },
  logZ: TARGET_LOG_Z.bimodal,
  box: [-4, 4, -4, 4],
  quadratureBox: [-7, 7, -7, 7],
};

const ring: Target2D = {
  name: 'ring',
  label: 'Ring',
  logDensity(x, y) {
    const d = Math.hypot(x, y) - RING.r;
    return (-0.5 * d * d) / (RING.s * RING.s);
  },
  logDensityTf(z) {
    return tf.tidy(() => {
      const [x, y] = columns(z);
      // The 1e-12 keeps the gradient of |z| finite at the origin.
      const d = tf.sub(tf.sqrt(tf.add(tf.add(tf.square(x), tf.square(y)), 1e-12)), RING.r);
      return tf.mul(tf.square(d), -0.5 / (RING.s * RING.s)) as tf.Tensor1D;
    });
  },
  logZ: TARGET_LOG_Z.ring,
  box: [-3.5, 3.5, -3.5, 3.5],
  quadratureBox: [-5, 5, -5, 5],
};

const gaussian: Target2D = {
  name: 'gaussian',
  label: 'Correlated Gaussian',
  logDensity(x, y) {
    const dx = x - GAUSSIAN_TARGET.mean[0];
    const dy = y - GAUSSIAN_TARGET.mean[1];
    return -0.5 * (G_PREC[0] * dx * dx + 2 * G_PREC[1] * dx * dy + G_PREC[2] * dy * dy);
  },
  logDensityTf(z) {
    return tf.tidy(() => {
      const [x, y] = columns(z);
      const dx = tf.sub(x, GAUSSIAN_TARGET.mean[0]);
      const dy = tf.sub(y, GAUSSIAN_TARGET.mean[1]);
      const cross = tf.mul(tf.mul(dx, dy), 2 * G_PREC[1]);
      const quad = tf.add(tf.add(tf.mul(tf.square(dx), G_PREC[0]), cross), tf.mul(tf.square(dy), G_PREC[2]));
      return tf.mul(quad, -0.5) as tf.Tensor1D;
    });
  },
  logZ: TARGET_LOG_Z.gaussian,
  box: [-3.5, 4.5, -4, 3],
  quadratureBox: [-10, 11, -10, 9],
};

export const TARGETS: Record<TargetName, Target2D> = { banana, funnel, bimodal, ring, gaussian };

export function getTarget(name: TargetName): Target2D {
  return TARGETS[name];
}

export { gaussianTargetPrecision } from './constants';
