/**
 * Two-layer VAE weights as a safetensors file (../../weights/safetensors.ts): one tensor per
 * layer named as in HVAE_PARAM_NAMES, the architecture (HvaeShape) and free-form metadata (the
 * recipe, curves, held-out numbers) in the book's metadata. Kind tag 'hvae'.
 */
import { decodeSafetensors, encodeSafetensors } from '../../weights/safetensors';
import { HVAE_PARAM_NAMES, checkArrays, hvaeParamShapes, type HvaeArrays, type HvaeShape } from './model';

export const HVAE_WEIGHTS_KIND = 'hvae';

export interface HvaeWeightFile {
  shape: HvaeShape;
  arrays: HvaeArrays;
  meta: Record<string, unknown>;
}

export function serializeHvae(shape: HvaeShape, arrays: HvaeArrays, meta: Record<string, unknown> = {}): Uint8Array {
  checkArrays(shape, arrays);
  const shapes = hvaeParamShapes(shape);
  const tensors = HVAE_PARAM_NAMES.map((name) => ({ name, shape: shapes[name], data: arrays[name], dtype: 'F32' as const }));
  return encodeSafetensors(HVAE_WEIGHTS_KIND, tensors, { shape, meta });
}

export function deserializeHvae(buffer: ArrayBuffer | Uint8Array): HvaeWeightFile {
  const doc = decodeSafetensors(buffer, HVAE_WEIGHTS_KIND);
  const { shape, meta } = doc.meta as { shape: HvaeShape; meta?: Record<string, unknown> };
  const byName = new Map(doc.tensors.map((t) => [t.name, t.data]));
  const arrays = {} as HvaeArrays;
  for (const name of HVAE_PARAM_NAMES) {
    const a = byName.get(name);
    if (!a) throw new Error(`hvae weights: tensor ${name} is missing`);
    arrays[name] = a;
  }
  checkArrays(shape, arrays);
  return { shape, arrays, meta: meta ?? {} };
}
