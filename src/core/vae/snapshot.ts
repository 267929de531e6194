/**
 * What the VAE widgets draw: held-out reconstructions, samples from the prior, per-dimension
 * KL and active units, the epoch curves, and for a 2-D latent the encoded test digits, a
 * decoded manifold and the decoder's weights (so the page can decode a dragged point itself).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Plain } from '../demo';
import { createRng } from '../random';
import type { MnistArrays } from './data';
import { normalArray, type Evaluation } from './evaluate';
import { serializeWeights } from './serialize';
import { decode, decoderMean, encode, weightsToFlat, type VaeShape, type Weights } from './model';
import type { EpochRecord } from './pretrained';
import type { VaeTrainer } from './trainer';

export const RECON_COUNT = 10;
export const PRIOR_SAMPLE_COUNT = 16;
export const MANIFOLD_SIZE = 15;
export const MANIFOLD_EXTENT = 3;

/** One test digit of each class 0..9 (the first of each in the test split), for the reconstruction grid. */
export function reconstructionIndices(testLabels: Uint8Array): number[] {
  const out: number[] = [];
  for (let c = 0; c < 10; c++) {
    const i = testLabels.indexOf(c);
    if (i >= 0) out.push(i);
  }
  return out;
}

/** Decoder mean images for latent points. @param z [m, L] @returns [m, D] */
export async function decodeMeans(weights: Weights, s: VaeShape, z: Float32Array): Promise<Float32Array> {
  const m = z.length / s.latent;
  const t = tf.tidy(() => decoderMean(decode(weights, tf.tensor2d(z, [m, s.latent])).logits));
  const out = (await t.data()) as Float32Array;
  t.dispose();
  return out;
}

/** Manifold grid points z on a MANIFOLD_SIZE² lattice over [−E, E]², row 0 at the top (z₂ = +E). */
export function manifoldPoints(size = MANIFOLD_SIZE, extent = MANIFOLD_EXTENT): Float32Array {
  const z = new Float32Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      z[(r * size + c) * 2] = -extent + (2 * extent * c) / (size - 1);
      z[(r * size + c) * 2 + 1] = extent - (2 * extent * r) / (size - 1);
    }
  }
  return z;
}

/**
 * @param ev the latest held-out evaluation (computed once per epoch by the demo, not per snapshot)
 * @param includeDecoder attach the decoder weights (2-D latent), for decoding on the page
 * @param includeWeights attach the whole model serialized (for saving); the demo does so once
 *   per epoch, since the host copies every snapshot it posts
 */
export async function buildSnapshot(
  trainer: VaeTrainer,
  data: MnistArrays,
  history: EpochRecord[],
  note: string,
  ev: Evaluation,
  includeDecoder: boolean,
  includeWeights: boolean,
): Promise<{ [key: string]: Plain }> {
  const s = trainer.shape;
  const D = s.inputDim;
  const L = s.latent;
  const idx = reconstructionIndices(data.testLabels);
  const originals = new Float32Array(idx.length * D);
  idx.forEach((i, k) => originals.set(data.testImages.subarray(i * D, (i + 1) * D), k * D));
  const reconT = tf.tidy(() => {
    const w = trainer.weights;
    const { mu } = encode(w, tf.tensor2d(originals, [idx.length, D]), L);
    return decoderMean(decode(w, mu).logits);
  });
  const reconstructions = (await reconT.data()) as Float32Array;
  reconT.dispose();
  const samples = await decodeMeans(trainer.weights, s, normalArray(createRng(12345), PRIOR_SAMPLE_COUNT * L));
  const snapshot: { [key: string]: Plain } = {
    note,
    side: data.side,
    step: trainer.step,
    totalSteps: trainer.totalSteps,
    stepsPerEpoch: trainer.stepsPerEpoch,
    epoch: trainer.epoch,
    latent: L,
    originals,
    reconstructions,
    samples,
    klPerDim: new Float64Array(ev.klPerDim),
    meanVariance: new Float64Array(ev.meanVariance),
    activeUnits: ev.activeUnits,
    test: { elbo: ev.elbo, recon: ev.recon, kl: ev.kl },
    history: history.map((h) => ({ ...h })),
  };
  if (L === 2) {
    snapshot.means = ev.means;
    snapshot.labels = data.testLabels.slice();
    snapshot.manifold = await decodeMeans(trainer.weights, s, manifoldPoints());
    snapshot.manifoldSize = MANIFOLD_SIZE;
    snapshot.manifoldExtent = MANIFOLD_EXTENT;
    if (includeDecoder) snapshot.decoder = await decoderWeights(trainer.weights, s);
  }
  if (includeWeights) {
    const theta = await weightsToFlat(trainer.weights, s);
    snapshot.weights = serializeWeights(s, theta, { history: history.map((h) => ({ ...h })), epochs: Math.round(trainer.epoch * 1000) / 1000 });
  }
  return snapshot;
}

/** The decoder's weights as plain arrays (see decodeJs.ts). */
export async function decoderWeights(weights: Weights, s: VaeShape): Promise<{ [key: string]: Plain }> {
  const [W3, b3, W4, b4] = await Promise.all([weights.W3.data(), weights.b3.data(), weights.W4.data(), weights.b4.data()]);
  return {
    latent: s.latent,
    hidden: s.hidden,
    inputDim: s.inputDim,
    W3: new Float32Array(W3 as Float32Array),
    b3: new Float32Array(b3 as Float32Array),
    W4: new Float32Array(W4 as Float32Array),
    b4: new Float32Array(b4 as Float32Array),
  };
}
