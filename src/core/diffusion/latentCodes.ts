/**
 * The bridge from chapter 7 to chapter 8: the shipped VAE (784-400-20, weights/vae/default) as the
 * encoder and decoder around a diffusion model of its codes.
 *
 *   codes    z_i = μ_φ(x_i), the encoder's posterior means of the training digits   [n, L]
 *   decoding x = E[x | z] = sigmoid(ℓ_θ(z)), the decoder's mean image                [n, 784]
 *
 * The VAE's own prior draws z ~ N(0, I); latent diffusion draws z from a model of the codes
 * instead. Both are decoded the same way, so the yardstick compares the two priors alone.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../random';
import { loadMnistArrays, type AssetLoader } from '../vae/data';
import { decode, disposeWeights, encode, weightsFromFlat, type VaeShape, type Weights } from '../vae/model';
import { VAE_WEIGHT_FILES } from '../vae/pretrained';
import { deserializeWeights } from '../vae/serialize';

/** Rows per device call when encoding or decoding many digits (bounds peak memory). */
const CHUNK = 1000;

export class LatentVae {
  constructor(
    readonly weights: Weights,
    readonly shape: VaeShape,
  ) {}

  get latent(): number {
    return this.shape.latent;
  }

  /** Posterior means μ_φ(x). @param images [n*784] in [0, 1] @returns [n*L] */
  async encodeMeans(images: Float32Array, n: number): Promise<Float32Array> {
    const D = this.shape.inputDim;
    const L = this.shape.latent;
    const out = new Float32Array(n * L);
    for (let s = 0; s < n; s += CHUNK) {
      const m = Math.min(CHUNK, n - s);
      const mu = tf.tidy(() => encode(this.weights, tf.tensor2d(images.subarray(s * D, (s + m) * D), [m, D]), L).mu);
      out.set(await mu.data(), s * L);
      mu.dispose();
    }
    return out;
  }

  /** Decoder mean images sigmoid(ℓ_θ(z)). @param z [n*L] @returns [n*784] in (0, 1) */
  async decodeMeans(z: ArrayLike<number>, n: number): Promise<Float32Array> {
    const D = this.shape.inputDim;
    const L = this.shape.latent;
    const out = new Float32Array(n * D);
    for (let s = 0; s < n; s += CHUNK) {
      const m = Math.min(CHUNK, n - s);
      const zs = Float32Array.from({ length: m * L }, (_, k) => z[s * L + k]);
      const img = tf.tidy(() => tf.sigmoid(decode(this.weights, tf.tensor2d(zs, [m, L])).logits));
      out.set(await img.data(), s * D);
      img.dispose();
    }
    return out;
  }

  /** The VAE's own samples: z ~ N(0, I), decoded to mean images. @returns [n*784] */
  priorSamples(n: number, rng: Rng): Promise<Float32Array> {
    const z = new Float32Array(n * this.latent);
    for (let i = 0; i < z.length; i++) z[i] = rng.normal();
    return this.decodeMeans(z, n);
  }

  dispose(): void {
    disposeWeights(this.weights);
  }
}

/** The shipped 20-d VAE (caller disposes). */
export async function loadLatentVae(loadAsset: AssetLoader): Promise<LatentVae> {
  const file = deserializeWeights(await loadAsset(VAE_WEIGHT_FILES.default));
  return new LatentVae(weightsFromFlat(file.theta, file.shape), file.shape);
}

/** The training digits' codes under the shipped VAE, and the VAE itself (caller disposes it). */
export async function loadTrainingCodes(loadAsset: AssetLoader): Promise<{ vae: LatentVae; codes: Float32Array; n: number }> {
  const [vae, data] = await Promise.all([loadLatentVae(loadAsset), loadMnistArrays(loadAsset)]);
  const n = data.trainImages.length / data.inputDim;
  return { vae, codes: await vae.encodeMeans(data.trainImages, n), n };
}
