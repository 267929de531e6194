/**
 * What lets a test tie chapter 7's stored numbers (src/core/vae/chapterNumbers.json) to the
 * shipped weights without the minutes the full evaluation takes: a digest of the parameters
 * (any change to the weights changes it, a change of file container does not), and the IWAE
 * curve and gap decomposition on a prefix of the test digits, drawn from the same seeded
 * streams as the full run (importance draws are taken digit chunk by digit chunk, gap SVI has a
 * seed per digit), so the prefix values are bit-for-bit those of the full run's first digits.
 * scripts/vaeNumbers.ts writes them; tests/core/vae/chapterNumbers.test.ts recomputes them.
 */
import { createHash } from 'node:crypto';
import { createRng } from '../src/core/random';
import type { AssetLoader } from '../src/core/vae/data';
import { evaluateElbo } from '../src/core/vae/evaluate';
import { digitGaps } from '../src/core/vae/gaps';
import { boundFromLogWeights, importanceLogWeights } from '../src/core/vae/iwae';
import { IWAE_KS } from '../src/core/vae/iwaeDemo';
import { loadPretrained } from '../src/core/vae/loadPretrained';
import { disposeWeights, weightsToFlat, type VaeShape, type Weights } from '../src/core/vae/model';
import { ELBO_EVAL_SAMPLES, IWAE_EVAL_K, type PretrainedName } from '../src/core/vae/pretrained';

/** Seeds of the chapter's evaluation (shared by the full run and the check). */
export const NUMBER_SEEDS = { elbo: 7, iwae: 11, gapDigit: (d: number) => 1000 + d } as const;
/** 3 chunks of ⌊4096 / 500⌋ = 8 digits of the importance-weight stream */
export const CHECK_IWAE_DIGITS = 24;
export const CHECK_GAP_DIGITS = 1;

export interface NumbersCheck {
  iwaeDigits: number;
  gapDigits: number;
  default: ModelCheck;
  latent2: ModelCheck & { gaps: { logPx: number; elboAmortized: number; elboOptimized: number }[] };
}

export interface ModelCheck {
  /** sha256 of the float32 parameter vector, little-endian, in the model's layout order */
  digest: string;
  /** mean L_k over the first iwaeDigits test digits, k = IWAE_KS */
  iwae: number[];
}

export async function parameterDigest(weights: Weights, shape: VaeShape): Promise<string> {
  const theta = await weightsToFlat(weights, shape);
  const bytes = new Uint8Array(theta.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < theta.length; i++) view.setFloat32(4 * i, theta[i], true);
  return createHash('sha256').update(bytes).digest('hex');
}

/** The IWAE curve (mean over digits of L_k for each k in IWAE_KS) from K = 500 draws per digit. */
export async function iwaeCurve(weights: Weights, shape: VaeShape, images: Float32Array): Promise<number[]> {
  const n = images.length / shape.inputDim;
  const logw = await importanceLogWeights(weights, shape, images, IWAE_EVAL_K, createRng(NUMBER_SEEDS.iwae));
  return IWAE_KS.map((k) => boundFromLogWeights(logw, n, IWAE_EVAL_K, k).reduce((a, b) => a + b, 0) / n);
}

/** The held-out ELBO, reconstruction, KL and active units over the whole test split. */
export async function heldOutElbo(weights: Weights, shape: VaeShape, images: Float32Array) {
  const ev = await evaluateElbo(weights, shape, images, createRng(NUMBER_SEEDS.elbo), ELBO_EVAL_SAMPLES);
  return { testElbo: ev.elbo, testRecon: ev.recon, testKl: ev.kl, activeUnits: ev.activeUnits };
}

/** Each held-out digit's ELBO, from the same draws as heldOutElbo (their mean is its testElbo). */
export async function heldOutElboPerDigit(weights: Weights, shape: VaeShape, images: Float32Array): Promise<Float64Array> {
  return (await evaluateElbo(weights, shape, images, createRng(NUMBER_SEEDS.elbo), ELBO_EVAL_SAMPLES)).perDigit;
}

/** Each digit's L_500, from the same draws as iwaeCurve (a prefix of CHECK_IWAE_DIGITS digits recomputes exactly). */
export async function iwae500PerDigit(weights: Weights, shape: VaeShape, images: Float32Array): Promise<Float64Array> {
  const n = images.length / shape.inputDim;
  const logw = await importanceLogWeights(weights, shape, images, IWAE_EVAL_K, createRng(NUMBER_SEEDS.iwae));
  return boundFromLogWeights(logw, n, IWAE_EVAL_K, IWAE_EVAL_K);
}

export async function gapOfDigit(weights: Weights, shape: VaeShape, images: Float32Array, d: number) {
  const D = shape.inputDim;
  const g = await digitGaps(weights, shape, images.subarray(d * D, (d + 1) * D), createRng(NUMBER_SEEDS.gapDigit(d)));
  return { logPx: g.logPx, elboAmortized: g.elboAmortized, elboOptimized: g.elboOptimized, g };
}

export async function modelCheck(weights: Weights, shape: VaeShape, testImages: Float32Array): Promise<ModelCheck> {
  return {
    digest: await parameterDigest(weights, shape),
    iwae: await iwaeCurve(weights, shape, testImages.subarray(0, CHECK_IWAE_DIGITS * shape.inputDim)),
  };
}

/** Everything in the check block, from the shipped files. */
export async function numbersCheck(loadAsset: AssetLoader): Promise<NumbersCheck> {
  const load = (name: PretrainedName) => loadPretrained(loadAsset, name);
  const def = await load('default');
  const defaultCheck = await modelCheck(def.weights, def.shape, def.data.testImages);
  disposeWeights(def.weights);
  const l2 = await load('latent2');
  const gaps = [];
  for (let d = 0; d < CHECK_GAP_DIGITS; d++) {
    const { logPx, elboAmortized, elboOptimized } = await gapOfDigit(l2.weights, l2.shape, l2.data.testImages, d);
    gaps.push({ logPx, elboAmortized, elboOptimized });
  }
  const latent2 = { ...(await modelCheck(l2.weights, l2.shape, l2.data.testImages)), gaps };
  disposeWeights(l2.weights);
  return { iwaeDigits: CHECK_IWAE_DIGITS, gapDigits: CHECK_GAP_DIGITS, default: defaultCheck, latent2 };
}
