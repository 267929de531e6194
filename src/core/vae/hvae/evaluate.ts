/**
 * Held-out evaluation of the two-layer VAE: the ELBO and each layer's KL per digit, per-dimension
 * KLs, active units per layer (Burda et al. 2016: A_d = Cov_x(E_q[z_d]) > 0.01; for z₁ the
 * posterior mean μ_q(x, z₂) is taken at z₂ = μ₂(x)), and the importance-weighted bound
 *   L_K(x) = log (1/K) Σ_k p(x|z₁ₖ) p(z₁ₖ|z₂ₖ) p(z₂ₖ) / (q(z₁ₖ|z₂ₖ,x) q(z₂ₖ|x)).
 */
import * as tf from '@tensorflow/tfjs-core';
import { logSumExp } from '../../math/logSumExp';
import type { Rng } from '../../random';
import { ACTIVE_UNIT_THRESHOLD, normalArray } from '../evaluate';
import { bernoulliLogLik, bottomUp, decodeLogits, forwardPass, precisionMerge, priorZ1, reparameterize, type HvaeShape, type HvaeWeights } from './model';

const EVAL_CHUNK = 500;
const LOG_2PI = Math.log(2 * Math.PI);

export interface HvaeEvaluation {
  /** mean ELBO per digit (nats) */
  elbo: number;
  recon: number;
  /** mean E_q[KL(q(z₁|z₂,x) ‖ p(z₁|z₂))] */
  kl1: number;
  /** mean KL(q(z₂|x) ‖ p(z₂)) */
  kl2: number;
  kl1PerDim: Float64Array;
  kl2PerDim: Float64Array;
  /** [L₁], [L₂] variance over digits of the posterior means (the active-unit statistic) */
  meanVar1: Float64Array;
  meanVar2: Float64Array;
  active1: number;
  active2: number;
  /** [n] ELBO of each digit */
  perDigit: Float64Array;
}

function varianceOverRows(a: Float32Array, n: number, L: number): Float64Array {
  const out = new Float64Array(L);
  for (let d = 0; d < L; d++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += a[i * L + d];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (a[i * L + d] - m) ** 2;
    out[d] = v / Math.max(1, n - 1);
  }
  return out;
}

const countActive = (v: Float64Array) => v.reduce((c, x) => c + (x > ACTIVE_UNIT_THRESHOLD ? 1 : 0), 0);

/**
 * ELBO with `samples` reparameterized draws of (z₂, z₁) per digit; both KLs in closed form given z₂.
 * @param images [n, D]
 */
export async function evaluateHvae(w: HvaeWeights, s: HvaeShape, images: Float32Array, rng: Rng, samples = 1): Promise<HvaeEvaluation> {
  const { inputDim: D, latent1: L1, latent2: L2 } = s;
  const n = images.length / D;
  const perDigit = new Float64Array(n);
  const kl1PerDim = new Float64Array(L1);
  const kl2PerDim = new Float64Array(L2);
  const mean1 = new Float32Array(n * L1);
  const mean2 = new Float32Array(n * L2);
  let recon = 0;
  for (let start = 0; start < n; start += EVAL_CHUNK) {
    const rows = Math.min(EVAL_CHUNK, n - start);
    const eps = normalArray(rng, samples * rows * (L1 + L2));
    const out = tf.tidy(() => {
      const x = tf.tensor2d(images.subarray(start * D, (start + rows) * D), [rows, D]);
      let rec: tf.Tensor = tf.zeros([rows]);
      let k1: tf.Tensor = tf.zeros([rows, L1]);
      let k2: tf.Tensor = tf.zeros([rows, L2]);
      for (let k = 0; k < samples; k++) {
        const o = k * rows * (L1 + L2);
        const e1 = tf.tensor2d(eps.subarray(o, o + rows * L1), [rows, L1]);
        const e2 = tf.tensor2d(eps.subarray(o + rows * L1, o + rows * (L1 + L2)), [rows, L2]);
        const f = forwardPass(w, x, e1, e2, s);
        rec = tf.add(rec, f.recon);
        k1 = tf.add(k1, f.kl1);
        k2 = tf.add(k2, f.kl2);
      }
      // Posterior means for the active-unit statistic: z₂ at its mean μ₂(x).
      const det = forwardPass(w, x, tf.zeros([rows, L1]), tf.zeros([rows, L2]), s);
      return [tf.div(rec, samples), tf.div(k1, samples), tf.div(k2, samples), det.muQ, det.mu2];
    });
    const [r, a, b, m1, m2] = (await Promise.all(out.map((t) => t.data()))) as Float32Array[];
    tf.dispose(out);
    mean1.set(m1, start * L1);
    mean2.set(m2, start * L2);
    for (let i = 0; i < rows; i++) {
      let k1 = 0;
      let k2 = 0;
      for (let d = 0; d < L1; d++) {
        k1 += a[i * L1 + d];
        kl1PerDim[d] += a[i * L1 + d];
      }
      for (let d = 0; d < L2; d++) {
        k2 += b[i * L2 + d];
        kl2PerDim[d] += b[i * L2 + d];
      }
      recon += r[i];
      perDigit[start + i] = r[i] - k1 - k2;
    }
  }
  const sum = (v: Float64Array) => v.reduce((p, c) => p + c, 0);
  for (let d = 0; d < L1; d++) kl1PerDim[d] /= n;
  for (let d = 0; d < L2; d++) kl2PerDim[d] /= n;
  const meanVar1 = varianceOverRows(mean1, n, L1);
  const meanVar2 = varianceOverRows(mean2, n, L2);
  return {
    elbo: sum(perDigit) / n,
    recon: recon / n,
    kl1: sum(kl1PerDim),
    kl2: sum(kl2PerDim),
    kl1PerDim,
    kl2PerDim,
    meanVar1,
    meanVar2,
    active1: countActive(meanVar1),
    active2: countActive(meanVar2),
    perDigit,
  };
}

/** log N(z; μ, e^{lv}) summed over the last axis. */
function logNormal(z: tf.Tensor, mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  const q = tf.mul(tf.square(tf.sub(z, mu)), tf.exp(tf.neg(logvar)));
  return tf.mul(tf.sum(tf.add(tf.add(q, logvar), LOG_2PI), -1), -0.5);
}

/**
 * log w_k for K draws of (z₂, z₁) ~ q per digit.
 * @param images [n, D] @returns Float64Array [n, K] row-major
 */
export async function hvaeLogWeights(w: HvaeWeights, s: HvaeShape, images: Float32Array, K: number, rng: Rng, chunkRows = 4096): Promise<Float64Array> {
  const { inputDim: D, latent1: L1, latent2: L2 } = s;
  const n = images.length / D;
  const out = new Float64Array(n * K);
  const kc = Math.min(K, chunkRows);
  for (let i = 0; i < n; i++) {
    const up = tf.tidy(() => bottomUp(w, tf.tensor2d(images.subarray(i * D, (i + 1) * D), [1, D]), s));
    for (let k0 = 0; k0 < K; k0 += kc) {
      const m = Math.min(kc, K - k0);
      const eps = normalArray(rng, m * (L1 + L2));
      const logw = tf.tidy(() => {
        const x = tf.tensor2d(images.subarray(i * D, (i + 1) * D), [1, D]);
        const e1 = tf.tensor2d(eps.subarray(0, m * L1), [m, L1]);
        const e2 = tf.tensor2d(eps.subarray(m * L1), [m, L2]);
        const z2 = reparameterize(up.mu2, up.logvar2, e2);
        const { muP, logvarP } = priorZ1(w, z2, s);
        const { muQ, logvarQ } = precisionMerge(up.muHat, up.logvarHat, muP, logvarP);
        const z1 = reparameterize(muQ, logvarQ, e1);
        const logPx = bernoulliLogLik(decodeLogits(w, z1), x);
        const logP = tf.add(tf.add(logPx, logNormal(z1, muP, logvarP)), logNormal(z2, tf.zerosLike(z2), tf.zerosLike(z2)));
        const logQ = tf.add(logNormal(z1, muQ, logvarQ), logNormal(z2, up.mu2, up.logvar2));
        return tf.sub(logP, logQ);
      });
      const data = await logw.data();
      logw.dispose();
      for (let k = 0; k < m; k++) out[i * K + k0 + k] = data[k];
    }
    tf.dispose(Object.values(up));
  }
  return out;
}

/** Mean over digits of L_K(x). */
export async function hvaeIwae(w: HvaeWeights, s: HvaeShape, images: Float32Array, K: number, rng: Rng): Promise<{ mean: number; perDigit: Float64Array }> {
  const lw = await hvaeLogWeights(w, s, images, K, rng);
  const n = images.length / s.inputDim;
  const perDigit = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    perDigit[i] = logSumExp(lw.subarray(i * K, (i + 1) * K)) - Math.log(K);
    total += perDigit[i];
  }
  return { mean: total / n, perDigit };
}
