/**
 * Digits for the diffusion model: the book's MNIST split, 2×2-average-pooled to 14×14 and mapped
 * to [−1, 1] (x = 2p − 1), the scale on which the forward process's N(0, I) endpoint makes sense.
 */
import { decodeMnist, MNIST_ASSET_PATH, mnistImages, mnistSplit } from '../data/mnist';
import { symmetricEigen } from '../math/eigen';
import { covariance, mean } from '../math/stats';
import type { GaussianSkip } from './mlpDenoiser';

export const DIGIT_SIDE = 14;
export const DIGIT_DIM = DIGIT_SIDE * DIGIT_SIDE;
export const DIGIT_WEIGHTS_PATH = 'weights/ddm/digits.safetensors';

/** 2×2 average pooling of 28×28 images in [0, 1], then 2p − 1. @param images [n*784] @returns [n*196] */
export function poolDigits(images: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * DIGIT_DIM);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < DIGIT_SIDE; r++) {
      for (let c = 0; c < DIGIT_SIDE; c++) {
        const b = i * 784 + 2 * r * 28 + 2 * c;
        const p = (images[b] + images[b + 1] + images[b + 28] + images[b + 29]) / 4;
        out[i * DIGIT_DIM + r * DIGIT_SIDE + c] = 2 * p - 1;
      }
    }
  }
  return out;
}

/** Model scale [−1, 1] → display intensities [0, 1], clipped. */
export function toIntensities(x: ArrayLike<number>): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.min(1, Math.max(0, (x[i] + 1) / 2));
  return out;
}

/** The training digits (pooled, [−1, 1]) from the shipped asset. @returns [n*196] */
export async function loadTrainingDigits(loadAsset: (p: string) => Promise<ArrayBuffer>): Promise<{ x: Float32Array; n: number }> {
  const data = await decodeMnist(await loadAsset(MNIST_ASSET_PATH));
  if (data.rows !== 28 || data.cols !== 28) throw new Error(`Expected 28×28 digits, got ${data.rows}×${data.cols}`);
  const { train } = mnistSplit(data.count);
  return { x: poolDigits(mnistImages(data, train), train.length), n: train.length };
}

/** The Gaussian N(m, S) fitted to the digits (ML moments), in eigen form, for the network's skip term. */
export function fitGaussianSkip(x: Float32Array, n: number, d = DIGIT_DIM): GaussianSkip {
  const m = mean(x, n, d);
  const eig = symmetricEigen(covariance(x, n, d, undefined, m), d, 30);
  return { mean: m, eigenvalues: eig.values.map((v) => Math.max(v, 0)), eigenvectors: eig.vectors };
}
