/**
 * A weight maker's resumable checkpoint on disk: the denoiser's weights, their moving average and
 * Adam's moments (src/core/diffusion/denoiserCheckpoint.ts) as one safetensors file, tensors named
 * w.i, ema.i, m.i, v.i and the step counts in the metadata. Written to FILE.part and renamed, so an
 * interrupted write leaves the previous checkpoint whole.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { DenoiserCheckpoint } from '../../../src/core/diffusion/denoiserCheckpoint';
import { decodeSafetensors, encodeSafetensors } from '../../../src/core/weights/safetensors';

export function writeRunCheckpoint(file: string, kind: string, cp: DenoiserCheckpoint, ema: Float32Array[]): void {
  const named = (prefix: string, arrays: Float32Array[]) =>
    arrays.map((data, i) => ({ name: `${prefix}.${i}`, shape: [data.length], data, dtype: 'F32' as const }));
  const bytes = encodeSafetensors(kind, [...named('w', cp.weights), ...named('ema', ema), ...named('m', cp.m), ...named('v', cp.v)], {
    step: cp.step,
    adamStep: cp.adamStep,
  });
  writeFileSync(`${file}.part`, bytes);
  renameSync(`${file}.part`, file);
}

/** @param count tensors per part (the network's weight count) */
export function readRunCheckpoint(file: string, kind: string, count: number): { cp: DenoiserCheckpoint; ema: Float32Array[] } {
  const doc = decodeSafetensors(readFileSync(file), kind);
  const part = (prefix: string) =>
    Array.from({ length: count }, (_, i) => {
      const t = doc.tensors.find((x) => x.name === `${prefix}.${i}`);
      if (!t) throw new Error(`${file}: no tensor ${prefix}.${i}; start over with --fresh`);
      return t.data;
    });
  return {
    cp: { step: Number(doc.meta.step), weights: part('w'), m: part('m'), v: part('v'), adamStep: Number(doc.meta.adamStep) },
    ema: part('ema'),
  };
}
