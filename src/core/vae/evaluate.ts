/**
 * Held-out evaluation of a VAE: the ELBO per digit (reconstruction − KL), per-dimension KL,
 * and the active-unit statistic of Burda et al. (2016): A_d = Cov_x(E_q[z_d]), a unit is
 * active when A_d > 0.01.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { decode, encode, gaussianKl, logLikelihood, type VaeShape, type Weights } from './model';

export const ACTIVE_UNIT_THRESHOLD = 0.01;
const EVAL_CHUNK = 500;

export interface Evaluation {
  /** mean ELBO per digit (nats) */
  elbo: number;
  /** mean log p(x|z) (nats) */
  recon: number;
  /** mean KL(q(z|x) ‖ p(z)) (nats) */
  kl: number;
  /** [L] mean KL per latent dimension */
  klPerDim: Float64Array;
  /** [L] variance over digits of the encoder mean E_q[z_d] */
  meanVariance: Float64Array;
  activeUnits: number;
  /** [n] ELBO of each digit */
  perDigit: Float64Array;
  /** [n, L] encoder means, row-major */
  means: Float32Array;
}

/** Draws n·L standard normals into a Float32Array. */
export function normalArray(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

/**
 * ELBO estimate with `samples` reparameterized draws per digit (the KL is exact).
 * @param weights the model's weights (φ and θ)
 * @param images [n, D] row-major intensities
 */
export async function evaluateElbo(
  weights: Weights,
  s: VaeShape,
  images: Float32Array,
  rng: Rng,
  samples = 1,
): Promise<Evaluation> {
  const D = s.inputDim;
  const L = s.latent;
  const n = images.length / D;
  const perDigit = new Float64Array(n);
  const reconPer = new Float64Array(n);
  const klPerDim = new Float64Array(L);
  const means = new Float32Array(n * L);
  let klTotal = 0;
  for (let start = 0; start < n; start += EVAL_CHUNK) {
    const rows = Math.min(EVAL_CHUNK, n - start);
    const eps = normalArray(rng, samples * rows * L);
    const [rec, klm, mu] = tf.tidy(() => {
      const w = weights;
      const x = tf.tensor2d(images.subarray(start * D, (start + rows) * D), [rows, D]);
      const enc = encode(w, x, L);
      let recSum: tf.Tensor = tf.zeros([rows]);
      for (let k = 0; k < samples; k++) {
        const e = tf.tensor2d(eps.subarray(k * rows * L, (k + 1) * rows * L), [rows, L]);
        const z = tf.add(enc.mu, tf.mul(tf.exp(tf.mul(enc.logvar, 0.5)), e)) as tf.Tensor2D;
        recSum = tf.add(recSum, logLikelihood(decode(w, z).logits, x, s));
      }
      return [tf.div(recSum, samples), gaussianKl(enc.mu, enc.logvar), enc.mu];
    });
    const [recData, klData, muData] = await Promise.all([rec.data(), klm.data(), mu.data()]);
    tf.dispose([rec, klm, mu]);
    means.set(muData, start * L);
    for (let i = 0; i < rows; i++) {
      let klRow = 0;
      for (let d = 0; d < L; d++) {
        const v = klData[i * L + d];
        klRow += v;
        klPerDim[d] += v;
      }
      klTotal += klRow;
      reconPer[start + i] = recData[i];
      perDigit[start + i] = recData[i] - klRow;
    }
  }
  const meanVariance = new Float64Array(L);
  for (let d = 0; d < L; d++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += means[i * L + d];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (means[i * L + d] - m) ** 2;
    meanVariance[d] = v / Math.max(1, n - 1);
    klPerDim[d] /= n;
  }
  let recon = 0;
  let elbo = 0;
  for (let i = 0; i < n; i++) {
    recon += reconPer[i];
    elbo += perDigit[i];
  }
  return {
    elbo: elbo / n,
    recon: recon / n,
    kl: klTotal / n,
    klPerDim,
    meanVariance,
    activeUnits: meanVariance.reduce((c, v) => c + (v > ACTIVE_UNIT_THRESHOLD ? 1 : 0), 0),
    perDigit,
    means,
  };
}
