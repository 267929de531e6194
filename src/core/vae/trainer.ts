/**
 * Minibatch training of a VAE: shuffled epochs over a fixed training set, one reparameterized
 * ELBO gradient and one Adam update per step, a linearly annealed KL weight and free bits.
 * The weights are eight tf.Variables updated in place by the shared flat-buffer Adam
 * (src/core/math/adam.ts, ε on √v̂ as in the paper); a checkpoint is θ as one Float32Array, Adam's
 * moments and the step counter, and every random draw is re-derivable from (seed, step).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, permutation } from '../random';
import { Adam, type AdamState } from '../math/adam';
import { tfVariable } from '../math/tfVariable';
import { normalArray } from './evaluate';
import { elboGradient } from './gradient';
import { initialParameters, meanKlFromEncoded, parameterLayout, parameterCount, PARAM_NAMES, weightsToFlat, type ParamName, type VaeShape } from './model';

export interface TrainSchedule {
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** final KL weight β */
  klWeight: number;
  /** β rises linearly from 0 to klWeight over this many epochs (0: no annealing) */
  annealEpochs: number;
  /** free-bits floor λ (nats per latent dimension) */
  freeBits: number;
}

export interface StepResult {
  /** single-sample ELBO of the batch (β = 1, no floor): recon − KL */
  elbo: number;
  recon: number;
  kl: number;
  /** the KL weight used in this step */
  beta: number;
  /** epochs completed, fractional */
  epoch: number;
}

export interface TrainerCheckpoint {
  theta: Float32Array;
  adam: AdamState;
  step: number;
}

/** KL weight at a (fractional) epoch under linear annealing. */
export function annealedKlWeight(schedule: Pick<TrainSchedule, 'klWeight' | 'annealEpochs'>, epoch: number): number {
  if (schedule.annealEpochs <= 0) return schedule.klWeight;
  return schedule.klWeight * Math.min(1, epoch / schedule.annealEpochs);
}

export class VaeTrainer {
  readonly shape: VaeShape;
  schedule: TrainSchedule;
  readonly seed: number;
  /** [N, D] training intensities */
  private readonly train: Float32Array;
  readonly trainCount: number;
  /** the model's weights (encoder φ and decoder θ): the trainer's own variables, do not dispose */
  readonly weights: Record<ParamName, tf.Variable>;
  private readonly vars: tf.Variable[];
  private readonly adam: Adam;
  step = 0;
  private order: Uint32Array | null = null;
  private orderEpoch = -1;

  constructor(shape: VaeShape, schedule: TrainSchedule, train: Float32Array, seed: number, theta?: Float32Array) {
    this.shape = shape;
    this.schedule = schedule;
    this.seed = seed;
    this.train = train;
    this.trainCount = train.length / shape.inputDim;
    if (this.trainCount < schedule.batchSize) throw new Error('VaeTrainer: fewer training digits than one batch');
    const init = theta ?? initialParameters(shape, createRng(seed), meanImage(train, shape.inputDim));
    this.vars = parameterLayout(shape).map((slot) => tfVariable(() => tf.tensor(init.subarray(slot.offset, slot.offset + slot.size), slot.shape)));
    this.weights = Object.fromEntries(PARAM_NAMES.map((n, i) => [n, this.vars[i]])) as Record<ParamName, tf.Variable>;
    this.adam = new Adam(this.vars, schedule.learningRate, { epsilonPlacement: 'biasCorrected' });
  }

  get stepsPerEpoch(): number {
    return Math.floor(this.trainCount / this.schedule.batchSize);
  }

  get totalSteps(): number {
    return this.stepsPerEpoch * this.schedule.epochs;
  }

  get epoch(): number {
    return this.step / this.stepsPerEpoch;
  }

  isDone(): boolean {
    return this.step >= this.totalSteps;
  }

  /** Builds batch `k` of the current epoch as x [B,D] and [xᵀ; 1] [D+1,B] on the host. */
  private batch(): { x: Float32Array; xT1: Float32Array } {
    const B = this.schedule.batchSize;
    const D = this.shape.inputDim;
    const epoch = Math.floor(this.step / this.stepsPerEpoch);
    if (this.orderEpoch !== epoch || !this.order) {
      this.order = permutation(createRng(this.seed * 7919 + epoch + 1), this.trainCount);
      this.orderEpoch = epoch;
    }
    const k = this.step % this.stepsPerEpoch;
    const x = new Float32Array(B * D);
    const xT1 = new Float32Array((D + 1) * B).fill(1, D * B); // [xᵀ; 1] (elboGradient)
    for (let b = 0; b < B; b++) {
      const row = this.order[k * B + b] * D;
      x.set(this.train.subarray(row, row + D), b * D);
    }
    // Transposed with sequential writes (the batch, 400 KB, stays in cache for the strided reads).
    for (let d = 0; d < D; d++) {
      const out = d * B;
      for (let b = 0; b < B; b++) xT1[out + b] = x[b * D + d];
    }
    return { x, xT1 };
  }

  async trainStep(): Promise<StepResult> {
    const B = this.schedule.batchSize;
    const D = this.shape.inputDim;
    const L = this.shape.latent;
    const beta = annealedKlWeight(this.schedule, this.epoch);
    const { x, xT1 } = this.batch();
    const eps = normalArray(createRng(this.seed * 104729 + this.step + 1), B * L);
    this.adam.lr = this.schedule.learningRate;
    // The KL is reported from the encoder output read back (elboGradient's klOnHost) unless free
    // bits need it on the device anyway.
    const [recon, klOrEncoded] = tf.tidy(() => {
      const g = elboGradient(
        this.weights,
        tf.tensor2d(x, [B, D]),
        tf.tensor2d(xT1, [D + 1, B]),
        tf.tensor2d(eps, [B, L]),
        this.shape,
        { klWeight: beta, freeBits: this.schedule.freeBits, klOnHost: true },
      );
      this.adam.apply(g.grads);
      return [g.recon, g.kl ?? g.encoded];
    });
    this.step += 1;
    const [r, k] = await Promise.all([recon.data(), klOrEncoded.data()]);
    tf.dispose([recon, klOrEncoded]);
    const kl = klOrEncoded.size === 1 ? k[0] : meanKlFromEncoded(k, L);
    return { elbo: r[0] - kl, recon: r[0], kl, beta, epoch: this.epoch };
  }

  async checkpoint(): Promise<TrainerCheckpoint> {
    const [theta, adam] = await Promise.all([weightsToFlat(this.weights, this.shape), this.adam.state()]);
    return { theta, adam, step: this.step };
  }

  restore(c: TrainerCheckpoint): void {
    this.assignTheta(c.theta);
    this.adam.setState(c.adam);
    this.step = c.step;
  }

  /** Replaces θ (e.g. loaded weights), resetting Adam's moments. */
  setParameters(theta: Float32Array, step = this.step): void {
    this.assignTheta(theta);
    this.adam.reset();
    this.step = step;
  }

  /** Test hook: poisons θ with NaN. */
  corrupt(): void {
    tf.tidy(() => this.weights.W4.assign(tf.fill(this.weights.W4.shape, NaN)));
  }

  private assignTheta(theta: Float32Array): void {
    const layout = parameterLayout(this.shape);
    if (theta.length !== parameterCount(this.shape)) throw new Error('VaeTrainer: parameter vector has the wrong length');
    tf.tidy(() => layout.forEach((slot, i) => this.vars[i].assign(tf.tensor(theta.subarray(slot.offset, slot.offset + slot.size), slot.shape))));
  }

  dispose(): void {
    tf.dispose(this.vars);
    this.adam.dispose();
  }
}

/** Average image, [D]. */
export function meanImage(images: Float32Array, D: number): Float32Array {
  const n = images.length / D;
  const out = new Float32Array(D);
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) out[d] += images[i * D + d];
  for (let d = 0; d < D; d++) out[d] /= n;
  return out;
}
