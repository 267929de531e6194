/**
 * The exact noise predictor of a Gaussian N(m, S) fitted to the data, used as a skip term by the
 * diffusion networks (the network then learns only the non-Gaussian correction):
 *   ε*(x_t, t) = √(1−ᾱ_t) Σ_t⁻¹ (x_t − √ᾱ_t m),  Σ_t = ᾱ_t S + (1−ᾱ_t) I,
 * computed in the eigenbasis S = U diag(λ) Uᵀ: per row ((x − √ᾱ_t m) U ⊙ c_t) Uᵀ with
 * c_{t,k} = √(1−ᾱ_t)/(ᾱ_t λ_k + 1 − ᾱ_t).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GaussianSkip } from './denoiser';
import type { NoiseSchedule } from './schedule';

/**
 * The skip term for rows at timesteps ts, as a function of x [n, d] (caller tidies).
 * @param basis U and Uᵀ as tensors [d, d] (wasm's transposed product is several times slower than a plain one)
 */
/** U and Uᵀ of the skip's eigenbasis as constant tensors (caller disposes). */
export function skipBasisTensors(g: GaussianSkip, d: number): { U: tf.Tensor2D; Ut: tf.Tensor2D } {
  const U = tf.tensor2d(Float32Array.from(g.eigenvectors), [d, d]);
  return { U, Ut: tf.transpose(U) };
}

export function gaussianSkipTerm(
  g: GaussianSkip,
  basis: { U: tf.Tensor2D; Ut: tf.Tensor2D },
  schedule: NoiseSchedule,
  ts: ArrayLike<number>,
): (x: tf.Tensor2D) => tf.Tensor2D {
  const d = basis.U.shape[0];
  const n = ts.length;
  const coef = new Float32Array(n * d);
  const shift = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const ab = schedule.alphaBar[ts[i]];
    for (let k = 0; k < d; k++) {
      coef[i * d + k] = Math.sqrt(1 - ab) / (ab * g.eigenvalues[k] + 1 - ab);
      shift[i * d + k] = Math.sqrt(ab) * g.mean[k];
    }
  }
  return (x) => {
    const z = tf.matMul(tf.sub(x, tf.tensor2d(shift, [n, d])), basis.U);
    return tf.matMul(tf.mul(z, tf.tensor2d(coef, [n, d])), basis.Ut);
  };
}
