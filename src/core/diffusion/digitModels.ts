/**
 * The three networks of the 'ddm-digits' demo (./ddmDigitsDemo.ts), from their shipped weights or
 * from scratch:
 *   unet  the convolutional U-Net of ./unetDenoiser.ts on 28×28 pixels (weights made by
 *         `npm run lab -- make-weights ddm-unet`); no Gaussian skip
 *   28    the residual MLP of ./resMlpDenoiser.ts on 28×28 pixels, on top of the exact predictor
 *         of a Gaussian fitted to the digits (stored in its shipped file: `make-weights ddm-digits`)
 *   14    the earlier MLP of ./mlpDenoiser.ts on 14×14 pixels, on its own Gaussian skip
 *         (`make-weights ddm-digits14`); trains live in seconds
 * Shipped weights bring their own T and schedule; from scratch the demo's T and schedule apply.
 */
import type { Rng } from '../random';
import type { Denoiser, DenoiserBaseConfig } from './denoiser';
import { DIGIT_SIDE, DIGIT_WEIGHTS_PATH, fitGaussianSkip, loadTrainingDigits } from './digits';
import { MlpDenoiser } from './mlpDenoiser';
import { decodePixelModel, loadPixelDigits, PIXEL_DIM, PIXEL_SIDE, PIXEL_WEIGHTS_PATH } from './pixelDigits';
import { ResMlpDenoiser } from './resMlpDenoiser';
import { makeSchedule, type ScheduleKind } from './schedule';
import { UnetDenoiser, type UnetConfig } from './unetDenoiser';
import { decodeUnetModel, UNET_WEIGHTS_PATH, unetSchedule } from './unetWeights';
import { decodeWeights } from './weightsFile';

/** In the widget's menu order: the best model first. */
export const DIGIT_MODELS = ['unet', '28', '14'] as const;
export type DigitModel = (typeof DIGIT_MODELS)[number];

export const DIGITS_DEPTH = 3;
export const DIGITS_EMBED = 32;
/** The 28×28 MLP from scratch: residual blocks and embedding size (the shipped file says its own). */
export const PIXEL_BLOCKS = 2;
export const PIXEL_EMBED = 64;
/** The U-Net from scratch: the shipped recipe's architecture (scripts/weights/ddm_unet_torch.py's defaults). */
export const UNET_FROM_SCRATCH: UnetConfig = { dim: PIXEL_DIM, side: PIXEL_SIDE, channels: 32, embedDim: 64, hidden: 128, groups: 8 };

export interface DigitModelChoice {
  model: DigitModel;
  pretrained: boolean;
  /** from scratch only */
  T: number;
  schedule: ScheduleKind;
  /** hidden units of the MLPs from scratch */
  width: number;
}

export interface BuiltDigitModel {
  net: Denoiser<DenoiserBaseConfig>;
  /** the training digits the model learns, in its pixel space ([−1, 1] at 28×28, the 14×14 model's own scale) */
  digits: { x: Float32Array; n: number };
  /** steps the loaded weights were trained for (0 from scratch) */
  pretrainedSteps: number;
}

/** Loads the training digits and builds the chosen network. */
export async function buildDigitModel(c: DigitModelChoice, rng: Rng, loadAsset: (p: string) => Promise<ArrayBuffer>): Promise<BuiltDigitModel> {
  if (c.model === 'unet') {
    const digits = await loadPixelDigits(loadAsset);
    if (!c.pretrained) return { net: new UnetDenoiser(UNET_FROM_SCRATCH, makeSchedule(c.schedule, c.T), rng), digits, pretrainedSteps: 0 };
    const file = decodeUnetModel(await loadShipped(loadAsset, UNET_WEIGHTS_PATH, 'npm run lab -- make-weights ddm-unet'));
    const { kind, T } = unetSchedule(file);
    const net = new UnetDenoiser(file.config, makeSchedule(kind, T), rng);
    net.setWeights(file.tensors);
    return { net, digits, pretrainedSteps: Number(file.meta.steps) };
  }
  if (c.model === '28') {
    const digits = await loadPixelDigits(loadAsset);
    const file = decodePixelModel(await loadAsset(PIXEL_WEIGHTS_PATH));
    if (c.pretrained) {
      const m = file.meta;
      const net = new ResMlpDenoiser(file.config, makeSchedule(m.schedule as ScheduleKind, Number(m.T)), rng);
      net.setWeights(file.tensors);
      return { net, digits, pretrainedSteps: Number(m.steps) };
    }
    const config = { dim: file.config.dim, width: c.width, blocks: PIXEL_BLOCKS, embedDim: PIXEL_EMBED, gaussianSkip: file.config.gaussianSkip };
    return { net: new ResMlpDenoiser(config, makeSchedule(c.schedule, c.T), rng), digits, pretrainedSteps: 0 };
  }
  const digits = await loadTrainingDigits(loadAsset);
  // The network learns a correction to the exact predictor of a Gaussian fitted to the digits.
  const gaussianSkip = fitGaussianSkip(digits.x, digits.n);
  const dim = DIGIT_SIDE * DIGIT_SIDE;
  if (c.pretrained) {
    const { header, tensors } = decodeWeights(await loadAsset(DIGIT_WEIGHTS_PATH));
    const m = header.meta;
    const config = { dim, width: Number(m.width), depth: Number(m.depth), embedDim: Number(m.embedDim), gaussianSkip, leaky: m.leaky === true };
    const net = new MlpDenoiser(config, makeSchedule(m.schedule as ScheduleKind, Number(m.T)), rng);
    net.setWeights(tensors);
    return { net, digits, pretrainedSteps: Number(m.steps) };
  }
  const config = { dim, width: c.width, depth: DIGITS_DEPTH, embedDim: DIGITS_EMBED, gaussianSkip, leaky: true };
  return { net: new MlpDenoiser(config, makeSchedule(c.schedule, c.T), rng), digits, pretrainedSteps: 0 };
}

/** The asset, or an error that says which shipped file is missing and which command makes it. */
async function loadShipped(loadAsset: (p: string) => Promise<ArrayBuffer>, p: string, command: string): Promise<ArrayBuffer> {
  try {
    return await loadAsset(p);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`The shipped weights ${p} could not be loaded (${why}); \`${command}\` makes them, or train from scratch.`, { cause: err });
  }
}
