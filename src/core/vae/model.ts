/**
 * The VAE's networks in the chapter's notation: an MLP encoder q_φ(z|x) = N(μ_φ(x), diag σ²_φ(x))
 * and an MLP decoder p_θ(x|z) (Bernoulli on intensities in [0, 1], or Gaussian with a fixed
 * standard deviation), prior p(z) = N(0, I).
 *
 *   encoder  x [B,D] → h₁ = relu(x W₁ + b₁) [B,H] → (μ, log σ²) = h₁ W₂ + b₂ [B,2L]
 *   decoder  z [B,L] → h₃ = relu(z W₃ + b₃) [B,H] → logits ℓ = h₃ W₄ + b₄ [B,D]
 *
 * All parameters (φ and θ together) live in one flat float32 vector so that the optimizer
 * updates them with a handful of large element-wise ops instead of dozens of small ones.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dense } from '../math/dense';
import type { Rng } from '../random';

export type DecoderKind = 'bernoulli' | 'gaussian';

export interface VaeShape {
  /** D: pixels per image (784 for MNIST) */
  inputDim: number;
  /** H: hidden units in each MLP */
  hidden: number;
  /** L: latent dimension */
  latent: number;
  decoder: DecoderKind;
  /** σ_x of the Gaussian decoder (ignored by the Bernoulli decoder) */
  decoderStd: number;
}

export const PARAM_NAMES = ['W1', 'b1', 'W2', 'b2', 'W3', 'b3', 'W4', 'b4'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

export interface ParamSlot {
  name: ParamName;
  shape: number[];
  offset: number;
  size: number;
}

/** Where each weight sits in the flat parameter vector. */
export function parameterLayout(s: VaeShape): ParamSlot[] {
  const { inputDim: D, hidden: H, latent: L } = s;
  const shapes: Record<ParamName, number[]> = {
    W1: [D, H],
    b1: [H],
    W2: [H, 2 * L],
    b2: [2 * L],
    W3: [L, H],
    b3: [H],
    W4: [H, D],
    b4: [D],
  };
  let offset = 0;
  return PARAM_NAMES.map((name) => {
    const shape = shapes[name];
    const size = shape.reduce((a, b) => a * b, 1);
    const slot = { name, shape, offset, size };
    offset += size;
    return slot;
  });
}

export function parameterCount(s: VaeShape): number {
  const layout = parameterLayout(s);
  const last = layout[layout.length - 1];
  return last.offset + last.size;
}

/**
 * He-normal weights for the ReLU layers, Glorot-normal for the output heads, zero biases;
 * the decoder's output bias starts at logit(mean intensity) when given, so the first
 * reconstructions are the average digit rather than grey noise.
 * @param meanImage [D] average training intensity in [0, 1], optional
 */
export function initialParameters(s: VaeShape, rng: Rng, meanImage?: Float32Array): Float32Array {
  const theta = new Float32Array(parameterCount(s));
  for (const slot of parameterLayout(s)) {
    if (slot.shape.length === 2) {
      const [fanIn, fanOut] = slot.shape;
      const relu = slot.name === 'W1' || slot.name === 'W3';
      const std = relu ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
      for (let i = 0; i < slot.size; i++) theta[slot.offset + i] = std * rng.normal();
    } else if (slot.name === 'b4' && meanImage) {
      for (let i = 0; i < slot.size; i++) {
        const p = Math.min(1 - 1e-3, Math.max(1e-3, meanImage[i]));
        theta[slot.offset + i] = Math.log(p / (1 - p)); // both decoders have mean sigmoid(ℓ)
      }
    }
  }
  return theta;
}

/**
 * The eight weight tensors. On the device they are kept separate (not as one flat tensor):
 * slicing a flat tensor on the wasm backend reads the whole tensor back to JavaScript once per
 * slice, which cost more than the step's matMuls.
 */
export type Weights = Record<ParamName, tf.Tensor>;

/** Uploads a flat parameter vector as the eight weight tensors (caller disposes). */
export function weightsFromFlat(theta: Float32Array, s: VaeShape): Weights {
  if (theta.length !== parameterCount(s)) throw new Error('weightsFromFlat: parameter vector has the wrong length');
  const out = {} as Weights;
  for (const slot of parameterLayout(s)) out[slot.name] = tf.tensor(theta.subarray(slot.offset, slot.offset + slot.size), slot.shape);
  return out;
}

/** Reads the eight tensors back into one flat vector in layout order. */
export async function weightsToFlat(w: Weights, s: VaeShape): Promise<Float32Array> {
  const out = new Float32Array(parameterCount(s));
  const layout = parameterLayout(s);
  const parts = await Promise.all(layout.map((slot) => w[slot.name].data()));
  layout.forEach((slot, i) => out.set(parts[i] as Float32Array, slot.offset));
  return out;
}

export function disposeWeights(w: Weights): void {
  tf.dispose(PARAM_NAMES.map((n) => w[n]));
}

/**
 * Encoder q_φ(z|x).
 * @param x [B, D]
 * @returns h1 [B,H], mu [B,L], logvar [B,L], and e = [mu, logvar] [B,2L] (the layer's output)
 */
export function encode(w: Weights, x: tf.Tensor2D, latent: number) {
  const h1 = dense(x, w.W1 as tf.Tensor2D, w.b1, { activation: 'relu' });
  const e = dense(h1, w.W2 as tf.Tensor2D, w.b2);
  const [mu, logvar] = tf.split(e, [latent, latent], 1) as [tf.Tensor2D, tf.Tensor2D];
  return { h1, mu, logvar, e };
}

/**
 * Decoder logits ℓ(z).
 * @param z [B, L]
 * @returns h3 [B,H], logits [B,D]
 */
export function decode(w: Weights, z: tf.Tensor2D) {
  const h3 = dense(z, w.W3 as tf.Tensor2D, w.b3, { activation: 'relu' });
  const logits = dense(h3, w.W4 as tf.Tensor2D, w.b4);
  return { h3, logits };
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * softplus(ℓ) = log(1 + eˡ), as relu(ℓ) − log σ(|ℓ|): exact, free of overflow, and σ(|ℓ|) ∈ [½, 1)
 * keeps the log well conditioned (absolute error ≤ one float32 ulp of 1 per element). Written out
 * for speed on the wasm backend, whose Softplus, Exp and Log1p kernels are scalar code while
 * Sigmoid, Abs and Relu are vectorized: this form takes about a third of Softplus's time, which
 * was 5% of a VAE training step.
 */
export function softplus(l: tf.Tensor): tf.Tensor {
  return tf.sub(tf.relu(l), tf.log(tf.sigmoid(tf.abs(l))));
}

/**
 * log p_θ(x|z) per row.
 * Bernoulli: Σ_d x_d ℓ_d − softplus(ℓ_d) (cross-entropy, valid for intensities in [0,1]).
 * Gaussian:  Σ_d log N(x_d; sigmoid(ℓ_d), σ_x²).
 * @param logits [..., D]
 * @param x [..., D] (broadcastable to logits)
 * @returns [...] summed over the last axis
 */
export function logLikelihood(logits: tf.Tensor, x: tf.Tensor, s: VaeShape): tf.Tensor {
  if (s.decoder === 'bernoulli') return tf.sum(tf.sub(tf.mul(x, logits), softplus(logits)), -1);
  const sd = s.decoderStd;
  const r = tf.sub(x, tf.sigmoid(logits));
  const c = -s.inputDim * (Math.log(sd) + 0.5 * LOG_2PI);
  return tf.add(tf.mul(tf.sum(tf.square(r), -1), -0.5 / (sd * sd)), c);
}

/** The decoder's mean image E[x|z]: sigmoid(ℓ) for both decoders. */
export function decoderMean(logits: tf.Tensor): tf.Tensor {
  return tf.sigmoid(logits);
}

/**
 * KL(N(μ, σ²) ‖ N(0, 1)) per coordinate, in closed form: ½(μ² + σ² − 1 − log σ²).
 * @returns same shape as mu
 */
export function gaussianKl(mu: tf.Tensor, logvar: tf.Tensor): tf.Tensor {
  return tf.mul(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(logvar, 1)), 0.5);
}

/**
 * Mean over rows of Σ_d KL_d (gaussianKl summed), on the host in float64, from the encoder output
 * e = [mu, logvar] as read back. @param e [B*2L] row-major
 */
export function meanKlFromEncoded(e: ArrayLike<number>, latent: number): number {
  const B = e.length / (2 * latent);
  let sum = 0;
  for (let b = 0; b < B; b++) {
    for (let d = 0; d < latent; d++) {
      const mu = e[b * 2 * latent + d];
      const lv = e[b * 2 * latent + latent + d];
      sum += mu * mu + Math.exp(lv) - lv - 1;
    }
  }
  return (0.5 * sum) / B;
}

/** log N(z; 0, I) per row. @param z [..., L] */
export function logStandardNormal(z: tf.Tensor): tf.Tensor {
  const L = z.shape[z.shape.length - 1];
  return tf.sub(tf.mul(tf.sum(tf.square(z), -1), -0.5), 0.5 * L * LOG_2PI);
}
