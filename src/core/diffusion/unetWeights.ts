/**
 * The weights file of chapter 8's U-Net pixel model (./unetDenoiser.ts), written by
 * scripts/weights/ddm_unet_torch.py: kind 'ddm-unet-denoiser', every tensor under its name in
 * unetTensorShapes order and layout (convolutions [k, k, in, out], dense [in, out]), float16, with
 * the architecture (channels, embedDim, hidden, groups, side) and the schedule (T, schedule) and
 * the training record (steps, batch, engine, …) in the book's metadata.
 */
import { decodeSafetensors, encodeSafetensors, type StoredDtype } from '../weights/safetensors';
import type { ScheduleKind } from './schedule';
import { checkUnetConfig, unetTensorShapes, type UnetConfig } from './unetDenoiser';

export const UNET_WEIGHTS_PATH = 'weights/ddm/digits28unet.safetensors';
export const UNET_WEIGHTS_KIND = 'ddm-unet-denoiser';

export interface UnetModelFile {
  config: UnetConfig;
  /** in unetTensorShapes order */
  tensors: Float32Array[];
  /** T, schedule, training record, and the config's own keys */
  meta: Record<string, number | string | boolean>;
}

export function encodeUnetModel(file: UnetModelFile, dtype: StoredDtype = 'F16'): Uint8Array {
  const { config, tensors } = file;
  checkUnetConfig(config);
  const named = unetTensorShapes(config);
  if (tensors.length !== named.length) throw new Error(`U-Net weights: ${tensors.length} tensors, ${named.length} expected`);
  const { side, channels, embedDim, hidden, groups } = config;
  return encodeSafetensors(
    UNET_WEIGHTS_KIND,
    named.map(([name, shape], k) => ({ name, shape, data: tensors[k], dtype })),
    { ...file.meta, side, channels, embedDim, hidden, groups },
  );
}

export function decodeUnetModel(buffer: ArrayBuffer | Uint8Array): UnetModelFile {
  const doc = decodeSafetensors(buffer, UNET_WEIGHTS_KIND);
  const meta = doc.meta as UnetModelFile['meta'];
  const num = (key: string) => {
    const v = Number(meta[key]);
    if (!Number.isFinite(v)) throw new Error(`U-Net weights: metadata "${key}" is missing or not a number`);
    return v;
  };
  const side = num('side');
  const config: UnetConfig = { dim: side * side, side, channels: num('channels'), embedDim: num('embedDim'), hidden: num('hidden'), groups: num('groups') };
  checkUnetConfig(config);
  const byName = new Map(doc.tensors.map((t) => [t.name, t]));
  const tensors = unetTensorShapes(config).map(([name, shape]) => {
    const t = byName.get(name);
    if (!t) throw new Error(`U-Net weights: tensor "${name}" is missing`);
    if (t.shape.join() !== shape.join()) throw new Error(`U-Net weights: tensor "${name}" has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`);
    return t.data;
  });
  return { config, tensors, meta };
}

/** The schedule the file was trained with. */
export function unetSchedule(file: UnetModelFile): { kind: ScheduleKind; T: number } {
  return { kind: String(file.meta.schedule ?? 'cosine') as ScheduleKind, T: Number(file.meta.T) };
}

/** The recipe facts chapter 8 can quote about the U-Net, from its weights file. */
export interface UnetModelFacts {
  /** Adam steps behind the averaged weights, over every run */
  steps: number;
  /** of those, the steps of the run that a continued run (`make-weights ddm-unet --init`) began from; 0 for one run */
  initSteps: number;
  parameters: number;
  channels: number;
  T: number;
  batch: number;
  engine: string;
}

export function unetModelFacts(buffer: ArrayBuffer | Uint8Array): UnetModelFacts {
  const { config, tensors, meta } = decodeUnetModel(buffer);
  return {
    steps: Number(meta.steps),
    initSteps: Number(meta.initSteps ?? 0),
    parameters: tensors.reduce((a, t) => a + t.length, 0),
    channels: config.channels,
    T: Number(meta.T),
    batch: Number(meta.batch),
    engine: String(meta.engine ?? 'tfjs'),
  };
}
