/**
 * Chapter 8's pixel-space digit model: 28×28 digits (the resolution of chapter 7's VAE, so the
 * two compare side by side) mapped to [−1, 1], a residual MLP noise predictor (./resMlpDenoiser.ts)
 * on top of the exact predictor of a Gaussian fitted to the training digits, and its weights file.
 *
 * The Gaussian's eigenbasis (784 × 784) takes seconds to compute in JavaScript (ml-matrix's
 * symmetric QL, ~8 s here, in scripts/lab/weights/ddmPixels.ts; the Jacobi routine of
 * ../math/eigen.ts needs minutes at this size), so the weights file carries it: `skip.mean`, `skip.eigenvalues`, `skip.eigenvectors` beside the
 * network's tensors. The trainer rounds the Gaussian through float16 before training, so the
 * model ships exactly the skip it was trained with.
 */
import { decodeMnist, MNIST_ASSET_PATH, mnistImages, mnistSplit } from '../data/mnist';
import { decodeSafetensors, encodeSafetensors, type StoredDtype } from '../weights/safetensors';
import type { GaussianSkip } from './mlpDenoiser';
import { resDenoiserShapes, type ResDenoiserConfig } from './resMlpDenoiser';
import type { PixelModelFacts } from './yardstickNumbers';

export const PIXEL_SIDE = 28;
export const PIXEL_DIM = PIXEL_SIDE * PIXEL_SIDE;
export const PIXEL_WEIGHTS_PATH = 'weights/ddm/digits28.safetensors';
export const PIXEL_WEIGHTS_KIND = 'ddm-res-denoiser';

/** The training digits at 28×28 in [−1, 1] (x = 2p − 1). @returns [n*784] */
export async function loadPixelDigits(loadAsset: (p: string) => Promise<ArrayBuffer>): Promise<{ x: Float32Array; n: number }> {
  const data = await decodeMnist(await loadAsset(MNIST_ASSET_PATH));
  if (data.rows !== PIXEL_SIDE || data.cols !== PIXEL_SIDE) throw new Error(`Expected 28×28 digits, got ${data.rows}×${data.cols}`);
  const { train } = mnistSplit(data.count);
  const x = mnistImages(data, train);
  for (let i = 0; i < x.length; i++) x[i] = 2 * x[i] - 1;
  return { x, n: train.length };
}

/** Tensor names in resDenoiserShapes order. */
export function resDenoiserTensorNames(blocks: number): string[] {
  const names = ['in.weight', 'in.bias'];
  for (let l = 0; l < blocks; l++) {
    names.push(`block.${l}.fc1.weight`, `block.${l}.fc1.bias`, `block.${l}.time.weight`, `block.${l}.fc2.weight`, `block.${l}.fc2.bias`);
  }
  names.push('out.weight', 'out.bias');
  return names;
}

const SKIP_NAMES = ['skip.mean', 'skip.eigenvalues', 'skip.eigenvectors'] as const;

export interface PixelModelFile {
  config: ResDenoiserConfig & { gaussianSkip: GaussianSkip };
  tensors: Float32Array[];
  /** T, schedule, training record */
  meta: Record<string, number | string | boolean>;
}

export function encodePixelModel(file: PixelModelFile, dtype: StoredDtype = 'F16'): Uint8Array {
  const { config, tensors } = file;
  const shapes = resDenoiserShapes(config);
  if (tensors.length !== shapes.length) throw new Error(`Pixel diffusion weights: ${tensors.length} tensors, ${shapes.length} shapes`);
  const names = resDenoiserTensorNames(config.blocks);
  const d = config.dim;
  const g = config.gaussianSkip;
  return encodeSafetensors(
    PIXEL_WEIGHTS_KIND,
    [
      ...tensors.map((data, k) => ({ name: names[k], shape: shapes[k], data, dtype })),
      { name: SKIP_NAMES[0], shape: [d], data: g.mean, dtype },
      { name: SKIP_NAMES[1], shape: [d], data: g.eigenvalues, dtype },
      { name: SKIP_NAMES[2], shape: [d, d], data: g.eigenvectors, dtype },
    ],
    { ...file.meta, dim: d, width: config.width, blocks: config.blocks, embedDim: config.embedDim },
  );
}

export function decodePixelModel(buffer: ArrayBuffer | Uint8Array): PixelModelFile {
  const doc = decodeSafetensors(buffer, PIXEL_WEIGHTS_KIND);
  const byName = new Map(doc.tensors.map((t) => [t.name, t.data]));
  const get = (name: string) => {
    const t = byName.get(name);
    if (!t) throw new Error(`Pixel diffusion weights: tensor "${name}" is missing`);
    return t;
  };
  const meta = doc.meta as PixelModelFile['meta'];
  const blocks = Number(meta.blocks);
  const gaussianSkip = { mean: get(SKIP_NAMES[0]), eigenvalues: get(SKIP_NAMES[1]), eigenvectors: get(SKIP_NAMES[2]) };
  const config = { dim: Number(meta.dim), width: Number(meta.width), blocks, embedDim: Number(meta.embedDim), gaussianSkip };
  return { config, tensors: resDenoiserTensorNames(blocks).map(get), meta };
}

/** The Gaussian rounded through float16 (what the weights file stores). */
export function roundSkipToF16(g: GaussianSkip): GaussianSkip {
  const d = g.mean.length;
  const doc = decodeSafetensors(
    encodeSafetensors('round', [
      { name: 'm', shape: [d], data: g.mean, dtype: 'F16' },
      { name: 'l', shape: [d], data: g.eigenvalues, dtype: 'F16' },
      { name: 'u', shape: [d, d], data: g.eigenvectors, dtype: 'F16' },
    ]),
    'round',
  );
  const [m, l, u] = ['m', 'l', 'u'].map((n) => doc.tensors.find((t) => t.name === n)!.data);
  return { mean: m, eigenvalues: l, eigenvectors: u };
}

/** The recipe facts chapter 8 quotes, from a weights file. */
export function pixelModelFacts(buffer: ArrayBuffer | Uint8Array): PixelModelFacts {
  const { config, tensors, meta } = decodePixelModel(buffer);
  return {
    steps: Number(meta.steps),
    parameters: tensors.reduce((a, t) => a + t.length, 0),
    width: config.width,
    blocks: config.blocks,
    T: Number(meta.T),
    batch: Number(meta.batch),
    engine: String(meta.engine ?? meta.backend ?? 'tfjs'),
  };
}
