/**
 * 'ddm-digits': a small diffusion model of 14×14 digits (chapter 8). With `pretrained` the
 * shipped weights (made by `npm run lab -- make-weights ddm-digits`) load at once, so sampling works before any
 * training; without it the network starts from random weights and trains live.
 */
import { defineDemo, type Plain, type TrainingSession, type SnapshotHint } from '../demo';
import type { ParamTable, ParamValues } from '../params';
import { createRng, type Rng } from '../random';
import { Adam } from '../math/adam';
import { DIGIT_DIM, DIGIT_WEIGHTS_PATH, fitGaussianSkip, loadTrainingDigits, toIntensities } from './digits';
import { REVERSE_VARIANCES } from './epsilon';
import { MlpDenoiser } from './mlpDenoiser';
import { ancestralSample } from './sampler';
import { makeSchedule, SCHEDULE_KINDS, type ScheduleKind } from './schedule';
import { SnapshotThrottle } from './snapshotThrottle';
import { decodeWeights } from './weightsFile';

export const ddmDigitsParams = {
  pretrained: { kind: 'boolean', label: 'Start from the shipped weights', default: true },
  T: { kind: 'int', label: 'Diffusion steps T (from scratch)', min: 10, max: 1000, default: 100 },
  schedule: { kind: 'select', label: 'Noise schedule (from scratch)', options: SCHEDULE_KINDS, default: 'cosine' },
  variance: {
    kind: 'select',
    label: 'Reverse variance σ_t²',
    options: REVERSE_VARIANCES,
    optionLabels: { beta: 'β_t', betaTilde: 'β̃_t' },
    default: 'beta',
  },
  width: { kind: 'int', label: 'Hidden units (from scratch)', min: 64, max: 512, step: 64, default: 256 },
  lr: { kind: 'number', label: 'Learning rate', min: 1e-5, max: 1e-2, scale: 'log', default: 1e-3 },
  batch: { kind: 'int', label: 'Batch size', min: 8, max: 256, step: 8, default: 64 },
  steps: { kind: 'int', label: 'Step budget', min: 10, max: 50000, step: 10, default: 20000 },
} as const satisfies ParamTable;
export type DdmDigitsParams = typeof ddmDigitsParams;

export const DIGITS_DEPTH = 3;
export const DIGITS_EMBED = 32;
/** Digits sampled per snapshot, and the timesteps at which their chains are shown. */
const SHOWN = 16;
const CHAIN_FRAMES = 6;

export class DdmDigitsSession implements TrainingSession<Plain, ParamValues<DdmDigitsParams>> {
  readonly optimizer: Adam;
  private stepCount = 0;
  private readonly trainRng: Rng;
  private readonly viewRng: Rng;
  private readonly throttle = new SnapshotThrottle<Plain>();

  constructor(
    public params: ParamValues<DdmDigitsParams>,
    readonly net: MlpDenoiser,
    readonly digits: { x: Float32Array; n: number },
    seed: number,
    /** Steps the loaded weights were trained for (0 from scratch). */
    readonly pretrainedSteps: number,
  ) {
    const rng = createRng(seed);
    this.trainRng = rng.fork();
    this.viewRng = rng.fork();
    this.optimizer = new Adam(net.weights, params.lr);
  }

  async step() {
    const B = this.params.batch;
    const batch = new Float32Array(B * DIGIT_DIM);
    for (let i = 0; i < B; i++) {
      const j = this.trainRng.int(this.digits.n);
      batch.set(this.digits.x.subarray(j * DIGIT_DIM, (j + 1) * DIGIT_DIM), i * DIGIT_DIM);
    }
    const loss = await this.net.trainStep(this.optimizer, batch, this.trainRng);
    this.stepCount += 1;
    return { loss, step: this.stepCount };
  }

  isDone(): boolean {
    return this.stepCount >= this.params.steps;
  }

  setParams(values: Partial<ParamValues<DdmDigitsParams>>): void {
    this.params = { ...this.params, ...values };
    this.optimizer.lr = this.params.lr;
  }

  /** SHOWN fresh samples, and their chains at CHAIN_FRAMES timesteps from T down to 0 (intensities in [0, 1]). */
  snapshot(hint?: SnapshotHint): Promise<Plain> {
    return this.throttle.get(this.stepCount, () => this.computeSnapshot(), this.isDone() || hint?.resting === true);
  }

  private async computeSnapshot(): Promise<Plain> {
    const s = this.net.schedule;
    const res = await ancestralSample(this.net.predict, s, SHOWN, DIGIT_DIM, this.viewRng, {
      variance: this.params.variance,
      keepAll: true,
      clipX0: [-1, 1],
    });
    const frames = Array.from({ length: CHAIN_FRAMES }, (_, k) => Math.round((s.T * (CHAIN_FRAMES - 1 - k)) / (CHAIN_FRAMES - 1)));
    const chain = new Float32Array(CHAIN_FRAMES * SHOWN * DIGIT_DIM);
    frames.forEach((t, k) => chain.set(toIntensities(res.states![t]), k * SHOWN * DIGIT_DIM));
    return {
      step: this.stepCount,
      pretrainedSteps: this.pretrainedSteps,
      T: s.T,
      samples: toIntensities(res.samples),
      chain,
      chainT: Int32Array.from(frames),
    };
  }

  async checkpoint(): Promise<Plain> {
    const st = await this.optimizer.state();
    return { step: this.stepCount, weights: await this.net.getWeights(), m: st.m, v: st.v, adamStep: st.step };
  }

  restore(cp: Plain): void {
    const c = cp as { step: number; weights: Float32Array[]; m: Float32Array[]; v: Float32Array[]; adamStep: number };
    this.net.setWeights(c.weights);
    this.optimizer.setState({ step: c.adamStep, m: c.m, v: c.v });
    this.stepCount = c.step;
  }

  corrupt(): void {
    this.net.setWeights(this.net.weights.map((w) => new Float32Array(w.size).fill(NaN)));
  }

  dispose(): void {
    this.net.dispose();
    this.optimizer.dispose();
  }
}

/** Builds the session: shipped weights (their own T, schedule, width) or a fresh network. */
export async function createDigitsSession(
  params: ParamValues<DdmDigitsParams>,
  seed: number,
  loadAsset: (p: string) => Promise<ArrayBuffer>,
): Promise<DdmDigitsSession> {
  const digits = await loadTrainingDigits(loadAsset);
  // The network learns a correction to the exact predictor of a Gaussian fitted to the digits.
  const gaussianSkip = fitGaussianSkip(digits.x, digits.n);
  const rng = createRng(seed ^ 0x5eed);
  if (params.pretrained) {
    const { header, tensors } = decodeWeights(await loadAsset(DIGIT_WEIGHTS_PATH));
    const m = header.meta;
    const schedule = makeSchedule(m.schedule as ScheduleKind, Number(m.T));
    const net = new MlpDenoiser(
      { dim: DIGIT_DIM, width: Number(m.width), depth: Number(m.depth), embedDim: Number(m.embedDim), gaussianSkip, leaky: m.leaky === true },
      schedule,
      rng,
    );
    net.setWeights(tensors);
    return new DdmDigitsSession(params, net, digits, seed, Number(m.steps));
  }
  const schedule = makeSchedule(params.schedule, params.T);
  const net = new MlpDenoiser(
    { dim: DIGIT_DIM, width: params.width, depth: DIGITS_DEPTH, embedDim: DIGITS_EMBED, gaussianSkip, leaky: true },
    schedule,
    rng,
  );
  return new DdmDigitsSession(params, net, digits, seed, 0);
}

export default defineDemo<DdmDigitsParams, Plain>({
  id: 'ddm-digits',
  title: 'Denoising diffusion model of 14×14 digits',
  params: ddmDigitsParams,
  usesTf: true,
  threads: true,
  defaultSteps: 200,
  async create(ctx) {
    if (!ctx.loadAsset) throw new Error('The digit model needs the MNIST asset; no asset loader was given.');
    return createDigitsSession(ctx.params, ctx.seed, ctx.loadAsset);
  },
});
