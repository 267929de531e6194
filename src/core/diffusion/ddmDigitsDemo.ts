/**
 * 'ddm-digits': chapter 8's pixel-space diffusion models of digits (./digitModels.ts builds them):
 * a convolutional U-Net on 28×28 pixels, a residual MLP on 28×28 pixels (the resolution of chapter
 * 7's VAE) and an earlier 14×14 MLP, which trains live in seconds. With `pretrained` the shipped
 * weights load at once, so sampling works before any training; without it the network starts from
 * random weights and trains live. Samples come from the ancestral chain or from DDIM.
 */
import { defineDemo, type Plain, type TrainingSession, type SnapshotHint } from '../demo';
import type { ParamTable, ParamValues } from '../params';
import { createRng, type Rng } from '../random';
import { Adam } from '../math/adam';
import { toIntensities } from './digits';
import { ddimSample } from './ddim';
import { REVERSE_VARIANCES } from './epsilon';
import type { Denoiser, DenoiserBaseConfig } from './denoiser';
import { checkpointDenoiser, poisonDenoiser, restoreDenoiser } from './denoiserCheckpoint';
import { buildDigitModel, DIGIT_MODELS } from './digitModels';
import { PIXEL_SIDE } from './pixelDigits';
import { ancestralSample } from './sampler';
import { SCHEDULE_KINDS } from './schedule';
import { SnapshotThrottle } from './snapshotThrottle';

export { DIGIT_MODELS, DIGITS_DEPTH, DIGITS_EMBED, PIXEL_BLOCKS, PIXEL_EMBED } from './digitModels';
export const DIGIT_SAMPLERS = ['ancestral', 'ddim'] as const;

export const ddmDigitsParams = {
  model: {
    kind: 'select',
    label: 'Model',
    options: DIGIT_MODELS,
    optionLabels: { unet: '28×28 U-Net', '28': '28×28 residual MLP', '14': '14×14 MLP' },
    default: 'unet',
  },
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
  sampler: {
    kind: 'select',
    label: 'Sampler',
    options: DIGIT_SAMPLERS,
    optionLabels: { ancestral: 'ancestral', ddim: 'DDIM' },
    default: 'ddim',
  },
  eta: { kind: 'number', label: 'DDIM η', min: 0, max: 1, step: 0.05, default: 0 },
  // The default opens the U-Net in seconds: one call on 16 images took 320 ms on wasm with the 2
  // shared cores at load 7-9 (Node and Chromium's threaded build alike; bench entry 'unet'), so
  // 16 digits take ~8 s by DDIM on 25 steps there, against 65 s by the ancestral chain over T = 200
  ddimSteps: { kind: 'int', label: 'DDIM steps k (at most T)', min: 1, max: 1000, default: 25 },
  width: { kind: 'int', label: 'Hidden units (from scratch)', min: 64, max: 1024, step: 64, default: 256 },
  lr: { kind: 'number', label: 'Learning rate', min: 1e-5, max: 1e-2, scale: 'log', default: 1e-3 },
  batch: { kind: 'int', label: 'Batch size', min: 8, max: 256, step: 8, default: 64 },
  steps: { kind: 'int', label: 'Step budget', min: 10, max: 50000, step: 10, default: 20000 },
} as const satisfies ParamTable;
export type DdmDigitsParams = typeof ddmDigitsParams;

/** Digits sampled per snapshot, and the timesteps at which their chains are shown. */
const SHOWN = 16;
const CHAIN_FRAMES = 6;

export class DdmDigitsSession implements TrainingSession<Plain, ParamValues<DdmDigitsParams>> {
  readonly optimizer: Adam;
  /** side of the square images (28 or 14) */
  readonly side: number;
  private stepCount = 0;
  private readonly trainRng: Rng;
  private readonly viewRng: Rng;
  private readonly throttle = new SnapshotThrottle<Plain>();

  constructor(
    public params: ParamValues<DdmDigitsParams>,
    readonly net: Denoiser<DenoiserBaseConfig>,
    readonly digits: { x: Float32Array; n: number },
    seed: number,
    /** Steps the loaded weights were trained for (0 from scratch). */
    readonly pretrainedSteps: number,
  ) {
    const rng = createRng(seed);
    this.trainRng = rng.fork();
    this.viewRng = rng.fork();
    this.side = Math.round(Math.sqrt(net.config.dim));
    this.optimizer = new Adam(net.weights, params.lr);
  }

  async step() {
    const B = this.params.batch;
    const d = this.net.config.dim;
    const batch = new Float32Array(B * d);
    for (let i = 0; i < B; i++) {
      const j = this.trainRng.int(this.digits.n);
      batch.set(this.digits.x.subarray(j * d, (j + 1) * d), i * d);
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

  /** DDIM's k, clamped to the network's T. */
  ddimSteps(): number {
    return Math.min(this.params.ddimSteps, this.net.schedule.T);
  }

  /** The sampler's visited states, x_T first and x_0 last, with their timesteps. */
  private async chainStates(): Promise<{ ts: number[]; states: Float64Array[] }> {
    const s = this.net.schedule;
    const d = this.net.config.dim;
    if (this.params.sampler === 'ddim') {
      const ts: number[] = [];
      const states: Float64Array[] = [];
      await ddimSample(this.net.predict, s, SHOWN, d, this.viewRng, {
        eta: this.params.eta,
        steps: this.ddimSteps(),
        clipX0: [-1, 1],
        onState: (t, x) => {
          ts.push(t);
          states.push(x);
        },
      });
      return { ts, states };
    }
    const res = await ancestralSample(this.net.predict, s, SHOWN, d, this.viewRng, { variance: this.params.variance, keepAll: true, clipX0: [-1, 1] });
    return { ts: Array.from({ length: s.T + 1 }, (_, i) => s.T - i), states: res.states!.slice().reverse() };
  }

  private async computeSnapshot(): Promise<Plain> {
    const d = this.net.config.dim;
    const { ts, states } = await this.chainStates();
    const last = ts.length - 1;
    const picks = Array.from({ length: CHAIN_FRAMES }, (_, k) => Math.round((last * k) / (CHAIN_FRAMES - 1)));
    const chain = new Float32Array(CHAIN_FRAMES * SHOWN * d);
    picks.forEach((i, k) => chain.set(toIntensities(states[i]), k * SHOWN * d));
    return {
      side: this.side,
      model: this.params.model,
      step: this.stepCount,
      pretrainedSteps: this.pretrainedSteps,
      T: this.net.schedule.T,
      sampler: this.params.sampler,
      eta: this.params.eta,
      /** network calls per sample */
      calls: this.params.sampler === 'ddim' ? this.ddimSteps() : this.net.schedule.T,
      samples: toIntensities(states[last]),
      chain,
      chainT: Int32Array.from(picks, (i) => ts[i]),
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

/** Builds the session: shipped weights (their own T, schedule, architecture) or a fresh network. */
export async function createDigitsSession(
  params: ParamValues<DdmDigitsParams>,
  seed: number,
  loadAsset: (p: string) => Promise<ArrayBuffer>,
): Promise<DdmDigitsSession> {
  const { net, digits, pretrainedSteps } = await buildDigitModel(params, createRng(seed ^ 0x5eed), loadAsset);
  return new DdmDigitsSession(params, net, digits, seed, pretrainedSteps);
}

export { PIXEL_SIDE };

export default defineDemo<DdmDigitsParams, Plain>({
  id: 'ddm-digits',
  title: 'Denoising diffusion models of digits (28×28 U-Net and MLP, 14×14 MLP)',
  params: ddmDigitsParams,
  usesTf: true,
  threads: true,
  defaultSteps: 200,
  async create(ctx) {
    if (!ctx.loadAsset) throw new Error('The digit model needs the MNIST asset; no asset loader was given.');
    return createDigitsSession(ctx.params, ctx.seed, ctx.loadAsset);
  },
});
