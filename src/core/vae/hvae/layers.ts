/**
 * What each layer encodes, as decoded digits (decoder means sigmoid ℓ(z₁)):
 * - holdZ2Grid: each row draws one z₂ ~ N(0, I), then `cols` draws z₁ ~ p(z₁|z₂) sharing it;
 * - moveZ2Grid: each row fixes one noise ε₁ and moves z₂ along the segment between two prior
 *   draws, with z₁ = μ_p(z₂) + σ_p(z₂) ⊙ ε₁.
 * All noise comes from the given Rng, so the same seed gives the same grid for the same weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../random';
import { normalArray } from '../evaluate';
import { decodeLogits, priorZ1, reparameterize, type HvaeShape, type HvaeWeights } from './model';

async function decodeFromZ2(w: HvaeWeights, s: HvaeShape, z2: Float32Array, eps1: Float32Array, n: number): Promise<Float32Array> {
  const out = tf.tidy(() => {
    const { muP, logvarP } = priorZ1(w, tf.tensor2d(z2, [n, s.latent2]), s);
    return tf.sigmoid(decodeLogits(w, reparameterize(muP, logvarP, tf.tensor2d(eps1, [n, s.latent1]))));
  });
  const data = (await out.data()) as Float32Array;
  out.dispose();
  return data;
}

/** @returns [rows·cols, D] images, row-major by grid row */
export function holdZ2Grid(w: HvaeWeights, s: HvaeShape, rows: number, cols: number, rng: Rng): Promise<Float32Array> {
  const z2 = new Float32Array(rows * cols * s.latent2);
  for (let r = 0; r < rows; r++) {
    const one = normalArray(rng, s.latent2);
    for (let c = 0; c < cols; c++) z2.set(one, (r * cols + c) * s.latent2);
  }
  return decodeFromZ2(w, s, z2, normalArray(rng, rows * cols * s.latent1), rows * cols);
}

/** @returns [rows·cols, D] images; column c sits at t = c/(cols − 1) on the segment */
export function moveZ2Grid(w: HvaeWeights, s: HvaeShape, rows: number, cols: number, rng: Rng): Promise<Float32Array> {
  const a = normalArray(rng, s.latent2);
  const b = normalArray(rng, s.latent2);
  const z2 = new Float32Array(rows * cols * s.latent2);
  const eps1 = new Float32Array(rows * cols * s.latent1);
  for (let r = 0; r < rows; r++) {
    const e = normalArray(rng, s.latent1);
    for (let c = 0; c < cols; c++) {
      const t = cols > 1 ? c / (cols - 1) : 0;
      for (let d = 0; d < s.latent2; d++) z2[(r * cols + c) * s.latent2 + d] = (1 - t) * a[d] + t * b[d];
      eps1.set(e, (r * cols + c) * s.latent1);
    }
  }
  return decodeFromZ2(w, s, z2, eps1, rows * cols);
}
