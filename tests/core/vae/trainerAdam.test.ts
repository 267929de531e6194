/**
 * The VAE trainer's optimizer is the shared flat-buffer Adam (src/core/math/adam.ts, ε on √v̂). It
 * replaced a per-tensor Adam (ten element-wise ops per weight tensor); here the per-tensor update
 * is written out again, independently, and both are driven by the same hand-written ELBO gradients
 * on the same batches: the ELBO terms and the weights must agree at every step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { Adam } from '../../../src/core/math/adam';
import { createRng } from '../../../src/core/random';
import { normalArray } from '../../../src/core/vae/evaluate';
import { elboGradient, namedGradients } from '../../../src/core/vae/gradient';
import { initialParameters, PARAM_NAMES, weightsFromFlat, weightsToFlat, type VaeShape, type Weights } from '../../../src/core/vae/model';
import { meanImage } from '../../../src/core/vae/trainer';
import { useBackend } from '../../support/tf';
import { mnist } from './fixtures';

const [B1, B2, EPS] = [0.9, 0.999, 1e-8];

/** One Adam step per tensor, in the textbook form p ← p − lr m̂/(√v̂ + ε) with unscaled m, v. */
function perTensorAdam(w: Weights, g: Weights, m: Weights, v: Weights, t: number, lr: number): { w: Weights; m: Weights; v: Weights } {
  const out = { w: {} as Weights, m: {} as Weights, v: {} as Weights };
  for (const n of PARAM_NAMES) {
    out.m[n] = tf.add(tf.mul(m[n], B1), tf.mul(g[n], 1 - B1));
    out.v[n] = tf.add(tf.mul(v[n], B2), tf.mul(tf.square(g[n]), 1 - B2));
    const mHat = tf.div(out.m[n], 1 - B1 ** t);
    const vHat = tf.div(out.v[n], 1 - B2 ** t);
    out.w[n] = tf.sub(w[n], tf.div(tf.mul(mHat, lr), tf.add(tf.sqrt(vHat), EPS)));
  }
  return out;
}

describe('the VAE trainer’s flat-buffer Adam', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('gives the ELBO trajectory and weights of a per-tensor Adam over 8 steps (free bits, KL weight)', async () => {
    const shape: VaeShape = { inputDim: 784, hidden: 48, latent: 5, decoder: 'bernoulli', decoderStd: 0.1 };
    const [B, K, lr] = [32, 8, 3e-3];
    const data = await mnist();
    const rng = createRng(21);
    const theta = initialParameters(shape, rng, meanImage(data.trainImages, 784));
    const batches = Array.from({ length: K }, () => {
      const x = new Float32Array(B * 784);
      for (let b = 0; b < B; b++) {
        const row = rng.int(data.trainImages.length / 784) * 784;
        x.set(data.trainImages.subarray(row, row + 784), b * 784);
      }
      const xT1 = new Float32Array(785 * B).fill(1, 784 * B); // [xᵀ; 1]
      for (let d = 0; d < 784; d++) for (let b = 0; b < B; b++) xT1[d * B + b] = x[b * 784 + d];
      return { x, xT1, eps: normalArray(rng, B * shape.latent) };
    });
    const opts = { klWeight: 0.7, freeBits: 0.05 };
    const gradient = (w: Weights, k: number) =>
      elboGradient(w, tf.tensor2d(batches[k].x, [B, 784]), tf.tensor2d(batches[k].xT1, [785, B]), tf.tensor2d(batches[k].eps, [B, shape.latent]), shape, opts);
    const n0 = tf.memory().numTensors;

    // The trainer's form: variables updated in place by the shared Adam.
    const init = weightsFromFlat(theta, shape);
    const vars = PARAM_NAMES.map((n) => tf.variable(init[n]));
    tf.dispose(PARAM_NAMES.map((n) => init[n]));
    const named = {} as Weights;
    PARAM_NAMES.forEach((n, i) => (named[n] = vars[i]));
    const opt = new Adam(vars, lr, { epsilonPlacement: 'biasCorrected' });
    const flat: number[][] = [];
    for (let k = 0; k < K; k++) {
      const s = tf.tidy(() => {
        const g = gradient(named, k);
        opt.apply(g.grads);
        return tf.stack([g.recon, g.kl!]);
      });
      flat.push(Array.from(await s.data()));
      s.dispose();
    }
    const flatTheta = await weightsToFlat(named, shape);

    // The per-tensor form, on new tensors each step.
    let w = weightsFromFlat(theta, shape);
    let m = weightsFromFlat(new Float32Array(theta.length), shape);
    let v = weightsFromFlat(new Float32Array(theta.length), shape);
    const ref: number[][] = [];
    for (let k = 0; k < K; k++) {
      const out = tf.tidy(() => {
        const g = gradient(w, k);
        return { ...perTensorAdam(w, namedGradients(g.grads), m, v, k + 1, lr), stats: tf.stack([g.recon, g.kl!]) };
      });
      tf.dispose([w, m, v].flatMap((x) => PARAM_NAMES.map((n) => x[n])));
      ({ w, m, v } = out);
      ref.push(Array.from(await out.stats.data()));
      out.stats.dispose();
    }
    const refTheta = await weightsToFlat(w, shape);
    tf.dispose([w, m, v].flatMap((x) => PARAM_NAMES.map((n) => x[n])));
    opt.dispose();
    tf.dispose(vars);
    expect(tf.memory().numTensors).toBe(n0);

    // Training moved the ELBO terms, so agreement is not a coincidence of a standing model.
    expect(Math.abs(ref[K - 1][0] - ref[0][0])).toBeGreaterThan(1);
    ref.forEach(([recon, kl], k) => {
      expect(Math.abs(flat[k][0] - recon), `recon, step ${k}`).toBeLessThanOrEqual(1e-5 * Math.abs(recon));
      expect(Math.abs(flat[k][1] - kl), `KL, step ${k}`).toBeLessThanOrEqual(1e-5 * Math.abs(kl) + 1e-6);
    });
    // Weights: float32 rounding of two different formulas (≤ a few ulps of the step per update).
    let worst = 0;
    for (let i = 0; i < theta.length; i++) worst = Math.max(worst, Math.abs(flatTheta[i] - refTheta[i]));
    expect(worst).toBeLessThan(1e-5);
    // …while the weights moved by far more than that.
    let moved = 0;
    for (let i = 0; i < theta.length; i++) moved = Math.max(moved, Math.abs(refTheta[i] - theta[i]));
    expect(moved).toBeGreaterThan(K * lr * 0.5);
  });
});
