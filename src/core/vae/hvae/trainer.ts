/**
 * Minibatch training of the two-layer VAE: shuffled epochs, one reparameterized gradient of the
 * objective (tfjs autodiff) and one Adam update per step, warm-up (β rising linearly from 0 to 1)
 * and free bits. Every random draw is re-derivable from (seed, step), so a checkpoint is the
 * weights, Adam's moments and the step counter.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Adam, type AdamState } from '../../math/adam';
import { tfVariable } from '../../math/tfVariable';
import { createRng, permutation } from '../../random';
import { ensureGradients } from '../../vi/families/ensureGradients';
import { normalArray } from '../evaluate';
import { meanImage } from '../trainer';
import { HVAE_PARAM_NAMES, checkArrays, hvaeObjective, initialHvaeArrays, hvaeParamShapes, type HvaeArrays, type HvaeShape, type HvaeWeights } from './model';

export interface HvaeSchedule {
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** warm-up: β rises linearly from 0 to 1 over this many epochs (0: β = 1 throughout) */
  warmupEpochs: number;
  /** free-bits floor λ (nats per latent dimension) */
  freeBits: number;
}

export interface HvaeStepResult {
  /** single-sample ELBO of the batch (β = 1, no floor): recon − KL₁ − KL₂ */
  elbo: number;
  recon: number;
  kl1: number;
  kl2: number;
  beta: number;
  epoch: number;
}

export interface HvaeCheckpoint {
  weights: Float32Array[];
  adam: AdamState;
  step: number;
}

export function warmupWeight(warmupEpochs: number, epoch: number): number {
  return warmupEpochs <= 0 ? 1 : Math.min(1, epoch / warmupEpochs);
}

export class HvaeTrainer {
  readonly shape: HvaeShape;
  schedule: HvaeSchedule;
  readonly seed: number;
  private readonly train: Float32Array;
  readonly trainCount: number;
  private readonly vars: tf.Variable[];
  private readonly adam: Adam;
  step = 0;
  private order: Uint32Array | null = null;
  private orderEpoch = -1;

  constructor(shape: HvaeShape, schedule: HvaeSchedule, train: Float32Array, seed: number, init?: HvaeArrays) {
    this.shape = shape;
    this.schedule = schedule;
    this.seed = seed;
    this.train = train;
    this.trainCount = train.length / shape.inputDim;
    if (this.trainCount < schedule.batchSize) throw new Error('HvaeTrainer: fewer training digits than one batch');
    const arrays = init ?? initialHvaeArrays(shape, createRng(seed), meanImage(train, shape.inputDim));
    checkArrays(shape, arrays);
    const shapes = hvaeParamShapes(shape);
    this.vars = HVAE_PARAM_NAMES.map((n) => tfVariable(() => tf.tensor(arrays[n], shapes[n])));
    // ε on √v̂ (the paper's form), as the one-layer VAE's trainer
    this.adam = new Adam(this.vars, schedule.learningRate, { epsilonPlacement: 'biasCorrected' });
  }

  /** The current weights by name (the trainer's own variables: do not dispose). */
  get weights(): HvaeWeights {
    const w = {} as HvaeWeights;
    HVAE_PARAM_NAMES.forEach((n, i) => (w[n] = this.vars[i]));
    return w;
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

  private batch(): Float32Array {
    const B = this.schedule.batchSize;
    const D = this.shape.inputDim;
    const epoch = Math.floor(this.step / this.stepsPerEpoch);
    if (this.orderEpoch !== epoch || !this.order) {
      this.order = permutation(createRng(this.seed * 7919 + epoch + 1), this.trainCount);
      this.orderEpoch = epoch;
    }
    const k = this.step % this.stepsPerEpoch;
    const x = new Float32Array(B * D);
    for (let b = 0; b < B; b++) {
      const row = this.order[k * B + b] * D;
      x.set(this.train.subarray(row, row + D), b * D);
    }
    return x;
  }

  async trainStep(): Promise<HvaeStepResult> {
    await ensureGradients();
    const B = this.schedule.batchSize;
    const { inputDim: D, latent1: L1, latent2: L2 } = this.shape;
    const beta = warmupWeight(this.schedule.warmupEpochs, this.epoch);
    const x = this.batch();
    const eps = normalArray(createRng(this.seed * 104729 + this.step + 1), B * (L1 + L2));
    this.adam.lr = this.schedule.learningRate;
    const stats = tf.tidy(() => {
      const xt = tf.tensor2d(x, [B, D]);
      const e1 = tf.tensor2d(eps.subarray(0, B * L1), [B, L1]);
      const e2 = tf.tensor2d(eps.subarray(B * L1), [B, L2]);
      let kept: tf.Tensor | null = null;
      const grads = tf.grads((...ps: tf.Tensor[]) => {
        const w = {} as HvaeWeights;
        HVAE_PARAM_NAMES.forEach((n, i) => (w[n] = ps[i]));
        const o = hvaeObjective(w, xt, e1, e2, this.shape, { klWeight: beta, freeBits: this.schedule.freeBits });
        kept = tf.keep(tf.stack([o.recon, tf.sum(o.kl1), tf.sum(o.kl2)]));
        return o.loss;
      })(this.vars);
      this.adam.apply(grads);
      return kept! as tf.Tensor;
    });
    this.step += 1;
    const s = await stats.data();
    stats.dispose();
    return { elbo: s[0] - s[1] - s[2], recon: s[0], kl1: s[1], kl2: s[2], beta, epoch: this.epoch };
  }

  async arrays(): Promise<HvaeArrays> {
    const data = await Promise.all(this.vars.map((v) => v.data() as Promise<Float32Array>));
    const out = {} as HvaeArrays;
    HVAE_PARAM_NAMES.forEach((n, i) => (out[n] = data[i]));
    return out;
  }

  async checkpoint(): Promise<HvaeCheckpoint> {
    const a = await this.arrays();
    return { weights: HVAE_PARAM_NAMES.map((n) => a[n]), adam: await this.adam.state(), step: this.step };
  }

  restore(c: HvaeCheckpoint): void {
    tf.tidy(() => this.vars.forEach((v, i) => v.assign(tf.tensor(c.weights[i], v.shape))));
    this.adam.setState(c.adam);
    this.step = c.step;
  }

  /** Replaces the weights (e.g. shipped ones), resetting Adam's moments. */
  setWeights(arrays: HvaeArrays, step = this.step): void {
    checkArrays(this.shape, arrays);
    tf.tidy(() => this.vars.forEach((v, i) => v.assign(tf.tensor(arrays[HVAE_PARAM_NAMES[i]], v.shape))));
    this.adam.reset();
    this.step = step;
  }

  /** Test hook: poisons the decoder's output weights with NaN. */
  corrupt(): void {
    const v = this.vars[HVAE_PARAM_NAMES.indexOf('D2')];
    tf.tidy(() => v.assign(tf.fill(v.shape, NaN)));
  }

  dispose(): void {
    tf.dispose(this.vars);
    this.adam.dispose();
  }
}
