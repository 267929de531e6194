/**
 * 'ddm-latent' (chapters 7 and 8): latent diffusion. A diffusion model of the shipped VAE's codes
 * z_i = μ_φ(x_i) of the training digits (20-d), sampled by the reverse chain and decoded by the
 * VAE's decoder. The VAE becomes a deeper hierarchical model, z_T → … → z_0 = z → x, whose prior on
 * z is learned instead of fixed at N(0, I). With `pretrained` the shipped weights (made by
 * `npm run lab -- make-weights ddm-latent`, with LATENT_SHIPPED_RECIPE) load at once; without, a
 * fresh network trains live. Its defaults are set for a short live run, chosen with
 * scripts/latentLiveTraining.ts (time against the digit yardstick, src/core/metrics/yardstick.ts;
 * its output is stored in docs/measurements/latent-live.txt): width 64, batch 512, Adam 4e-3, the
 * cosine schedule and 1,200 steps. The cosine schedule is what buys the speed: at width 128 and
 * 1,000 steps it scores Fréchet 4.73 where the linear one scores 6.05 (shipped model 4.07, 2,000
 * samples), so the network can shrink to width 64, under a third of the products, and still end
 * where the earlier default (width 128, linear, Adam 2e-3, 1,000 steps) ended: over three seeds
 * Fréchet 6.20-6.30 and confident share 0.629-0.636 against its 6.05-6.32 and 0.625-0.637. Run as
 * the widget runs it (the worker host, snapshots on), ready to done took 8.2-8.9 s against
 * 14.8-19.5 s at load 5-6, and 10.5-11.6 s against 18.0-19.2 s at load 7-8, in Node's wasm. The
 * shipped recipe's settings (width 256, batch 128, Adam 1e-3) need about 3,000 steps to get there.
 */
import { defineDemo, type Plain, type SnapshotHint, type TrainingSession } from '../demo';
import type { ParamTable, ParamValues } from '../params';
import { createRng, type Rng } from '../random';
import { loadMnistArrays } from '../vae/data';
import { Adam } from '../math/adam';
import { lrDecay, PRETRAINED_LR_SCALE } from './ddmSession';
import { fitGaussianSkip } from './digits';
import { REVERSE_VARIANCES } from './epsilon';
import { loadTrainingCodes, type LatentVae } from './latentCodes';
import { checkpointDenoiser, poisonDenoiser, restoreDenoiser } from './denoiserCheckpoint';
import { MlpDenoiser } from './mlpDenoiser';
import { ancestralSample } from './sampler';
import { makeSchedule, SCHEDULE_KINDS, type ScheduleKind } from './schedule';
import { SnapshotThrottle } from './snapshotThrottle';
import { decodeWeights } from './weightsFile';

export const LATENT_WEIGHTS_PATH = 'weights/ddm/latent.safetensors';

export const ddmLatentParams = {
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
  width: { kind: 'int', label: 'Hidden units (from scratch)', min: 32, max: 512, step: 32, default: 64 },
  lr: { kind: 'number', label: 'Learning rate', min: 1e-5, max: 1e-2, scale: 'log', default: 4e-3 },
  batch: { kind: 'int', label: 'Batch size', min: 16, max: 512, step: 16, default: 512 },
  steps: { kind: 'int', label: 'Step budget', min: 100, max: 50000, step: 100, default: 1200 },
} as const satisfies ParamTable;

/**
 * The settings the shipped weights were trained with (`npm run lab -- make-weights ddm-latent`,
 * 8,000 steps with a weight average): the make-weights command pins them, so that a remake gives
 * the shipped model whatever the widget's from-scratch defaults are.
 */
export const LATENT_SHIPPED_RECIPE = { T: 100, schedule: 'linear', width: 256, lr: 1e-3, batch: 128, steps: 8000 } as const;
export type DdmLatentParams = typeof ddmLatentParams;

export const LATENT_DEPTH = 3;
export const LATENT_EMBED = 32;
/** Digits per grid in the snapshot (reconstructions, VAE prior samples, latent-diffusion samples). */
export const LATENT_SHOWN = 16;
/**
 * While training runs, a fresh snapshot (a 100-step reverse chain on LATENT_SHOWN codes and two
 * decodes, ~15 ms) once 12× its cost has passed: snapshots take ~8% of a live run instead of the
 * ~17% of SnapshotThrottle's default, and still come ~5 times a second.
 */
const SNAPSHOT_SPEND_RATIO = 12;

export interface DdmLatentSnapshot {
  step: number;
  pretrainedSteps: number;
  T: number;
  /** [LATENT_SHOWN*784] each, intensities in [0, 1] */
  reconstructions: Float32Array;
  prior: Float32Array;
  samples: Float32Array;
}

export class DdmLatentSession implements TrainingSession<Plain, ParamValues<DdmLatentParams>> {
  readonly optimizer: Adam;
  private stepCount = 0;
  private readonly trainRng: Rng;
  private readonly viewRng: Rng;
  private readonly throttle = new SnapshotThrottle<Plain>(undefined, SNAPSHOT_SPEND_RATIO);

  constructor(
    public params: ParamValues<DdmLatentParams>,
    readonly net: MlpDenoiser,
    readonly vae: LatentVae,
    /** the training digits' codes [n*L] and n */
    readonly codes: { z: Float32Array; n: number },
    /** LATENT_SHOWN training digits' reconstructions E[x | μ_φ(x)], [LATENT_SHOWN*784] */
    readonly reconstructions: Float32Array,
    seed: number,
    /** Steps the loaded weights were trained for (0 from scratch). */
    readonly pretrainedSteps: number,
  ) {
    const rng = createRng(seed);
    this.trainRng = rng.fork();
    this.viewRng = rng.fork();
    this.optimizer = new Adam(net.weights, params.lr);
  }

  get latent(): number {
    return this.vae.latent;
  }

  get stepsDone(): number {
    return this.stepCount;
  }

  async step() {
    const B = this.params.batch;
    const L = this.latent;
    const batch = new Float32Array(B * L);
    for (let i = 0; i < B; i++) {
      const j = this.trainRng.int(this.codes.n);
      batch.set(this.codes.z.subarray(j * L, (j + 1) * L), i * L);
    }
    // a fresh network decays its rate over its budget; shipped weights fine-tune at the rate it ends with
    this.optimizer.lr = this.params.lr * (this.pretrainedSteps > 0 ? PRETRAINED_LR_SCALE : lrDecay(this.stepCount, this.params.steps));
    const loss = await this.net.trainStep(this.optimizer, batch, this.trainRng);
    this.stepCount += 1;
    return { loss, step: this.stepCount };
  }

  isDone(): boolean {
    return this.stepCount >= this.params.steps;
  }

  setParams(values: Partial<ParamValues<DdmLatentParams>>): void {
    this.params = { ...this.params, ...values };
  }

  /** n codes by ancestral sampling of the model. @returns [n*L] */
  async sampleCodes(n: number, rng: Rng): Promise<Float64Array> {
    const res = await ancestralSample(this.net.predict, this.net.schedule, n, this.latent, rng, { variance: this.params.variance });
    return res.samples;
  }

  /** n digits: codes from the model, decoded to the decoder's mean images. @returns [n*784] in (0, 1) */
  async sampleDigits(n: number, rng: Rng): Promise<Float32Array> {
    return this.vae.decodeMeans(await this.sampleCodes(n, rng), n);
  }

  snapshot(hint?: SnapshotHint): Promise<Plain> {
    return this.throttle.get(this.stepCount, () => this.computeSnapshot(), this.isDone() || hint?.resting === true);
  }

  private async computeSnapshot(): Promise<Plain> {
    const snap: DdmLatentSnapshot = {
      step: this.stepCount,
      pretrainedSteps: this.pretrainedSteps,
      T: this.net.schedule.T,
      reconstructions: this.reconstructions,
      prior: await this.vae.priorSamples(LATENT_SHOWN, this.viewRng),
      samples: await this.sampleDigits(LATENT_SHOWN, this.viewRng),
    };
    return snap as unknown as Plain;
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
    this.vae.dispose();
  }
}

/** Builds the session: shipped weights (their own T, schedule, width) or a fresh network. */
export async function createLatentSession(
  params: ParamValues<DdmLatentParams>,
  seed: number,
  loadAsset: (p: string) => Promise<ArrayBuffer>,
): Promise<DdmLatentSession> {
  const { vae, codes, n } = await loadTrainingCodes(loadAsset);
  const L = vae.latent;
  // as for the digits: the network learns a correction to the exact predictor of a Gaussian fitted to the codes
  const gaussianSkip = fitGaussianSkip(codes, n, L);
  const data = await loadMnistArrays(loadAsset);
  const shown = data.trainImages.subarray(0, LATENT_SHOWN * data.inputDim);
  const reconstructions = await vae.decodeMeans(await vae.encodeMeans(shown, LATENT_SHOWN), LATENT_SHOWN);
  const rng = createRng(seed ^ 0x1a7e);
  let net: MlpDenoiser;
  let pretrainedSteps = 0;
  if (params.pretrained) {
    const { header, tensors } = decodeWeights(await loadAsset(LATENT_WEIGHTS_PATH));
    const m = header.meta;
    if (Number(m.dim) !== L) throw new Error(`Latent diffusion weights are for ${m.dim}-d codes; the VAE's codes have ${L}`);
    const schedule = makeSchedule(m.schedule as ScheduleKind, Number(m.T));
    net = new MlpDenoiser({ dim: L, width: Number(m.width), depth: Number(m.depth), embedDim: Number(m.embedDim), gaussianSkip, leaky: true }, schedule, rng);
    net.setWeights(tensors);
    pretrainedSteps = Number(m.steps);
  } else {
    const schedule = makeSchedule(params.schedule, params.T);
    net = new MlpDenoiser({ dim: L, width: params.width, depth: LATENT_DEPTH, embedDim: LATENT_EMBED, gaussianSkip, leaky: true }, schedule, rng);
  }
  return new DdmLatentSession(params, net, vae, { z: codes, n }, reconstructions, seed, pretrainedSteps);
}

export default defineDemo<DdmLatentParams, Plain>({
  id: 'ddm-latent',
  title: 'Latent diffusion: a diffusion model of the VAE’s codes',
  params: ddmLatentParams,
  usesTf: true,
  // Not `threads`: its products are too small for XNNPACK's thread pool. Bench 'latent-threads', in
  // the bench page's worker (2 threads, machine at load ~17): step 48 ms single-threaded against
  // 93 ms threaded, sampling 16 digits 158 ms against 348 ms.
  defaultSteps: 200,
  async create(ctx) {
    if (!ctx.loadAsset) throw new Error('Latent diffusion needs the MNIST and VAE assets; no asset loader was given.');
    return createLatentSession(ctx.params, ctx.seed, ctx.loadAsset);
  },
});
