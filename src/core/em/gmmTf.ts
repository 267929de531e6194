/**
 * The same E- and M-steps as gmm.ts for d = 2, as batched float32 tfjs-core ops (the worker
 * demo runs these on webgl/webgpu/wasm/cpu). Covariances are stored as [k, 3] = (a, b, c) for
 * Σ_k = [[a, b], [b, c]], so the inverse and determinant are closed forms and every op is
 * elementwise or a reduction over [n, k] tensors.
 *
 * Every function here is synchronous and meant to be called inside tf.tidy by the caller,
 * or returns tensors the caller owns.
 */
import * as tf from '@tensorflow/tfjs-core';
import { COVARIANCE_FLOOR, MIN_COMPONENT_MASS } from './gmm';

const LOG_2PI = Math.log(2 * Math.PI);

export interface MixtureTensors {
  /** π [k] */
  weights: tf.Tensor1D;
  /** μ [k, 2] */
  means: tf.Tensor2D;
  /** (a, b, c) [k, 3] */
  covariances: tf.Tensor2D;
}

/**
 * log π_k + log N(x_i | μ_k, Σ_k), [n, k].
 * @param x [n, 2]
 */
export function componentLogDensitiesTf(x: tf.Tensor2D, m: MixtureTensors): tf.Tensor2D {
  return tf.tidy(() => {
    const [px, py] = tf.split(x, 2, 1); // [n,1] each
    const [mx, my] = tf.split(m.means, 2, 1); // [k,1]
    const [a, b, c] = tf.split(m.covariances, 3, 1); // [k,1]
    const dx = tf.sub(px, tf.transpose(mx)); // [n,k]
    const dy = tf.sub(py, tf.transpose(my));
    const det = tf.sub(tf.mul(a, c), tf.square(b)); // [k,1]
    // (x−μ)ᵀ Σ⁻¹ (x−μ) = (c dx² − 2 b dx dy + a dy²) / det
    const quad = tf.div(
      tf.add(
        tf.sub(tf.mul(tf.transpose(c), tf.square(dx)), tf.mul(tf.transpose(tf.mul(b, 2)), tf.mul(dx, dy))),
        tf.mul(tf.transpose(a), tf.square(dy)),
      ),
      tf.transpose(det),
    );
    const base = tf.sub(tf.log(m.weights), tf.mul(0.5, tf.add(tf.log(tf.reshape(det, [-1])), 2 * LOG_2PI))); // [k]
    return tf.sub(base, tf.mul(0.5, quad)) as tf.Tensor2D;
  });
}

/** E-step: responsibilities [n, k] and ℓ(θ) (a scalar). Caller owns both. @param x [n, 2] */
export function eStepTf(x: tf.Tensor2D, m: MixtureTensors): { resp: tf.Tensor2D; logLik: tf.Scalar } {
  return tf.tidy(() => {
    const lp = componentLogDensitiesTf(x, m);
    const lse = tf.logSumExp(lp, 1, true); // [n,1]
    return { resp: tf.exp(tf.sub(lp, lse)) as tf.Tensor2D, logLik: tf.sum(lse) as tf.Scalar };
  });
}

/**
 * Lower bound L(q, θ) = Σ_i Σ_k r_ik (log π_k N(x_i | θ_k) − log r_ik) ≤ ℓ(θ), equal when r is
 * the E-step of θ. Terms with r_ik = 0 contribute 0. @param resp [n, k]
 */
export function lowerBoundTf(x: tf.Tensor2D, m: MixtureTensors, resp: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const lp = componentLogDensitiesTf(x, m);
    const positive = tf.greater(resp, 0);
    const safeR = tf.where(positive, resp, tf.onesLike(resp));
    const terms = tf.where(positive, tf.mul(resp, tf.sub(lp, tf.log(safeR))), tf.zerosLike(resp));
    return tf.sum(terms) as tf.Scalar;
  });
}

/** M-step with the covariance floor ψ of gmm.ts. Caller owns the result. @param x [n, 2] @param resp [n, k] */
export function mStepTf(x: tf.Tensor2D, resp: tf.Tensor2D, floor = COVARIANCE_FLOOR): MixtureTensors {
  return tf.tidy(() => {
    const n = x.shape[0];
    const nk = tf.sum(resp, 0); // [k]
    const denom = tf.reshape(tf.maximum(nk, MIN_COMPONENT_MASS), [-1, 1]); // [k,1]
    const means = tf.div(tf.matMul(resp, x, true, false), denom) as tf.Tensor2D; // [k,2]
    const [px, py] = tf.split(x, 2, 1);
    const [mx, my] = tf.split(means, 2, 1);
    const dx = tf.sub(px, tf.transpose(mx)); // [n,k]
    const dy = tf.sub(py, tf.transpose(my));
    const sxx = tf.sum(tf.mul(resp, tf.square(dx)), 0); // [k]
    const sxy = tf.sum(tf.mul(resp, tf.mul(dx, dy)), 0);
    const syy = tf.sum(tf.mul(resp, tf.square(dy)), 0);
    const d = tf.reshape(denom, [-1]);
    const covariances = tf.stack([tf.div(tf.add(sxx, floor), d), tf.div(sxy, d), tf.div(tf.add(syy, floor), d)], 1) as tf.Tensor2D;
    return { weights: tf.div(nk, n) as tf.Tensor1D, means, covariances };
  });
}

/** Packs float64 parameters (d = 2, full [k×2×2] covariances) into tensors the caller owns. */
export function mixtureToTensors(weights: ArrayLike<number>, means: ArrayLike<number>, covariances: ArrayLike<number>): MixtureTensors {
  const k = weights.length;
  const abc = new Float32Array(3 * k);
  for (let c = 0; c < k; c++) {
    abc[3 * c] = covariances[4 * c];
    abc[3 * c + 1] = covariances[4 * c + 1];
    abc[3 * c + 2] = covariances[4 * c + 3];
  }
  return {
    weights: tf.tensor1d(Float32Array.from(weights)),
    means: tf.tensor2d(Float32Array.from(means), [k, 2]),
    covariances: tf.tensor2d(abc, [k, 3]),
  };
}

/** Reads tensors back as float64 arrays in the reference layout (covariances [k×2×2]). */
export async function tensorsToMixture(m: MixtureTensors): Promise<{ weights: Float64Array; means: Float64Array; covariances: Float64Array }> {
  const [w, mu, abc] = await Promise.all([m.weights.data(), m.means.data(), m.covariances.data()]);
  const k = w.length;
  const covariances = new Float64Array(4 * k);
  for (let c = 0; c < k; c++) {
    covariances[4 * c] = abc[3 * c];
    covariances[4 * c + 1] = covariances[4 * c + 2] = abc[3 * c + 1];
    covariances[4 * c + 3] = abc[3 * c + 2];
  }
  return { weights: Float64Array.from(w), means: Float64Array.from(mu), covariances };
}

export function disposeMixture(m: MixtureTensors): void {
  tf.dispose([m.weights, m.means, m.covariances]);
}
