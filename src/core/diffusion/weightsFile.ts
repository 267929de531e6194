/**
 * Diffusion weights (public/weights/ddm/*.safetensors): the denoiser's tensors, named
 * `hidden.<l>.weight` [fanIn, width], `hidden.<l>.bias` [width], `out.weight` [width, dim],
 * `out.bias` [dim], stored as float16 (halves the size; the ε network's outputs change by far
 * less than its training noise), with the config and schedule in the book's metadata.
 */
import { decodeSafetensors, encodeSafetensors, type StoredDtype } from '../weights/safetensors';

export const DDM_WEIGHTS_KIND = 'ddm-denoiser';

export interface WeightsHeader {
  /** Anything needed to rebuild the model (config, schedule, T, how it was trained). */
  meta: Record<string, number | string | boolean>;
  shapes: number[][];
}

/** Names of the tensors in denoiserShapes order: hidden layers, then the output layer. */
export function denoiserTensorNames(count: number): string[] {
  const layers = count / 2 - 1;
  const names: string[] = [];
  for (let l = 0; l < layers; l++) names.push(`hidden.${l}.weight`, `hidden.${l}.bias`);
  names.push('out.weight', 'out.bias');
  return names;
}

export function encodeWeights(header: WeightsHeader, tensors: ArrayLike<number>[], dtype: StoredDtype = 'F16'): Uint8Array {
  if (tensors.length !== header.shapes.length) throw new Error(`Diffusion weights: ${tensors.length} tensors, ${header.shapes.length} shapes`);
  const names = denoiserTensorNames(tensors.length);
  return encodeSafetensors(
    DDM_WEIGHTS_KIND,
    tensors.map((data, k) => ({ name: names[k], shape: header.shapes[k], data, dtype })),
    header.meta,
  );
}

export function decodeWeights(buffer: ArrayBuffer | Uint8Array): { header: WeightsHeader; tensors: Float32Array[] } {
  const doc = decodeSafetensors(buffer, DDM_WEIGHTS_KIND);
  const byName = new Map(doc.tensors.map((t) => [t.name, t]));
  const ordered = denoiserTensorNames(doc.tensors.length).map((name) => {
    const t = byName.get(name);
    if (!t) throw new Error(`Diffusion weights: tensor "${name}" is missing`);
    return t;
  });
  return {
    header: { meta: doc.meta as WeightsHeader['meta'], shapes: ordered.map((t) => t.shape) },
    tensors: ordered.map((t) => t.data),
  };
}
