/**
 * The importance-weighted bound (Burda, Grosse & Salakhutdinov 2016):
 *   L_K(x) = E[ log (1/K) Σ_k w_k ],  w_k = p_θ(x, z_k) / q_φ(z_k|x),  z_k ~ q_φ(·|x) i.i.d.
 * L_1 is the ELBO, L_K ≤ L_{K+1} ≤ log p_θ(x).
 *
 * Log weights are computed on the device in chunks of at most `chunkRows` decoder rows
 * (digits × samples), so memory stays bounded for K = 500; the log-sum-exp is done on the
 * host in float64.
 */
import * as tf from '@tensorflow/tfjs-core';
import { logSumExp } from '../math/logSumExp';
import type { Rng } from '../random';
import { normalArray } from './evaluate';
import { decode, encode, logLikelihood, logStandardNormal, type VaeShape, type Weights } from './model';

export const DEFAULT_CHUNK_ROWS = 4096;

/**
 * log w_k for K draws per digit.
 * @param images [n, D]
 * @returns Float64Array [n, K] row-major
 */
export async function importanceLogWeights(
  weights: Weights,
  s: VaeShape,
  images: Float32Array,
  K: number,
  rng: Rng,
  chunkRows = DEFAULT_CHUNK_ROWS,
): Promise<Float64Array> {
  const D = s.inputDim;
  const L = s.latent;
  const n = images.length / D;
  const out = new Float64Array(n * K);
  const samplesPerChunk = Math.min(K, chunkRows);
  const digitsPerChunk = Math.max(1, Math.floor(chunkRows / K));
  for (let start = 0; start < n; start += digitsPerChunk) {
    const nx = Math.min(digitsPerChunk, n - start);
    for (let k0 = 0; k0 < K; k0 += samplesPerChunk) {
      const kc = Math.min(samplesPerChunk, K - k0);
      const eps = normalArray(rng, nx * kc * L);
      const logw = tf.tidy(() => {
        const w = weights;
        const x = tf.tensor2d(images.subarray(start * D, (start + nx) * D), [nx, D]);
        const enc = encode(w, x, L);
        const e = tf.tensor3d(eps, [nx, kc, L]);
        const mu = tf.expandDims(enc.mu, 1);
        const logvar = tf.expandDims(enc.logvar, 1);
        const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logvar, 0.5)), e)); // [nx, kc, L]
        const logits = tf.reshape(decode(w, tf.reshape(z, [nx * kc, L]) as tf.Tensor2D).logits, [nx, kc, D]);
        const logPx = logLikelihood(logits, tf.expandDims(x, 1), s); // [nx, kc]
        const logPz = logStandardNormal(z);
        // log q(z|x) = log N(ε; 0, I) − ½ Σ_d log σ²_d
        const logQ = tf.sub(logStandardNormal(e), tf.mul(tf.sum(logvar, -1), 0.5));
        return tf.sub(tf.add(logPx, logPz), logQ);
      });
      const data = await logw.data();
      logw.dispose();
      for (let i = 0; i < nx; i++) for (let k = 0; k < kc; k++) out[(start + i) * K + k0 + k] = data[i * kc + k];
    }
  }
  return out;
}

/**
 * L_k per digit from N log weights per digit, averaging the bound over the ⌊N/k⌋ disjoint
 * groups of k draws (an unbiased estimate of L_k with less variance than one group).
 * @param logw [n, N]
 */
export function boundFromLogWeights(logw: Float64Array, n: number, N: number, k: number): Float64Array {
  const groups = Math.floor(N / k);
  if (groups < 1) throw new Error(`boundFromLogWeights: need at least k=${k} weights per digit, have ${N}`);
  const out = new Float64Array(n);
  const logK = Math.log(k);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let g = 0; g < groups; g++) s += logSumExp(logw, i * N + g * k, k) - logK;
    out[i] = s / groups;
  }
  return out;
}

/** Mean L_K over the digits, with fresh draws. */
export async function iwaeBound(
  weights: Weights,
  s: VaeShape,
  images: Float32Array,
  K: number,
  rng: Rng,
  chunkRows = DEFAULT_CHUNK_ROWS,
): Promise<{ mean: number; perDigit: Float64Array }> {
  const n = images.length / s.inputDim;
  const logw = await importanceLogWeights(weights, s, images, K, rng, chunkRows);
  const perDigit = boundFromLogWeights(logw, n, K, K);
  let m = 0;
  for (const v of perDigit) m += v;
  return { mean: m / n, perDigit };
}
