/**
 * One reparameterized ELBO gradient, written out by hand (backpropagation through the two MLPs).
 *
 * Why by hand: autodiff in tfjs emits matMuls with a transposed operand for the weight
 * gradients, and the wasm backend runs those about 10× slower than a plain matMul. Here every
 * matMul takes operands in plain layout: the transposes of x and of the weights are formed
 * explicitly (cheap O(size) copies), so the step's time is dominated by fast matMuls.
 *
 * Objective maximized per batch (β = KL weight, λ = free-bits floor per dimension):
 *   J = (1/B) Σ_b log p_θ(x_b | z_b) − β Σ_d max(λ, (1/B) Σ_b KL_{b,d}),  z_b = μ_b + σ_b ⊙ ε_b.
 * With β = 1 and λ = 0, J is the single-sample ELBO estimate.
 */
import * as tf from '@tensorflow/tfjs-core';
import { columnSums } from '../math/dense';
import { decode, encode, gaussianKl, logLikelihood, type VaeShape, type Weights } from './model';

export interface ObjectiveOptions {
  /** β: weight of the KL term */
  klWeight: number;
  /** λ: per-dimension KL floor in nats (free bits); 0 disables it */
  freeBits: number;
}

export interface ElboGradient {
  /** ∇ of −J with respect to each weight (a loss gradient, for descent), shaped like the weights */
  grads: Weights;
  /** mean log p(x|z) over the batch, scalar */
  recon: tf.Tensor;
  /** mean Σ_d KL_d over the batch, scalar */
  kl: tf.Tensor;
  /** mean KL per latent dimension, [L] */
  klPerDim: tf.Tensor1D;
}

/**
 * @param x  [B, D] intensities in [0, 1]
 * @param xT [D, B] the same batch transposed (built on the host, so no device transpose is needed)
 * @param eps [B, L] standard normal draws ε
 */
export function elboGradient(
  w: Weights,
  x: tf.Tensor2D,
  xT: tf.Tensor2D,
  eps: tf.Tensor2D,
  s: VaeShape,
  opts: ObjectiveOptions,
): ElboGradient {
  const B = x.shape[0];
  const L = s.latent;
  const { h1, mu, logvar } = encode(w, x, L);
  const sigma = tf.exp(tf.mul(logvar, 0.5));
  const sigmaEps = tf.mul(sigma, eps); // σ ⊙ ε, also in ∂z/∂logσ² below
  const z = tf.add(mu, sigmaEps);
  const { h3, logits } = decode(w, z as tf.Tensor2D);

  const recon = tf.mean(logLikelihood(logits, x, s));
  const klMatrix = gaussianKl(mu, logvar); // [B, L]
  const klPerDim = tf.mean(klMatrix, 0) as tf.Tensor1D;
  const kl = tf.sum(klPerDim);

  // ∂(−J)/∂ℓ [B, D]: −(x − p)/B for Bernoulli; −(x − m) m(1 − m) / (σ_x² B) for Gaussian.
  const mean = tf.sigmoid(logits);
  let dLogits = tf.sub(mean, x);
  if (s.decoder === 'gaussian') {
    dLogits = tf.mul(dLogits, tf.mul(mean, tf.sub(1, mean)));
    dLogits = tf.mul(dLogits, 1 / (s.decoderStd * s.decoderStd * B));
  } else {
    dLogits = tf.mul(dLogits, 1 / B);
  }

  const h3T = tf.transpose(h3);
  const dW4 = tf.matMul(h3T, dLogits);
  const db4 = columnSums(dLogits as tf.Tensor2D);
  // ∂h3 = ∂ℓ W4ᵀ [B,H], computed as (W4 ∂ℓᵀ)ᵀ. The wasm backend (XNNPACK) repacks a matMul's right
  // operand whenever it is a new tensor: ∂ℓᵀ [D,B] is 3× smaller to transpose and pack than W4ᵀ [D,H].
  const dh3 = tf.transpose(tf.matMul(w.W4 as tf.Tensor2D, tf.transpose(dLogits) as tf.Tensor2D));
  const da3 = tf.mul(dh3, tf.step(h3));
  const dW3 = tf.matMul(tf.transpose(z), da3);
  const db3 = columnSums(da3 as tf.Tensor2D);
  const dz = tf.matMul(da3, tf.transpose(w.W3) as tf.Tensor2D); // [B, L]

  // KL part: dims whose batch-mean KL is below the floor λ get no KL gradient (free bits). Without
  // a floor the scale is one number (no ones tensor and multiply: two kernels fewer per step).
  const klScale = opts.freeBits > 0 ? tf.mul(tf.cast(tf.greaterEqual(klPerDim, opts.freeBits), 'float32'), opts.klWeight / B) : opts.klWeight / B; // [L] or scalar
  const dMu = tf.add(dz, tf.mul(mu, klScale));
  // ∂z/∂logσ² = ½ σ ε; ∂KL/∂logσ² = ½(σ² − 1). The ½ is taken once, after the sum: halving is
  // exact in floating point (above the subnormals), so this equals ½a + ½b bit for bit, in two
  // kernels fewer.
  const dLogvar = tf.mul(tf.add(tf.mul(dz, sigmaEps), tf.mul(tf.sub(tf.square(sigma), 1), klScale)), 0.5);
  const dE = tf.concat([dMu, dLogvar], 1); // [B, 2L]
  const dW2 = tf.matMul(tf.transpose(h1), dE);
  const db2 = columnSums(dE as tf.Tensor2D);
  const dh1 = tf.matMul(dE, tf.transpose(w.W2) as tf.Tensor2D);
  const da1 = tf.mul(dh1, tf.step(h1));
  const dW1 = tf.matMul(xT, da1);
  const db1 = columnSums(da1 as tf.Tensor2D);

  return { grads: { W1: dW1, b1: db1, W2: dW2, b2: db2, W3: dW3, b3: db3, W4: dW4, b4: db4 }, recon, kl, klPerDim };
}
