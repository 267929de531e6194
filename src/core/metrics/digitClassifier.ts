/**
 * The book's independent yardstick for digit samples: an MLP classifier p(y | x) trained on the
 * training digits alone (never on a model's samples), as in the Inception score and FID (Salimans
 * et al. 2016; Heusel et al. 2017), scaled down to MNIST.
 *
 *   x [B, 784] in [0, 1] → h₁ = relu(x W₁ + b₁) [B, 512] → f = relu(h₁ W₂ + b₂) [B, 128] → logits f W₃ + b₃ [B, 10]
 *
 * f, the penultimate layer, is the feature space of the Fréchet distance. Trained with Adam on the
 * cross-entropy, on digits shifted by up to SHIFT pixels (which buys about a point of held-out
 * accuracy on 9,000 training digits).
 */
import * as tf from '@tensorflow/tfjs-core';
import { assignVariables, readVariables, tfVariable } from '../math/tfVariable';
import type { Rng } from '../random';

export const CLASSIFIER_WEIGHTS_PATH = 'weights/metrics/classifier.safetensors';
export const CLASSIFIER_HIDDEN = [512, 128] as const;
export const FEATURE_DIM = CLASSIFIER_HIDDEN[1];
export const CLASSES = 10;
export const SHIFT = 2;
const SIDE = 28;
const D = SIDE * SIDE;

export interface GradientStep {
  apply(grads: tf.Tensor[]): void;
}

export function classifierShapes(): number[][] {
  const [h1, h2] = CLASSIFIER_HIDDEN;
  return [[D, h1], [h1], [h1, h2], [h2], [h2, CLASSES], [CLASSES]];
}

/** Copies images [n*784] shifted by (dr, dc) ∈ {−SHIFT..SHIFT}² drawn per image, zero-filled. */
export function shiftImages(images: ArrayLike<number>, n: number, rng: Rng): Float32Array {
  const out = new Float32Array(n * D);
  for (let i = 0; i < n; i++) {
    const dr = rng.int(2 * SHIFT + 1) - SHIFT;
    const dc = rng.int(2 * SHIFT + 1) - SHIFT;
    for (let r = 0; r < SIDE; r++) {
      const sr = r - dr;
      if (sr < 0 || sr >= SIDE) continue;
      for (let c = 0; c < SIDE; c++) {
        const sc = c - dc;
        if (sc >= 0 && sc < SIDE) out[i * D + r * SIDE + c] = images[i * D + sr * SIDE + sc];
      }
    }
  }
  return out;
}

export class DigitClassifier {
  readonly weights: tf.Variable[];

  /** He-uniform weights, zero biases. */
  constructor(rng: Rng) {
    this.weights = classifierShapes().map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(size);
      if (shape.length === 2) {
        const limit = Math.sqrt(6 / shape[0]);
        for (let k = 0; k < size; k++) values[k] = (2 * rng.uniform() - 1) * limit;
      }
      return tfVariable(() => tf.tensor(values, shape));
    });
  }

  private dense(h: tf.Tensor2D, i: number, relu: boolean): tf.Tensor2D {
    return tf.fused.matMul({ a: h, b: this.weights[2 * i] as tf.Tensor2D, bias: this.weights[2 * i + 1], ...(relu ? { activation: 'relu' as const } : {}) }) as tf.Tensor2D;
  }

  /** @param x [n, 784] @returns the two hidden layers and the logits (caller tidies) */
  forward(x: tf.Tensor2D): { h1: tf.Tensor2D; features: tf.Tensor2D; logits: tf.Tensor2D } {
    const h1 = this.dense(x, 0, true);
    const features = this.dense(h1, 1, true);
    return { h1, features, logits: this.dense(features, 2, false) };
  }

  /**
   * Mean cross-entropy −(1/B) Σ log softmax(ℓ)_{y} and its gradients, by backpropagation:
   * δ₃ = (softmax(ℓ) − onehot(y))/B, ∂W₃ = fᵀδ₃, δ₂ = δ₃W₃ᵀ ⊙ 1[f > 0], ∂W₂ = h₁ᵀδ₂, δ₁ = δ₂W₂ᵀ ⊙ 1[h₁ > 0], ∂W₁ = xᵀδ₁.
   * @param x [B, 784] @param y labels [B] (caller tidies)
   */
  lossAndGradients(x: tf.Tensor2D, y: ArrayLike<number>): { loss: tf.Scalar; grads: tf.Tensor[] } {
    const B = y.length;
    const { h1, features, logits } = this.forward(x);
    const onehot = tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), CLASSES);
    const logp = tf.logSoftmax(logits);
    const loss = tf.neg(tf.div(tf.sum(tf.mul(onehot, logp)), B)) as tf.Scalar;
    const d3 = tf.div(tf.sub(tf.exp(logp), onehot), B) as tf.Tensor2D;
    const d2 = tf.mul(tf.matMul(d3, tf.transpose(this.weights[4] as tf.Tensor2D)), tf.step(features)) as tf.Tensor2D;
    const d1 = tf.mul(tf.matMul(d2, tf.transpose(this.weights[2] as tf.Tensor2D)), tf.step(h1)) as tf.Tensor2D;
    const grads = [
      tf.matMul(tf.transpose(x), d1),
      tf.sum(d1, 0),
      tf.matMul(tf.transpose(h1), d2),
      tf.sum(d2, 0),
      tf.matMul(tf.transpose(features), d3),
      tf.sum(d3, 0),
    ];
    return { loss, grads };
  }

  /** One optimizer step. @param x [B*784] in [0, 1] @returns the minibatch loss */
  async trainStep(optimizer: GradientStep, x: Float32Array, y: ArrayLike<number>): Promise<number> {
    const lossT = tf.tidy(() => {
      const { loss, grads } = this.lossAndGradients(tf.tensor2d(x, [y.length, D]), y);
      optimizer.apply(grads);
      return loss;
    });
    const loss = (await lossT.data())[0];
    lossT.dispose();
    return loss;
  }

  /**
   * Class probabilities [n*10] and penultimate features [n*128] of images [n*784] in [0, 1],
   * in chunks of `chunk` rows.
   */
  async classify(images: ArrayLike<number>, n: number, chunk = 500): Promise<{ probs: Float32Array; features: Float32Array }> {
    const probs = new Float32Array(n * CLASSES);
    const features = new Float32Array(n * FEATURE_DIM);
    for (let s = 0; s < n; s += chunk) {
      const m = Math.min(chunk, n - s);
      const [p, f] = tf.tidy(() => {
        const out = this.forward(tf.tensor2d(Float32Array.from({ length: m * D }, (_, k) => images[s * D + k]), [m, D]));
        return [tf.softmax(out.logits), out.features];
      });
      probs.set(await p.data(), s * CLASSES);
      features.set(await f.data(), s * FEATURE_DIM);
      tf.dispose([p, f]);
    }
    return { probs, features };
  }

  getWeights(): Promise<Float32Array[]> {
    return readVariables(this.weights);
  }

  setWeights(values: ArrayLike<number>[]): void {
    assignVariables(this.weights, values);
  }

  dispose(): void {
    tf.dispose(this.weights);
  }
}

/** Share of rows whose argmax matches the label. @param probs [n*10] */
export function accuracy(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  let hit = 0;
  for (let i = 0; i < labels.length; i++) if (argmax(probs, i) === labels[i]) hit++;
  return hit / labels.length;
}

export function argmax(probs: ArrayLike<number>, row: number): number {
  let best = 0;
  for (let k = 1; k < CLASSES; k++) if (probs[row * CLASSES + k] > probs[row * CLASSES + best]) best = k;
  return best;
}
