/**
 * The two pretrained models the chapter ships, and the reproducible recipe that made them
 * (`npm run lab -- make-weights vae` runs `trainAndSummarize`).
 */
import { createRng } from '../random';
import { loadMnistArrays, type AssetLoader } from './data';
import { evaluateElbo } from './evaluate';
import { iwaeBound } from './iwae';
import { weightsToFlat, type VaeShape } from './model';
import { serializeWeights } from './serialize';
import { VaeTrainer, type TrainSchedule } from './trainer';

export type PretrainedName = 'default' | 'latent2';

export const VAE_WEIGHT_FILES: Record<PretrainedName, string> = {
  default: 'weights/vae/default.safetensors',
  latent2: 'weights/vae/latent2.safetensors',
};

export const PRETRAINED_SHAPES: Record<PretrainedName, VaeShape> = {
  default: { inputDim: 784, hidden: 400, latent: 20, decoder: 'bernoulli', decoderStd: 0.1 },
  latent2: { inputDim: 784, hidden: 400, latent: 2, decoder: 'bernoulli', decoderStd: 0.1 },
};

export const DEFAULT_SCHEDULE: TrainSchedule = {
  learningRate: 1e-3,
  batchSize: 128,
  epochs: 30,
  klWeight: 1,
  annealEpochs: 0,
  freeBits: 0,
};

export const PRETRAINED_SEED = 1;
/** Draws used for the reported test ELBO and IWAE bound. */
export const ELBO_EVAL_SAMPLES = 10;
export const IWAE_EVAL_K = 500;

/** The pretrained file matching a shape, if one ships. */
export function pretrainedFor(shape: VaeShape): PretrainedName | null {
  for (const [name, s] of Object.entries(PRETRAINED_SHAPES) as [PretrainedName, VaeShape][]) {
    if (s.hidden === shape.hidden && s.latent === shape.latent && s.decoder === shape.decoder) return name;
  }
  return null;
}

export interface EpochRecord {
  epoch: number;
  trainElbo: number;
  testElbo: number;
  testRecon: number;
  testKl: number;
  /** held-out active units (absent in the shipped files' curves) */
  activeUnits?: number;
}

export async function trainAndSummarize(
  name: PretrainedName,
  loadAsset: AssetLoader,
  opts: { epochs?: number; seed?: number; log?: (line: string) => void } = {},
): Promise<{ bytes: Uint8Array; summary: Record<string, number> }> {
  const data = await loadMnistArrays(loadAsset);
  const shape = PRETRAINED_SHAPES[name];
  const schedule = { ...DEFAULT_SCHEDULE, epochs: opts.epochs ?? DEFAULT_SCHEDULE.epochs };
  const seed = opts.seed ?? PRETRAINED_SEED;
  const trainer = new VaeTrainer(shape, schedule, data.trainImages, seed);
  const history: EpochRecord[] = [];
  const started = Date.now();
  for (let e = 0; e < schedule.epochs; e++) {
    let sum = 0;
    for (let i = 0; i < trainer.stepsPerEpoch; i++) sum += (await trainer.trainStep()).elbo;
    const ev = await evaluateElbo(trainer.weights, shape, data.testImages, createRng(seed + 1000 + e));
    const rec = { epoch: e + 1, trainElbo: sum / trainer.stepsPerEpoch, testElbo: ev.elbo, testRecon: ev.recon, testKl: ev.kl };
    history.push(rec);
    opts.log?.(
      `epoch ${e + 1}/${schedule.epochs} train ELBO ${rec.trainElbo.toFixed(2)} test ELBO ${ev.elbo.toFixed(2)} ` +
        `(recon ${ev.recon.toFixed(2)}, KL ${ev.kl.toFixed(2)}) ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const msPerStep = (Date.now() - started) / trainer.step;
  const final = await evaluateElbo(trainer.weights, shape, data.testImages, createRng(seed + 7), ELBO_EVAL_SAMPLES);
  const iwae = await iwaeBound(trainer.weights, shape, data.testImages, IWAE_EVAL_K, createRng(seed + 11));
  const summary = {
    testElbo: final.elbo,
    testRecon: final.recon,
    testKl: final.kl,
    activeUnits: final.activeUnits,
    iwae500: iwae.mean,
    epochs: schedule.epochs,
    steps: trainer.step,
    msPerStep,
  };
  const theta = await weightsToFlat(trainer.weights, shape);
  trainer.dispose();
  const bytes = serializeWeights(shape, theta, { name, seed, schedule: { ...schedule }, history: history.map((h) => ({ ...h })), summary });
  return { bytes, summary };
}
