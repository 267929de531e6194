/**
 * A training run of the 2-D diffusion model: data, network, optimizer, and what the widgets draw.
 * Used by the 'ddm' demo (src/core/diffusion/ddmDemo.ts); tests drive it directly.
 */
import { makeDataset, normalizeDrawn, type DatasetName } from '../data/toy2d';
import type { Metrics, Plain, TrainingSession, SnapshotHint } from '../demo';
import { cholesky } from '../math/linalg';
import { covariance, mean } from '../math/stats';
import { energyDistance } from '../metrics/energyDistance';
import type { ParamValues } from '../params';
import { createRng, type Rng } from '../random';
import { Adam } from '../math/adam';
import type { DdmParams } from './ddmParams';
import { elboTerms } from './elbo';
import { checkpointDenoiser, poisonDenoiser, restoreDenoiser } from './denoiserCheckpoint';
import { MlpDenoiser } from './mlpDenoiser';
import { ancestralSample } from './sampler';
import { logSnrCurve, makeSchedule, type NoiseSchedule } from './schedule';
import { SnapshotThrottle } from './snapshotThrottle';

export const TRAIN_POINTS = 5000;
export const EVAL_POINTS = 2000;
/** Points whose reverse chain the snapshot keeps in full (for scrubbing over t). */
const SNAPSHOT_SAMPLES = 400;
const TRACKED = 6;
const FIELD_GRID = 17;
const FIELD_EXTENT = 3;
/** The ε field is drawn at FIELD_FRAMES timesteps spread over 1..T. */
const FIELD_FRAMES = 11;
/** Network shape for the toy data: three hidden ReLU layers, a 32-dim time embedding. */
const DEPTH = 3;
const EMBED_DIM = 32;

export interface DdmEvaluation {
  /** Energy distance of EVAL_POINTS model samples to the held-out points. */
  energyDistance: number;
  /** The same for a second held-out sample: what a perfect model would score (sampling noise). */
  floor: number;
  /** The same for a Gaussian with the training data's mean and covariance. */
  gaussianBaseline: number;
}

export class DdmSession implements TrainingSession<Plain, ParamValues<DdmParams>> {
  readonly schedule: NoiseSchedule;
  readonly net: MlpDenoiser;
  readonly optimizer: Adam;
  readonly train: Float64Array;
  readonly heldOut: Float64Array;
  readonly heldOut2: Float64Array;
  private stepCount = 0;
  /** Steps the shipped weights were trained for (0 from scratch). */
  private pretrainedSteps = 0;
  private readonly trainRng: Rng;
  private readonly viewRng: Rng;
  private readonly evalSeed: number;
  private readonly throttle = new SnapshotThrottle<Plain>();

  constructor(
    public params: ParamValues<DdmParams>,
    seed: number,
    input?: Plain,
  ) {
    const rng = createRng(seed);
    const dataRng = rng.fork();
    const data = loadPoints(params.dataset, input, dataRng);
    this.train = data.train;
    this.heldOut = data.heldOut;
    this.heldOut2 = data.heldOut2;
    this.schedule = makeSchedule(params.schedule, params.T);
    this.net = new MlpDenoiser({ dim: 2, width: params.width, depth: DEPTH, embedDim: EMBED_DIM }, this.schedule, rng.fork());
    this.optimizer = new Adam(this.net.weights, params.lr);
    this.trainRng = rng.fork();
    this.viewRng = rng.fork();
    this.evalSeed = rng.fork().seed;
  }

  /** Starts from shipped weights (denoiserShapes order); later steps fine-tune them at PRETRAINED_LR_SCALE × the set rate. */
  loadPretrained(weights: ArrayLike<number>[], steps: number): void {
    this.net.setWeights(weights);
    this.pretrainedSteps = steps;
  }

  get stepsDone(): number {
    return this.stepCount;
  }

  async trainStep(): Promise<Metrics> {
    const B = this.params.batch;
    const n = this.train.length / 2;
    const batch = new Float64Array(2 * B);
    for (let i = 0; i < B; i++) {
      const j = this.trainRng.int(n);
      batch[2 * i] = this.train[2 * j];
      batch[2 * i + 1] = this.train[2 * j + 1];
    }
    this.optimizer.lr = this.params.lr * (this.pretrainedSteps > 0 ? PRETRAINED_LR_SCALE : lrDecay(this.stepCount, this.params.steps));
    const loss = await this.net.trainStep(this.optimizer, batch, this.trainRng);
    this.stepCount += 1;
    return { loss, step: this.stepCount };
  }

  step(): Promise<Metrics> {
    return this.trainStep();
  }

  isDone(): boolean {
    return this.stepCount >= this.params.steps;
  }

  setParams(values: Partial<ParamValues<DdmParams>>): void {
    this.params = { ...this.params, ...values };
  }

  /**
   * What the widgets draw: samples with their whole reverse chain, a few tracked paths, the
   * per-timestep simplified loss and ELBO terms on held-out points, the ε field at FIELD_FRAMES
   * timesteps, and energy distances of these samples (and of the two references) to held-out points.
   */
  snapshot(hint?: SnapshotHint): Promise<Plain> {
    return this.throttle.get(this.stepCount, () => this.computeSnapshot(), this.isDone() || hint?.resting === true);
  }

  private async computeSnapshot(): Promise<Plain> {
    const s = this.schedule;
    const rng = this.viewRng;
    const chain = await ancestralSample(this.net.predict, s, SNAPSHOT_SAMPLES, 2, rng, {
      variance: this.params.variance,
      trackRows: Array.from({ length: TRACKED }, (_, k) => k),
      keepAll: true,
    });
    const states = new Float32Array((s.T + 1) * SNAPSHOT_SAMPLES * 2);
    chain.states!.forEach((x, t) => states.set(x, t * SNAPSHOT_SAMPLES * 2));
    const evalN = Math.min(500, this.heldOut.length / 2);
    const terms = await elboTerms(this.net.predict, s, this.heldOut.subarray(0, 2 * evalN), evalN, 2, rng, this.params.variance);
    const grid = fieldGrid();
    const G = grid.length / 2;
    const fieldTs = new Int32Array(FIELD_FRAMES);
    const fields = new Float32Array(FIELD_FRAMES * G * 2);
    for (let k = 0; k < FIELD_FRAMES; k++) {
      const t = Math.max(1, Math.round((s.T * k) / (FIELD_FRAMES - 1)));
      fieldTs[k] = t;
      fields.set(await this.net.predict(grid, t, G), k * G * 2);
    }
    const ref = this.heldOut.subarray(0, 2 * Math.min(1000, this.heldOut.length / 2));
    const other = this.heldOut2.subarray(0, 2 * SNAPSHOT_SAMPLES);
    return {
      step: this.stepCount,
      pretrainedSteps: this.pretrainedSteps,
      T: s.T,
      train: Float32Array.from(this.train.subarray(0, 2 * Math.min(1000, this.train.length / 2))),
      heldOut: Float32Array.from(this.heldOut.subarray(0, 2 * Math.min(1000, this.heldOut.length / 2))),
      samples: Float32Array.from(chain.samples),
      states,
      paths: chain.paths.map((p) => Float32Array.from(p)),
      simpleLoss: Float32Array.from(terms.simpleLoss),
      elboTerms: Float32Array.from(terms.terms),
      priorTerm: terms.priorTerm,
      negativeElbo: terms.negativeElbo,
      logSnr: Float32Array.from(logSnrCurve(s)),
      fieldTs,
      fieldGrid: Float32Array.from(grid),
      fields,
      energy: {
        model: energyDistance(chain.samples, ref),
        floor: this.heldOut2 === this.heldOut ? 0 : energyDistance(other, ref),
        gaussian: energyDistance(gaussianLike(this.train, SNAPSHOT_SAMPLES, rng), ref),
        samples: SNAPSHOT_SAMPLES,
      },
    };
  }

  /** Energy distances of model samples, a second held-out set, and a fitted Gaussian to the held-out points. */
  async evaluate(): Promise<DdmEvaluation> {
    const rng = createRng(this.evalSeed);
    const n = Math.min(EVAL_POINTS, this.heldOut.length / 2);
    const { samples } = await ancestralSample(this.net.predict, this.schedule, n, 2, rng, { variance: this.params.variance });
    return {
      energyDistance: energyDistance(samples, this.heldOut),
      floor: energyDistance(this.heldOut2, this.heldOut),
      gaussianBaseline: energyDistance(gaussianLike(this.train, n, rng), this.heldOut),
    };
  }

  async checkpoint(): Promise<Plain> {
    return checkpointDenoiser(this.net, this.optimizer, this.stepCount);
  }

  restore(cp: Plain): void {
    this.stepCount = restoreDenoiser(this.net, this.optimizer, cp);
  }

  corrupt(): void {
    poisonDenoiser(this.net);
  }

  dispose(): void {
    this.net.dispose();
    this.optimizer.dispose();
  }
}

/**
 * Learning-rate multiplier: 1 for the first 80% of the step budget, then linear down to 0.1 at the
 * budget (and 0.1 after it). A constant rate leaves the last iterate noisy, and the samples of a
 * diffusion model are sensitive to that noise; the decay made the end-of-budget energy distance far
 * less dependent on the seed.
 */
export function lrDecay(step: number, budget: number): number {
  const start = 0.8 * budget;
  if (step <= start) return 1;
  return Math.max(0.1, 1 - (0.9 * (step - start)) / (budget - start));
}

/** Shipped weights fine-tune at the rate a from-scratch run ends with (lrDecay's floor). */
export const PRETRAINED_LR_SCALE = 0.1;

/** The grid of points [FIELD_GRID² * 2] over [−3, 3]² where the ε field is drawn. */
function fieldGrid(): Float64Array {
  const g = new Float64Array(FIELD_GRID * FIELD_GRID * 2);
  for (let i = 0; i < FIELD_GRID; i++) {
    for (let j = 0; j < FIELD_GRID; j++) {
      const k = i * FIELD_GRID + j;
      g[2 * k] = -FIELD_EXTENT + (2 * FIELD_EXTENT * j) / (FIELD_GRID - 1);
      g[2 * k + 1] = -FIELD_EXTENT + (2 * FIELD_EXTENT * i) / (FIELD_GRID - 1);
    }
  }
  return g;
}

/** n draws from N(mean, cov) of the points x [m*2]: the Gaussian baseline. */
export function gaussianLike(x: Float64Array, n: number, rng: Rng): Float64Array {
  const m = mean(x, x.length / 2, 2);
  const L = cholesky(covariance(x, x.length / 2, 2), 2);
  if (!L) throw new Error('The data covariance is singular; a Gaussian baseline needs spread in both directions.');
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    out[2 * i] = m[0] + L[0] * a;
    out[2 * i + 1] = m[1] + L[2] * a + L[3] * b;
  }
  return out;
}

/**
 * Training and held-out points. A drawn set (input, any units) is rescaled into the toy data's
 * box and serves as training and held-out set alike (there is nothing else to hold out).
 */
function loadPoints(
  dataset: ParamValues<DdmParams>['dataset'],
  input: Plain | undefined,
  rng: Rng,
): { train: Float64Array; heldOut: Float64Array; heldOut2: Float64Array } {
  if (dataset === 'drawn' || input instanceof Float64Array || input instanceof Float32Array) {
    if (!(input instanceof Float64Array || input instanceof Float32Array)) {
      throw new Error('Draw some points first: the "drawn" data set needs at least 5 points.');
    }
    const r = normalizeDrawn(input);
    if (!r.ok) throw new Error(r.reason);
    return { train: r.points, heldOut: r.points, heldOut2: r.points };
  }
  const name = dataset as DatasetName;
  return {
    train: makeDataset(name, TRAIN_POINTS, rng),
    heldOut: makeDataset(name, EVAL_POINTS, rng),
    heldOut2: makeDataset(name, EVAL_POINTS, rng),
  };
}

/** The snapshot the 2-D widgets read (see DdmSession.snapshot). */
export interface DdmSnapshot {
  step: number;
  /** steps the shipped weights were trained for; 0 from scratch */
  pretrainedSteps: number;
  T: number;
  /** [n*2] each */
  train: Float32Array;
  heldOut: Float32Array;
  samples: Float32Array;
  /** states[t] of every sample, [(T+1) * n * 2], t = 0..T */
  states: Float32Array;
  /** paths[k] = one tracked sample at t = T..0, [(T+1)*2] */
  paths: Float32Array[];
  /** [T], index t−1 */
  simpleLoss: Float32Array;
  elboTerms: Float32Array;
  priorTerm: number;
  negativeElbo: number;
  logSnr: Float32Array;
  fieldTs: Int32Array;
  /** grid points [G*2] and ε_θ on them at each fieldTs[k], [K*G*2] */
  fieldGrid: Float32Array;
  fields: Float32Array;
  energy: { model: number; floor: number; gaussian: number; samples: number };
}
