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
 * Gradients by explicit backpropagation (as ./mlpDenoiser.ts; the core does not load tfjs's
 * gradient registry). With δ_o = 2(ε_θ − ε)/(B d), g = φ(h_{K+1}):
 *   ∂W_out = gᵀ δ_o, ∂b_out = Σ δ_o, δ = (δ_o W_outᵀ) ⊙ φ′
 *   block l, backwards: ∂W2_l = a_lᵀ δ, ∂b2_l = Σ δ, δ_a = (δ W2_lᵀ) ⊙ φ′(a_l),
 *     ∂W1_l = h_lᵀ δ_a, ∂b1_l = Σ δ_a, ∂C_l = embᵀ δ_a, δ ← δ + δ_a W1_lᵀ
 *   ∂W_in = h₀ᵀ δ, ∂b_in = Σ δ.
 * φ′ is read from φ's output (the leaky ReLU keeps the sign of its input).
 */
import * as tf from '@tensorflow/tfjs-core';
import { assignVariables, readVariables, tfVariable } from '../math/tfVariable';
import type { Rng } from '../random';
import type { GradientStep } from '../math/adam';
import { embeddingTable, noisedPoints, noisyBatch } from './denoiserInputs';
import type { EpsPredictor } from './epsilon';
import { gaussianSkipTerm, skipBasisTensors } from './gaussianSkip';
import { LEAK, type GaussianSkip } from './mlpDenoiser';
import type { NoiseSchedule } from './schedule';
import { timeEmbeddings } from './timeEmbedding';

export interface ResDenoiserConfig {
  dim: number;
  width: number;
  /** K residual blocks */
  blocks: number;
  embedDim: number;
  gaussianSkip?: GaussianSkip;
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

export class ResMlpDenoiser {
  readonly weights: tf.Variable[];
  private readonly skipBasis: { U: tf.Tensor2D; Ut: tf.Tensor2D } | null;
  private table: Float32Array | null = null;

  /** He-uniform W_in, W1, C; zero W2, W_out and biases (blocks start as the identity, ε_θ = ε*). */
  constructor(
    readonly config: ResDenoiserConfig,
    readonly schedule: NoiseSchedule,
    rng: Rng,
  ) {
    this.weights = resDenoiserShapes(config).map((shape, i) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(size);
      const inBlock = i >= 2 && i < 2 + PER_BLOCK * config.blocks ? (i - 2) % PER_BLOCK : -1;
      const random = i === 0 || inBlock === 0 || inBlock === 2;
      if (random) {
        const limit = Math.sqrt(6 / shape[0]);
        for (let k = 0; k < size; k++) values[k] = (2 * rng.uniform() - 1) * limit;
      }
      return tfVariable(() => tf.tensor(values, shape));
    });
    const g = config.gaussianSkip;
    this.skipBasis = g ? skipBasisTensors(g, config.dim) : null;
  }

  skipTerm(ts: ArrayLike<number>): ((x: tf.Tensor2D) => tf.Tensor2D) | null {
    const g = this.config.gaussianSkip;
    return g ? gaussianSkipTerm(g, this.skipBasis!, this.schedule, ts) : null;
  }

  private w(i: number): tf.Tensor2D {
    return this.weights[i] as tf.Tensor2D;
  }

  /** Forward pass keeping what backprop needs. @param h0 [n, d+E] (caller tidies) */
  private run(h0: tf.Tensor2D) {
    const d = this.config.dim;
    const n = h0.shape[0];
    const emb = tf.slice(h0, [0, d], [n, this.config.embedDim]);
    let h = tf.fused.matMul({ a: h0, b: this.w(0), bias: this.weights[1] }) as tf.Tensor2D;
    const hs: tf.Tensor2D[] = [];
    const as: tf.Tensor2D[] = [];
    for (let l = 0; l < this.config.blocks; l++) {
      const o = 2 + PER_BLOCK * l;
      hs.push(h);
      const pre = tf.add(tf.fused.matMul({ a: h, b: this.w(o), bias: this.weights[o + 1] }), tf.matMul(emb, this.w(o + 2)));
      const a = tf.leakyRelu(pre, LEAK) as tf.Tensor2D;
      as.push(a);
      h = tf.add(h, tf.fused.matMul({ a, b: this.w(o + 3), bias: this.weights[o + 4] })) as tf.Tensor2D;
    }
    const g = tf.leakyRelu(h, LEAK) as tf.Tensor2D;
    const L = this.weights.length;
    const net = tf.fused.matMul({ a: g, b: this.w(L - 2), bias: this.weights[L - 1] }) as tf.Tensor2D;
    return { emb, hs, as, g, net };
  }

  /** ε_θ for a batch. @param x [n, d] @param emb [n, E] (caller tidies) */
  forward(x: tf.Tensor2D, emb: tf.Tensor2D, skip: ((x: tf.Tensor2D) => tf.Tensor2D) | null = null): tf.Tensor2D {
    const { net } = this.run(tf.concat([x, emb], 1));
    return skip ? tf.add(net, skip(x)) : net;
  }

  /** Simplified loss mean((ε_θ − ε)²) and its gradients in the order of `weights` (caller tidies). */
  lossAndGradients(x: tf.Tensor2D, emb: tf.Tensor2D, eps: tf.Tensor2D, skip: ((x: tf.Tensor2D) => tf.Tensor2D) | null = null) {
    const h0 = tf.concat([x, emb], 1);
    return this.backprop(h0, tf.transpose(h0), eps, skip ? () => skip(x) : null);
  }

  private backprop(h0: tf.Tensor2D, h0T: tf.Tensor2D, eps: tf.Tensor2D, skipOut: (() => tf.Tensor2D) | null) {
    const { emb, hs, as, g, net } = this.run(h0);
    const out = skipOut ? tf.add(net, skipOut()) : net;
    const diff = tf.sub(out, eps);
    const loss = tf.mean(tf.square(diff)) as tf.Scalar;
    const L = this.weights.length;
    const grads: tf.Tensor[] = new Array(L);
    const dOut = tf.mul(diff, 2 / diff.size) as tf.Tensor2D;
    grads[L - 2] = tf.matMul(tf.transpose(g), dOut);
    grads[L - 1] = tf.sum(dOut, 0);
    let delta = tf.mul(tf.matMul(dOut, tf.transpose(this.w(L - 2))), tf.step(g, LEAK)) as tf.Tensor2D;
    const embT = tf.transpose(emb);
    for (let l = this.config.blocks - 1; l >= 0; l--) {
      const o = 2 + PER_BLOCK * l;
      grads[o + 3] = tf.matMul(tf.transpose(as[l]), delta);
      grads[o + 4] = tf.sum(delta, 0);
      const dA = tf.mul(tf.matMul(delta, tf.transpose(this.w(o + 3))), tf.step(as[l], LEAK)) as tf.Tensor2D;
      grads[o] = tf.matMul(tf.transpose(hs[l]), dA);
      grads[o + 1] = tf.sum(dA, 0);
      grads[o + 2] = tf.matMul(embT, dA);
      delta = tf.add(delta, tf.matMul(dA, tf.transpose(this.w(o)))) as tf.Tensor2D;
    }
    grads[0] = tf.matMul(h0T, delta);
    grads[1] = tf.sum(delta, 0);
    return { loss, grads };
  }

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

  /** One optimizer step on clean points x0 [B*d]; t and ε drawn from rng. @returns the minibatch loss */
  async trainStep(optimizer: GradientStep, x0: ArrayLike<number>, rng: Rng): Promise<number> {
    const d = this.config.dim;
    const E = this.config.embedDim;
    const B = x0.length / d;
    this.table ??= embeddingTable(this.schedule.T, E);
    const { ts, eps, h0, h0T } = noisyBatch(x0, d, this.schedule, this.table, E, rng);
    const skip = this.skipTerm(ts);
    const lossT = tf.tidy(() => {
      const h0t = tf.tensor2d(h0, [B, d + E]);
      const skipOut = skip ? () => skip(tf.slice(h0t, [0, 0], [B, d])) : null;
      const { loss, grads } = this.backprop(h0t, tf.tensor2d(h0T, [d + E, B]), tf.tensor2d(eps, [B, d]), skipOut);
      optimizer.apply(grads);
      return loss;
    });
    const loss = (await lossT.data())[0];
    lossT.dispose();
    return loss;
  }

  /** ‖ε − ε_θ(x_t, t)‖²/d per clean point, t and ε from rng. @param x0 [n*d] @returns [n] */
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
