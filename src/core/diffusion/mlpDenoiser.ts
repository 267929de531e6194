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
 * reshapes around the fused products on wasm) and the bias gradients as its columnSums (a Sum over
 * axis 0 transposes on wasm). Any optimizer with apply(grads) will do.
 */
import * as tf from '@tensorflow/tfjs-core';
import { columnSums, dense, type DenseActivation } from '../math/dense';
import { assignVariables, readVariables, tfVariable } from '../math/tfVariable';
import type { Rng } from '../random';
import type { GradientStep } from '../math/adam';
import type { EpsPredictor } from './epsilon';
import { embeddingTable, noisedPoints, noisyBatch } from './denoiserInputs';
import { gaussianSkipTerm, skipBasisTensors } from './gaussianSkip';
import type { NoiseSchedule } from './schedule';
import { timeEmbeddings } from './timeEmbedding';

export interface DenoiserConfig {
  /** Data dimension d (2 for the toy sets, 784 for 28×28 digits). */
  dim: number;
  width: number;
  depth: number;
  /** Size of the sinusoidal time embedding (even). */
  embedDim: number;
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

/** A Gaussian N(m, U diag(λ) Uᵀ) fitted to the data. */
export interface GaussianSkip {
  /** m [d] */
  mean: ArrayLike<number>;
  /** λ [d] */
  eigenvalues: ArrayLike<number>;
  /** U [d*d], row-major, eigenvectors as columns */
  eigenvectors: ArrayLike<number>;
}

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

export class MlpDenoiser {
  readonly weights: tf.Variable[];
  /** U of the gaussianSkip as a constant tensor [d, d]. */
  private readonly skipBasis: { U: tf.Tensor2D; Ut: tf.Tensor2D } | null;
  /** timeEmbeddings of t = 0..T (see embeddingTable) */
  private table: Float32Array | null = null;

  /** He-uniform hidden layers, a small Glorot-uniform output layer, zero biases. */
  constructor(
    readonly config: DenoiserConfig,
    readonly schedule: NoiseSchedule,
    rng: Rng,
  ) {
    const shapes = denoiserShapes(config);
    this.weights = shapes.map((shape, i) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(size);
      if (shape.length === 2 && !(config.leaky && i === shapes.length - 2)) {
        const last = i === shapes.length - 2;
        const limit = last ? Math.sqrt(6 / (shape[0] + shape[1])) : Math.sqrt(6 / shape[0]);
        for (let k = 0; k < size; k++) values[k] = (2 * rng.uniform() - 1) * limit;
      }
      return tfVariable(() => tf.tensor(values, shape));
    });
    const g = config.gaussianSkip;
    this.skipBasis = g ? skipBasisTensors(g, config.dim) : null;
  }

  /**
   * The Gaussian predictor's term for rows at timesteps ts, as a function of x [n, d] (caller tidies);
   * null without a gaussianSkip. Per row: ((x − √ᾱ_t m) U ⊙ c_t) Uᵀ, c_{t,k} = √(1−ᾱ_t)/(ᾱ_t λ_k + 1 − ᾱ_t).
   */
  skipTerm(ts: ArrayLike<number>): ((x: tf.Tensor2D) => tf.Tensor2D) | null {
    const g = this.config.gaussianSkip;
    return g ? gaussianSkipTerm(g, this.skipBasis!, this.schedule, ts) : null;
  }

  private activation(): DenseActivation {
    return this.config.leaky ? { activation: 'leakyrelu', leakyreluAlpha: LEAK } : { activation: 'relu' };
  }

  /** ε_θ for a batch. @param x [n, d] @param emb [n, E] @param skip the Gaussian term or null @returns [n, d] (caller tidies) */
  forward(x: tf.Tensor2D, emb: tf.Tensor2D, skip: ((x: tf.Tensor2D) => tf.Tensor2D) | null = null): tf.Tensor2D {
    let h: tf.Tensor2D = tf.concat([x, emb], 1);
    const L = this.config.depth;
    for (let l = 0; l < L; l++) h = dense(h, this.weights[2 * l] as tf.Tensor2D, this.weights[2 * l + 1], this.activation());
    const out = dense(h, this.weights[2 * L] as tf.Tensor2D, this.weights[2 * L + 1]);
    return skip ? tf.add(out, skip(x)) : out;
  }

  /**
   * Simplified loss mean((ε_θ − ε)²) and its gradients in the order of `weights`, by explicit
   * backpropagation through the ReLU MLP (tfjs-core ships its gradient registry as a separate
   * ESM entry that plain Node cannot load, so the core does not depend on it).
   * With h_0 = [x, emb], h_{l+1} = relu(h_l W_l + b_l), out = h_L W_L + b_L:
   *   δ_L = 2(out − ε)/(B d), ∂W_l = h_lᵀ δ_l, ∂b_l = Σ_rows δ_l, δ_{l−1} = (δ_l W_lᵀ) ⊙ 1[h_l > 0].
   * @param x [B, d] @param emb [B, E] @param eps [B, d] (caller tidies)
   */
  lossAndGradients(
    x: tf.Tensor2D,
    emb: tf.Tensor2D,
    eps: tf.Tensor2D,
    skip: ((x: tf.Tensor2D) => tf.Tensor2D) | null = null,
  ): { loss: tf.Scalar; grads: tf.Tensor[] } {
    const h0 = tf.concat([x, emb], 1);
    return this.backprop(h0, tf.transpose(h0), eps, skip ? () => skip(x) : null);
  }

  /**
   * lossAndGradients from the network input h_0 = [x, emb] and its transpose, both as given (a
   * training step builds them in plain arrays: two uploads instead of three uploads, a concat and
   * a transpose). @param skipOut the Gaussian term's value, or null (caller tidies)
   */
  private backprop(
    h0: tf.Tensor2D,
    h0T: tf.Tensor2D,
    eps: tf.Tensor2D,
    skipOut: (() => tf.Tensor2D) | null,
  ): { loss: tf.Scalar; grads: tf.Tensor[] } {
    const L = this.config.depth;
    const hs: tf.Tensor2D[] = [h0];
    for (let l = 0; l < L; l++) hs.push(dense(hs[l], this.weights[2 * l] as tf.Tensor2D, this.weights[2 * l + 1], this.activation()));
    const net = dense(hs[L], this.weights[2 * L] as tf.Tensor2D, this.weights[2 * L + 1]);
    const out = skipOut ? tf.add(net, skipOut()) : net;
    const diff = tf.sub(out, eps);
    const loss = tf.mean(tf.square(diff)) as tf.Scalar;
    const grads: tf.Tensor[] = new Array(2 * L + 2);
    let delta: tf.Tensor2D = tf.mul(diff, 2 / diff.size) as tf.Tensor2D;
    for (let l = L; l >= 0; l--) {
      // explicit transposes: the wasm backend's transposed BatchMatMul is several times slower than a copy + plain product
      grads[2 * l] = tf.matMul(l === 0 ? h0T : tf.transpose(hs[l]), delta);
      grads[2 * l + 1] = columnSums(delta);
      if (l > 0) {
        const back = tf.matMul(delta, tf.transpose(this.weights[2 * l] as tf.Tensor2D));
        // relu′ = 1[h > 0]; leaky: 1 above zero, LEAK below (h and the pre-activation share their sign)
        delta = tf.mul(back, tf.step(hs[l], this.config.leaky ? LEAK : 0)) as tf.Tensor2D;
      }
    }
    return { loss, grads };
  }

  /** The model as an EpsPredictor over plain arrays (reads back with await data()). */
  readonly predict: EpsPredictor = async (xt, t, n) => {
    const d = this.config.dim;
    const ts = new Int32Array(n).fill(t);
    const out = tf.tidy(() =>
      this.forward(
        tf.tensor2d(Float32Array.from(xt), [n, d]),
        tf.tensor2d(timeEmbeddings(ts, this.schedule.T, this.config.embedDim), [n, this.config.embedDim]),
        this.skipTerm(ts),
      ),
    );
    const values = await out.data();
    out.dispose();
    return Float64Array.from(values);
  };

  /**
   * One optimizer step on a minibatch of clean points. Draws t ~ U{1..T} and ε ~ N(0, I) per row.
   * @param x0 [B*d] @returns the minibatch simplified loss (mean over rows and coordinates)
   */
  async trainStep(optimizer: GradientStep, x0: ArrayLike<number>, rng: Rng): Promise<number> {
    const d = this.config.dim;
    const E = this.config.embedDim;
    const F = d + E;
    const B = x0.length / d;
    this.table ??= embeddingTable(this.schedule.T, E);
    const { ts, eps, h0, h0T } = noisyBatch(x0, d, this.schedule, this.table, E, rng);
    const skip = this.skipTerm(ts);
    const lossT = tf.tidy(() => {
      const h0t = tf.tensor2d(h0, [B, F]);
      const skipOut = skip ? () => skip(tf.slice(h0t, [0, 0], [B, d])) : null;
      const { loss, grads } = this.backprop(h0t, tf.tensor2d(h0T, [F, B]), tf.tensor2d(eps, [B, d]), skipOut);
      optimizer.apply(grads);
      return loss;
    });
    const loss = (await lossT.data())[0];
    lossT.dispose();
    return loss;
  }

  /**
   * The simplified loss of each of n given clean points, ‖ε − ε_θ(x_t, t)‖²/d with t ~ U{1..T} and
   * ε ~ N(0, I) drawn from rng (the same seed gives paired draws, so two networks compare on the
   * same noise). @param x0 [n*d] @returns [n]
   */
  async lossPerPoint(x0: ArrayLike<number>, n: number, rng: Rng): Promise<Float32Array> {
    const d = this.config.dim;
    const { ts, xt, eps } = noisedPoints(x0, n, d, this.schedule, rng);
    const emb = timeEmbeddings(ts, this.schedule.T, this.config.embedDim);
    const loss = tf.tidy(() => {
      const out = this.forward(tf.tensor2d(xt, [n, d]), tf.tensor2d(emb, [n, this.config.embedDim]), this.skipTerm(ts));
      return tf.mean(tf.square(tf.sub(out, tf.tensor2d(eps, [n, d]))), 1);
    });
    const v = (await loss.data()) as Float32Array;
    loss.dispose();
    return v;
  }

  getWeights(): Promise<Float32Array[]> {
    return readVariables(this.weights);
  }

  setWeights(values: ArrayLike<number>[]): void {
    assignVariables(this.weights, values);
  }

  dispose(): void {
    tf.dispose(this.weights);
    if (this.skipBasis) tf.dispose([this.skipBasis.U, this.skipBasis.Ut]);
  }
}
