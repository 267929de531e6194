/**
 * VAE weights as a safetensors file (src/core/weights/safetensors.ts): one tensor per layer,
 * named as in parameterLayout (W1 [D, H], b1 [H], W2 [H, 2L], b2 [2L], W3 [L, H], b3 [H],
 * W4 [H, D], b4 [D]), float32 or float16 (halves the size at ~3 significant digits); the
 * architecture (VaeShape) and free-form metadata such as the training curves in the book's
 * metadata. Readers can open a downloaded file in Python with `safetensors.numpy.load_file`.
 */
import { decodeSafetensors, encodeSafetensors } from '../weights/safetensors';
import { parameterCount, parameterLayout, type VaeShape } from './model';

export const VAE_WEIGHTS_KIND = 'vae';

export type WeightDtype = 'float32' | 'float16';

export interface WeightFile {
  shape: VaeShape;
  theta: Float32Array;
  meta: Record<string, unknown>;
}

export function serializeWeights(
  shape: VaeShape,
  theta: Float32Array,
  meta: Record<string, unknown> = {},
  dtype: WeightDtype = 'float32',
): Uint8Array {
  if (theta.length !== parameterCount(shape)) throw new Error('serializeWeights: wrong parameter count');
  const tensors = parameterLayout(shape).map((slot) => ({
    name: slot.name,
    shape: slot.shape,
    data: theta.subarray(slot.offset, slot.offset + slot.size),
    dtype: dtype === 'float32' ? ('F32' as const) : ('F16' as const),
  }));
  return encodeSafetensors(VAE_WEIGHTS_KIND, tensors, { shape, meta });
}

export function deserializeWeights(buffer: ArrayBuffer | Uint8Array): WeightFile {
  const doc = decodeSafetensors(buffer, VAE_WEIGHTS_KIND);
  const { shape, meta } = doc.meta as { shape: VaeShape; meta?: Record<string, unknown> };
  const byName = new Map(doc.tensors.map((t) => [t.name, t]));
  const theta = new Float32Array(parameterCount(shape));
  for (const slot of parameterLayout(shape)) {
    const t = byName.get(slot.name);
    if (!t) throw new Error(`weights: tensor ${slot.name} is missing`);
    if (t.data.length !== slot.size) throw new Error(`weights: tensor ${slot.name} has ${t.data.length} values, the architecture needs ${slot.size}`);
    theta.set(t.data, slot.offset);
  }
  return { shape, theta, meta: meta ?? {} };
}
