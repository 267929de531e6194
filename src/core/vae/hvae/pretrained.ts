/**
 * The shipped two-layer VAE and the recipe that made it (`npm run lab -- make-weights hvae`).
 * Its size is matched to the one-layer 784-400-20 VAE of ../pretrained.ts (700,084 parameters
 * against 652,824), so that the chapter compares the two at a similar parameter count.
 */
import type { HvaeShape } from './model';
import type { HvaeSchedule } from './trainer';

export const HVAE_WEIGHT_FILE = 'weights/vae/hvae.safetensors';

export const HVAE_SHAPE: HvaeShape = { inputDim: 784, hidden: 400, hidden2: 100, latent1: 20, latent2: 10 };

/** The one-layer VAE's recipe (Adam 1e-3, batch 128, 30 epochs) plus 10 epochs of warm-up. */
export const HVAE_SCHEDULE: HvaeSchedule = { learningRate: 1e-3, batchSize: 128, epochs: 30, warmupEpochs: 10, freeBits: 0 };

export const HVAE_SEED = 1;

export interface HvaeEpochRecord {
  epoch: number;
  trainElbo: number;
  testElbo: number;
  testKl1: number;
  testKl2: number;
  active1: number;
  active2: number;
}

export function isShippedShape(s: HvaeShape): boolean {
  return s.hidden === HVAE_SHAPE.hidden && s.hidden2 === HVAE_SHAPE.hidden2 && s.latent1 === HVAE_SHAPE.latent1 && s.latent2 === HVAE_SHAPE.latent2;
}
