/**
 * What every noise predictor ε_θ(x_t, t) of the book shares (./mlpDenoiser.ts, ./resMlpDenoiser.ts):
 * weights as tf.Variables, the optional Gaussian skip term ε* (./gaussianSkip.ts), the simplified
 * loss mean((ε_θ − ε)²) with δ_out = 2(ε_θ − ε)/(B d), a training step over a minibatch written in
 * plain arrays (./denoiserInputs.ts), the per-point loss, prediction over plain arrays, and the
 * weights as arrays. A subclass states only its architecture: initial weights and `trace`, the
 * forward pass from h₀ = [x_t, emb(t)] with its backpropagation.
 *
 * Gradients are explicit backpropagation: tfjs-core ships its gradient registry as a separate ESM
 * entry that plain Node cannot load, so the core does not depend on it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { transposeWithOnes } from '../math/dense';
import { assignVariables, readVariables, tfVariable } from '../math/tfVariable';
import type { Rng } from '../random';
import type { GradientStep } from '../math/adam';
import type { EpsPredictor } from './epsilon';
import { embeddingTable, noisedPoints, noisyBatch } from './denoiserInputs';
import { gaussianSkipTerm, skipBasisTensors } from './gaussianSkip';
import type { NoiseSchedule } from './schedule';
import { timeEmbeddings } from './timeEmbedding';

/** A Gaussian N(m, U diag(λ) Uᵀ) fitted to the data. */
export interface GaussianSkip {
  /** m [d] */
  mean: ArrayLike<number>;
  /** λ [d] */
  eigenvalues: ArrayLike<number>;
  /** U [d*d], row-major, eigenvectors as columns */
  eigenvectors: ArrayLike<number>;
}

/** The configuration every denoiser has. */
export interface DenoiserBaseConfig {
  /** Data dimension d (2 for the toy sets, 784 for 28×28 digits). */
  dim: number;
  /** Size of the sinusoidal time embedding E (even). */
  embedDim: number;
  /** Add the exact noise predictor of a Gaussian fitted to the data to the output (./gaussianSkip.ts). */
  gaussianSkip?: GaussianSkip;
}

/** A forward pass and how to backpropagate through it. */
export interface DenoiserTrace {
  /** the network's output without the skip term [n, d] */
  net: tf.Tensor2D;
  /**
   * Gradients of the loss in the order of `weights`, where one tensor may cover consecutive
   * weights: a dense layer's [∂W; ∂b] [k+1, n] (the layout ../math/adam.ts's apply takes;
   * gradientsPerParameter splits it). @param dOut ∂loss/∂net [n, d]
   * @param h0T1 the network input transposed with a row of ones appended [d+E+1, n] (caller tidies)
   */
  backward(dOut: tf.Tensor2D, h0T: tf.Tensor2D): tf.Tensor[];
}

/** Uniform(−limit, limit) for a weight tensor, or null for zeros (no draw from the Rng). */
export type InitLimit = (shape: number[], index: number) => number | null;

export abstract class Denoiser<C extends DenoiserBaseConfig> {
  readonly weights: tf.Variable[];
  /** U of the gaussianSkip and its transpose as constant tensors [d, d]. */
  private readonly skipBasis: { U: tf.Tensor2D; Ut: tf.Tensor2D } | null;
  /** timeEmbeddings of t = 0..T (see embeddingTable) */
  private table: Float32Array | null = null;

  /** Draws the weights of `shapes` in order, each uniform on ±initLimit(shape, i) or zero. */
  protected constructor(
    readonly config: C,
    readonly schedule: NoiseSchedule,
    shapes: number[][],
    initLimit: InitLimit,
    rng: Rng,
  ) {
    this.weights = shapes.map((shape, i) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(size);
      const limit = initLimit(shape, i);
      if (limit !== null) for (let k = 0; k < size; k++) values[k] = (2 * rng.uniform() - 1) * limit;
      return tfVariable(() => tf.tensor(values, shape));
    });
    const g = config.gaussianSkip;
    this.skipBasis = g ? skipBasisTensors(g, config.dim) : null;
  }

  /** The forward pass from h₀ = [x_t, emb(t)] [n, d+E], keeping what backward needs (caller tidies). */
  protected abstract trace(h0: tf.Tensor2D): DenoiserTrace;

  /**
   * The Gaussian predictor's term for rows at timesteps ts, as a function of x [n, d] (caller tidies);
   * null without a gaussianSkip. Per row: ((x − √ᾱ_t m) U ⊙ c_t) Uᵀ, c_{t,k} = √(1−ᾱ_t)/(ᾱ_t λ_k + 1 − ᾱ_t).
   */
  skipTerm(ts: ArrayLike<number>): ((x: tf.Tensor2D) => tf.Tensor2D) | null {
    const g = this.config.gaussianSkip;
    return g ? gaussianSkipTerm(g, this.skipBasis!, this.schedule, ts) : null;
  }

  /** ε_θ for a batch. @param x [n, d] @param emb [n, E] @param skip the Gaussian term or null @returns [n, d] (caller tidies) */
  forward(x: tf.Tensor2D, emb: tf.Tensor2D, skip: ((x: tf.Tensor2D) => tf.Tensor2D) | null = null): tf.Tensor2D {
    const { net } = this.trace(tf.concat([x, emb], 1));
    return skip ? tf.add(net, skip(x)) : net;
  }

  /**
   * Simplified loss mean((ε_θ − ε)²) and its gradients in the order of `weights`, in
   * DenoiserTrace.backward's layout (a dense layer's weight and bias as one [∂W; ∂b]).
   * @param x [B, d] @param emb [B, E] @param eps [B, d] (caller tidies)
   */
  lossAndGradients(
    x: tf.Tensor2D,
    emb: tf.Tensor2D,
    eps: tf.Tensor2D,
    skip: ((x: tf.Tensor2D) => tf.Tensor2D) | null = null,
  ): { loss: tf.Scalar; grads: tf.Tensor[] } {
    const h0 = tf.concat([x, emb], 1);
    const { diff, grads } = this.backprop(h0, transposeWithOnes(h0), eps, skip ? () => skip(x) : null);
    return { loss: tf.mean(tf.square(diff)) as tf.Scalar, grads };
  }

  /**
   * lossAndGradients from the network input h_0 = [x, emb] and [h_0ᵀ; 1], both as given (a
   * training step builds them in plain arrays: two uploads instead of three uploads, a concat and
   * a transpose). @param skipOut the Gaussian term's value, or null (caller tidies)
   * @returns ε_θ − ε [B, d] (the loss is its mean square) and the gradients
   */
  private backprop(
    h0: tf.Tensor2D,
    h0T1: tf.Tensor2D,
    eps: tf.Tensor2D,
    skipOut: (() => tf.Tensor2D) | null,
  ): { diff: tf.Tensor2D; grads: tf.Tensor[] } {
    const { net, backward } = this.trace(h0);
    const out = skipOut ? tf.add(net, skipOut()) : net;
    const diff = tf.sub(out, eps) as tf.Tensor2D;
    return { diff, grads: backward(tf.mul(diff, 2 / diff.size) as tf.Tensor2D, h0T1) };
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
   * The loss is only reported: it is the mean square of ε_θ − ε read back, summed on the host (in
   * float64), not two more kernels (a square and a mean; issue #12).
   * @param x0 [B*d] @returns the minibatch simplified loss (mean over rows and coordinates)
   */
  async trainStep(optimizer: GradientStep, x0: ArrayLike<number>, rng: Rng): Promise<number> {
    const d = this.config.dim;
    const E = this.config.embedDim;
    const F = d + E;
    const B = x0.length / d;
    this.table ??= embeddingTable(this.schedule.T, E);
    const { ts, eps, h0, h0T1 } = noisyBatch(x0, d, this.schedule, this.table, E, rng);
    const skip = this.skipTerm(ts);
    const diffT = tf.tidy(() => {
      const h0t = tf.tensor2d(h0, [B, F]);
      const skipOut = skip ? () => skip(tf.slice(h0t, [0, 0], [B, d])) : null;
      const { diff, grads } = this.backprop(h0t, tf.tensor2d(h0T1, [F + 1, B]), tf.tensor2d(eps, [B, d]), skipOut);
      optimizer.apply(grads);
      return diff;
    });
    const diff = await diffT.data();
    diffT.dispose();
    let sum = 0;
    for (let i = 0; i < diff.length; i++) sum += diff[i] * diff[i];
    return sum / diff.length;
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
