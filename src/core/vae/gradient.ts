/**
 * One reparameterized ELBO gradient, written out by hand (backpropagation through the two MLPs).
 *
 * Why by hand: autodiff in tfjs emits matMuls with a transposed operand for the weight
 * gradients, and the wasm backend runs those about 10× slower than a plain matMul. Here every
 * matMul takes operands in plain layout: the transposes of x and of the weights are formed
 * explicitly (cheap O(size) copies), so the step's time is dominated by fast matMuls. Each layer's
 * weight and bias gradients come from one product [inᵀ; 1]·δ = [∂W; ∂b] (../math/dense.ts's
 * transposeWithOnes; the data's [xᵀ; 1] is built on the host), which ../math/adam.ts takes as
 * the gradient of W and b: the four column sums and their reshapes are gone (8 kernels, issue #12).
 *
 * Objective maximized per batch (β = KL weight, λ = free-bits floor per dimension):
 *   J = (1/B) Σ_b log p_θ(x_b | z_b) − β Σ_d max(λ, (1/B) Σ_b KL_{b,d}),  z_b = μ_b + σ_b ⊙ ε_b.
 * With β = 1 and λ = 0, J is the single-sample ELBO estimate.
 */
import * as tf from '@tensorflow/tfjs-core';
import { transposeWithOnes } from '../math/dense';
import { decode, encode, gaussianKl, logLikelihood, PARAM_NAMES, type VaeShape, type Weights } from './model';

export interface ObjectiveOptions {
  /** β: weight of the KL term */
  klWeight: number;
  /** λ: per-dimension KL floor in nats (free bits); 0 disables it */
  freeBits: number;
  /**
   * Without free bits the KL is only reported, not needed by the gradient: with this set, kl and
   * klPerDim are not computed on the device (eight kernels fewer, issue #12) but are null; the
   * caller reads `encoded` back and takes meanKlFromEncoded (./model.ts). Ignored under free bits.
   */
  klOnHost?: boolean;
}

export interface ElboGradient {
  /**
   * ∇ of −J (a loss gradient, for descent) per layer, [∂W; ∂b] [in+1, out] for layers 1–4: in the
   * order of PARAM_NAMES, one tensor per (W, b) pair, the layout Adam.apply takes. namedGradients
   * splits them.
   */
  grads: tf.Tensor[];
  /** mean log p(x|z) over the batch, scalar */
  recon: tf.Tensor;
  /** mean Σ_d KL_d over the batch, scalar (null under klOnHost) */
  kl: tf.Tensor | null;
  /** mean KL per latent dimension, [L] (null under klOnHost) */
  klPerDim: tf.Tensor1D | null;
  /** the encoder output [mu, logvar] [B, 2L] */
  encoded: tf.Tensor2D;
}

/**
 * @param x  [B, D] intensities in [0, 1]
 * @param xT1 [D+1, B] the same batch transposed with a row of ones appended (built on the host, so
 *   no device transpose is needed; the ones row gives ∂b1 in ∂W1's product)
 * @param eps [B, L] standard normal draws ε
 */
export function elboGradient(
  w: Weights,
  x: tf.Tensor2D,
  xT1: tf.Tensor2D,
  eps: tf.Tensor2D,
  s: VaeShape,
  opts: ObjectiveOptions,
): ElboGradient {
  const B = x.shape[0];
  const L = s.latent;
  const { h1, mu, logvar, e } = encode(w, x, L);
  const sigma = tf.exp(tf.mul(logvar, 0.5));
  const sigmaEps = tf.mul(sigma, eps); // σ ⊙ ε, also in ∂z/∂logσ² below
  const z = tf.add(mu, sigmaEps);
  const { h3, logits } = decode(w, z as tf.Tensor2D);

  const recon = tf.mean(logLikelihood(logits, x, s));
  const freeBits = opts.freeBits > 0;
  const klPerDim = freeBits || !opts.klOnHost ? (tf.mean(gaussianKl(mu, logvar), 0) as tf.Tensor1D) : null; // [L]
  const kl = klPerDim ? tf.sum(klPerDim) : null;

  // ∂(−J)/∂ℓ [B, D]: −(x − p)/B for Bernoulli; −(x − m) m(1 − m) / (σ_x² B) for Gaussian.
  const mean = tf.sigmoid(logits);
  let dLogits = tf.sub(mean, x);
  if (s.decoder === 'gaussian') {
    dLogits = tf.mul(dLogits, tf.mul(mean, tf.sub(1, mean)));
    dLogits = tf.mul(dLogits, 1 / (s.decoderStd * s.decoderStd * B));
  } else {
    dLogits = tf.mul(dLogits, 1 / B);
  }

  const dWb4 = tf.matMul(transposeWithOnes(h3 as tf.Tensor2D), dLogits as tf.Tensor2D);
  // ∂h3 = ∂ℓ W4ᵀ [B,H], computed as (W4 ∂ℓᵀ)ᵀ. The wasm backend (XNNPACK) repacks a matMul's right
  // operand whenever it is a new tensor: ∂ℓᵀ [D,B] is 3× smaller to transpose and pack than W4ᵀ [D,H].
  const dh3 = tf.transpose(tf.matMul(w.W4 as tf.Tensor2D, tf.transpose(dLogits) as tf.Tensor2D));
  const da3 = tf.mul(dh3, tf.step(h3));
  const dWb3 = tf.matMul(transposeWithOnes(z as tf.Tensor2D), da3 as tf.Tensor2D);
  const dz = tf.matMul(da3, tf.transpose(w.W3) as tf.Tensor2D); // [B, L]

  // KL part: dims whose batch-mean KL is below the floor λ get no KL gradient (free bits). Without
  // a floor the scale is one number (no ones tensor and multiply: two kernels fewer per step).
  const klScale = freeBits ? tf.mul(tf.cast(tf.greaterEqual(klPerDim!, opts.freeBits), 'float32'), opts.klWeight / B) : opts.klWeight / B; // [L] or scalar
  const dMu = tf.add(dz, tf.mul(mu, klScale));
  // ∂z/∂logσ² = ½ σ ε; ∂KL/∂logσ² = ½(σ² − 1). The ½ is taken once, after the sum: halving is
  // exact in floating point (above the subnormals), so this equals ½a + ½b bit for bit, in two
  // kernels fewer.
  const dLogvar = tf.mul(tf.add(tf.mul(dz, sigmaEps), tf.mul(tf.sub(tf.square(sigma), 1), klScale)), 0.5);
  const dE = tf.concat([dMu, dLogvar], 1); // [B, 2L]
  const dWb2 = tf.matMul(transposeWithOnes(h1 as tf.Tensor2D), dE as tf.Tensor2D);
  const dh1 = tf.matMul(dE, tf.transpose(w.W2) as tf.Tensor2D);
  const da1 = tf.mul(dh1, tf.step(h1));
  const dWb1 = tf.matMul(xT1, da1 as tf.Tensor2D);

  return { grads: [dWb1, dWb2, dWb3, dWb4], recon, kl, klPerDim, encoded: e };
}

/** elboGradient's per-layer [∂W; ∂b] split into tensors shaped like the weights (caller tidies). */
export function namedGradients(grads: tf.Tensor[]): Weights {
  const out = {} as Weights;
  grads.forEach((g, l) => {
    const [k, n] = g.shape;
    out[PARAM_NAMES[2 * l]] = tf.slice(g, [0, 0], [k - 1, n]);
    out[PARAM_NAMES[2 * l + 1]] = tf.reshape(tf.slice(g, [k - 1, 0], [1, n]), [n]);
  });
  return out;
}
