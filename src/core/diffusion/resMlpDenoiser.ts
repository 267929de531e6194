/**
 * A residual MLP noise predictor ε_θ(x_t, t) for 28×28 digits (chapter 8's pixel-space model).
 * With h₀ = [x_t, emb(t)] (sinusoidal embedding, ./timeEmbedding.ts) and φ the leaky ReLU:
 *   h_1 = h₀ W_in + b_in
 *   a_l = φ(h_l W1_l + b1_l + emb C_l),   h_{l+1} = h_l + a_l W2_l + b2_l     (l = 1..K)
 *   ε_θ = φ(h_{K+1}) W_out + b_out + ε*(x_t, t)
 * Each block sees t again through C_l (a deep plain MLP hears t only at its input), the residual
 * form lets the blocks start as the identity (W2_l = 0) and the output layer starts at zero, so at
 * initialization ε_θ is the exact predictor ε* of a Gaussian fitted to the data (./gaussianSkip.ts)
 * and training starts at that Gaussian's Bayes risk.
 *
 * Gradients by explicit backpropagation (the loss, training step and I/O are ./denoiser.ts's).
 * With δ_o = 2(ε_θ − ε)/(B d), g = φ(h_{K+1}):
 *   ∂W_out = gᵀ δ_o, ∂b_out = Σ δ_o, δ = (δ_o W_outᵀ) ⊙ φ′
 *   block l, backwards: ∂W2_l = a_lᵀ δ, ∂b2_l = Σ δ, δ_a = (δ W2_lᵀ) ⊙ φ′(a_l),
 *     ∂W1_l = h_lᵀ δ_a, ∂b1_l = Σ δ_a, ∂C_l = embᵀ δ_a, δ ← δ + δ_a W1_lᵀ
 *   ∂W_in = h₀ᵀ δ, ∂b_in = Σ δ.
 * φ′ is read from φ's output (the leaky ReLU keeps the sign of its input).
 *
 * Kernels (issue #12): the affine maps are ../math/dense.ts's dense (on wasm one _FusedMatMul
 * without the three reshapes of tf.fused.matMul), and each affine map's weight and bias gradients
 * come from one product [inᵀ; 1]·δ = [∂W; ∂b] (its transposeWithOnes; one tensor that Adam takes for
 * W and b): 2K + 2 column sums fewer than with the bias gradients as [1, B]·[B, w] products.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dense, transposeWithOnes } from '../math/dense';
import type { Rng } from '../random';
import { Denoiser, type DenoiserBaseConfig, type DenoiserTrace } from './denoiser';
import { LEAK } from './mlpDenoiser';
import type { NoiseSchedule } from './schedule';

export interface ResDenoiserConfig extends DenoiserBaseConfig {
  width: number;
  /** K residual blocks */
  blocks: number;
}

/** Per block: W1 [w,w], b1 [w], C [E,w], W2 [w,w], b2 [w]. */
const PER_BLOCK = 5;

/** Shapes of [W_in, b_in, (W1, b1, C, W2, b2) × K, W_out, b_out]. */
export function resDenoiserShapes(c: ResDenoiserConfig): number[][] {
  const w = c.width;
  const shapes: number[][] = [[c.dim + c.embedDim, w], [w]];
  for (let l = 0; l < c.blocks; l++) shapes.push([w, w], [w], [c.embedDim, w], [w, w], [w]);
  shapes.push([w, c.dim], [c.dim]);
  return shapes;
}

export class ResMlpDenoiser extends Denoiser<ResDenoiserConfig> {
  /** He-uniform W_in, W1, C; zero W2, W_out and biases (blocks start as the identity, ε_θ = ε*). */
  constructor(config: ResDenoiserConfig, schedule: NoiseSchedule, rng: Rng) {
    super(config, schedule, resDenoiserShapes(config), (shape, i) => {
      const inBlock = i >= 2 && i < 2 + PER_BLOCK * config.blocks ? (i - 2) % PER_BLOCK : -1;
      return i === 0 || inBlock === 0 || inBlock === 2 ? Math.sqrt(6 / shape[0]) : null;
    }, rng);
  }

  private w(i: number): tf.Tensor2D {
    return this.weights[i] as tf.Tensor2D;
  }

  protected trace(h0: tf.Tensor2D): DenoiserTrace {
    const d = this.config.dim;
    const n = h0.shape[0];
    const emb = tf.slice(h0, [0, d], [n, this.config.embedDim]);
    let h = dense(h0, this.w(0), this.weights[1]);
    const hs: tf.Tensor2D[] = [];
    const as: tf.Tensor2D[] = [];
    for (let l = 0; l < this.config.blocks; l++) {
      const o = 2 + PER_BLOCK * l;
      hs.push(h);
      const pre = tf.add(dense(h, this.w(o), this.weights[o + 1]), tf.matMul(emb, this.w(o + 2)));
      const a = tf.leakyRelu(pre, LEAK) as tf.Tensor2D;
      as.push(a);
      h = tf.add(h, dense(a, this.w(o + 3), this.weights[o + 4])) as tf.Tensor2D;
    }
    const g = tf.leakyRelu(h, LEAK) as tf.Tensor2D;
    const L = this.weights.length;
    const net = dense(g, this.w(L - 2), this.weights[L - 1]);
    const backward = (dOut: tf.Tensor2D, h0T1: tf.Tensor2D): tf.Tensor[] => {
      // in parameter order: [∂W_in; ∂b_in], per block [∂W1; ∂b1], ∂C, [∂W2; ∂b2], then [∂W_out; ∂b_out]
      const grads: tf.Tensor[] = new Array(2 + 3 * this.config.blocks);
      grads[grads.length - 1] = tf.matMul(transposeWithOnes(g), dOut);
      let delta = tf.mul(tf.matMul(dOut, tf.transpose(this.w(L - 2))), tf.step(g, LEAK)) as tf.Tensor2D;
      const embT = tf.transpose(emb);
      for (let l = this.config.blocks - 1; l >= 0; l--) {
        const o = 2 + PER_BLOCK * l;
        const k = 1 + 3 * l;
        grads[k + 2] = tf.matMul(transposeWithOnes(as[l]), delta);
        const dA = tf.mul(tf.matMul(delta, tf.transpose(this.w(o + 3))), tf.step(as[l], LEAK)) as tf.Tensor2D;
        grads[k] = tf.matMul(transposeWithOnes(hs[l]), dA);
        grads[k + 1] = tf.matMul(embT, dA);
        delta = tf.add(delta, tf.matMul(dA, tf.transpose(this.w(o)))) as tf.Tensor2D;
      }
      grads[0] = tf.matMul(h0T1, delta);
      return grads;
    };
    return { net, backward };
  }
}
