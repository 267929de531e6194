/**
 * The noise predictor ε_θ(x_t, t) as a multilayer perceptron (chapter 8): the input is x_t
 * concatenated with a sinusoidal embedding of t; `depth` ReLU layers of `width` units; a linear
 * output of the data's dimension. Trained on the simplified loss E‖ε − ε_θ(√ᾱ_t x_0 + √(1−ᾱ_t) ε, t)‖²
 * with t uniform on 1..T. Random draws (t, ε, initial weights) come from the caller's Rng.
 *
 * Cost per training step (wasm runs ~20 µs of fixed cost per op): trainStep writes the network
 * input [x_t, emb(t)] and its transpose in plain arrays (embeddings from a table made once) and
 * uploads both, so the step is the products and element-wise ops of backprop plus the flat-buffer
 * Adam of ../math/adam.ts: 70 kernels for the 3-layer 2-D model, against 141 with the per-tensor
 * Adam, concat and transposes it replaced; 62 with the layers as ../math/dense.ts's dense (no
 * reshapes around the fused products on wasm) and the bias gradients as [1, B]·[B, n] products (a
 * Sum over axis 0 transposes on wasm); 44 with Adam's copy kernels and flat subtract and the bias
 * gradients left as those products' rows [1, n] (dense.ts's columnSumsRow: no reshape, Adam
 * flattens them anyway); 40 with each layer's weight and bias gradients from one product
 * [h_lᵀ; 1]·δ_l = [∂W_l; ∂b_l] (../math/dense.ts's transposeWithOnes; the input's [h_0ᵀ; 1] is
 * written on the host); 38 with the reported loss summed on the host (./denoiser.ts). Any optimizer
 * with apply(grads) that takes that layout will do. The loss, training step and I/O
 * are ./denoiser.ts's; this file states the architecture.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dense, transposeWithOnes, type DenseActivation } from '../math/dense';
import type { Rng } from '../random';
import { Denoiser, type DenoiserBaseConfig, type DenoiserTrace, type GaussianSkip } from './denoiser';
import type { NoiseSchedule } from './schedule';

export type { GaussianSkip } from './denoiser';

export interface DenoiserConfig extends DenoiserBaseConfig {
  width: number;
  depth: number;
  /**
   * Add the exact noise predictor of a Gaussian fitted to the data (src/core/diffusion/gaussianOracle.ts)
   * to the output, so the network only learns the non-Gaussian correction:
   *   ε_θ(x_t, t) = √(1−ᾱ_t) Σ_t⁻¹ (x_t − √ᾱ_t m) + MLP(x_t, t),  Σ_t = ᾱ_t S + (1−ᾱ_t) I,
   * computed in the eigenbasis S = U diag(λ) Uᵀ. In high dimension (digits) a plain MLP learns this
   * t-dependent linear map very slowly; with it, training starts at the Gaussian's Bayes risk.
   */
  gaussianSkip?: GaussianSkip;
  /**
   * Leaky ReLU (slope LEAK below zero) instead of ReLU, with a zero-initialized output layer. For
   * the residual on top of gaussianSkip: the target is small, and plain ReLU units were observed to
   * die there (the trained correction was exactly zero).
   */
  leaky?: boolean;
}

/** Slope of the leaky ReLU for x < 0. */
export const LEAK = 0.05;

/** Shapes of [W_0, b_0, …, W_depth, b_depth]: W_0 [d+E, width], …, W_depth [width, d]. */
export function denoiserShapes(c: DenoiserConfig): number[][] {
  const shapes: number[][] = [];
  let fanIn = c.dim + c.embedDim;
  for (let l = 0; l < c.depth; l++) {
    shapes.push([fanIn, c.width], [c.width]);
    fanIn = c.width;
  }
  shapes.push([fanIn, c.dim], [c.dim]);
  return shapes;
}

export class MlpDenoiser extends Denoiser<DenoiserConfig> {
  /** He-uniform hidden layers, a small Glorot-uniform output layer (zero when leaky), zero biases. */
  constructor(config: DenoiserConfig, schedule: NoiseSchedule, rng: Rng) {
    const shapes = denoiserShapes(config);
    const out = shapes.length - 2;
    super(config, schedule, shapes, (shape, i) => {
      if (shape.length !== 2 || (config.leaky && i === out)) return null;
      return i === out ? Math.sqrt(6 / (shape[0] + shape[1])) : Math.sqrt(6 / shape[0]);
    }, rng);
  }

  private activation(): DenseActivation {
    return this.config.leaky ? { activation: 'leakyrelu', leakyreluAlpha: LEAK } : { activation: 'relu' };
  }

  /**
   * With h_0 = [x, emb], h_{l+1} = relu(h_l W_l + b_l), out = h_L W_L + b_L and δ_L = ∂loss/∂out:
   *   ∂W_l = h_lᵀ δ_l, ∂b_l = Σ_rows δ_l, δ_{l−1} = (δ_l W_lᵀ) ⊙ 1[h_l > 0],
   * with [∂W_l; ∂b_l] = [h_lᵀ; 1] δ_l as one tensor [k+1, n] per layer (Adam takes it for W_l and b_l).
   */
  protected trace(h0: tf.Tensor2D): DenoiserTrace {
    const L = this.config.depth;
    const hs: tf.Tensor2D[] = [h0];
    for (let l = 0; l < L; l++) hs.push(dense(hs[l], this.weights[2 * l] as tf.Tensor2D, this.weights[2 * l + 1], this.activation()));
    const net = dense(hs[L], this.weights[2 * L] as tf.Tensor2D, this.weights[2 * L + 1]);
    const backward = (dOut: tf.Tensor2D, h0T1: tf.Tensor2D): tf.Tensor[] => {
      const grads: tf.Tensor[] = new Array(L + 1);
      let delta = dOut;
      for (let l = L; l >= 0; l--) {
        // explicit transposes: the wasm backend's transposed BatchMatMul is several times slower than a copy + plain product
        grads[l] = tf.matMul(l === 0 ? h0T1 : transposeWithOnes(hs[l]), delta);
        if (l > 0) {
          const back = tf.matMul(delta, tf.transpose(this.weights[2 * l] as tf.Tensor2D));
          // relu′ = 1[h > 0]; leaky: 1 above zero, LEAK below (h and the pre-activation share their sign)
          delta = tf.mul(back, tf.step(hs[l], this.config.leaky ? LEAK : 0)) as tf.Tensor2D;
        }
      }
      return grads;
    };
    return { net, backward };
  }
}
