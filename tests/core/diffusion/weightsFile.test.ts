import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeWeights, denoiserTensorNames, encodeWeights } from '../../../src/core/diffusion/weightsFile';
import { DIGIT_WEIGHTS_PATH } from '../../../src/core/diffusion/digits';
import { denoiserShapes } from '../../../src/core/diffusion/mlpDenoiser';
import { decodeSafetensors } from '../../../src/core/weights/safetensors';

describe('diffusion weights file (safetensors)', () => {
  it('encodes and decodes header and tensors, named per layer', () => {
    const header = { meta: { T: 100, schedule: 'cosine' }, shapes: [[2, 3], [3], [3, 2], [2]] };
    const t = [Float32Array.from([1, -2, 0.25, 3, 4, 5]), Float32Array.from([0.5, 0, -1]), Float32Array.from([1, 2, 3, 4, 5, 6]), Float32Array.from([7, 8])];
    const bytes = encodeWeights(header, t);
    const back = decodeWeights(bytes);
    expect(back.header).toEqual(header);
    back.tensors.forEach((x, i) => expect(Array.from(x)).toEqual(Array.from(t[i])));
    expect(decodeSafetensors(bytes).tensors.map((x) => x.name)).toEqual(['hidden.0.weight', 'hidden.0.bias', 'out.weight', 'out.bias']);
    expect(() => encodeWeights(header, [t[0], t[0], t[2], t[3]])).toThrow();
    expect(() => decodeWeights(bytes.slice(0, bytes.length - 2))).toThrow();
  });

  it('names tensors in denoiserShapes order', () => {
    expect(denoiserTensorNames(8)).toEqual(['hidden.0.weight', 'hidden.0.bias', 'hidden.1.weight', 'hidden.1.bias', 'hidden.2.weight', 'hidden.2.bias', 'out.weight', 'out.bias']);
  });

  it('the shipped digit model matches the architecture in its metadata', () => {
    const { header, tensors } = decodeWeights(readFileSync(`public/${DIGIT_WEIGHTS_PATH}`));
    const m = header.meta;
    const shapes = denoiserShapes({ dim: Number(m.side) ** 2, width: Number(m.width), depth: Number(m.depth), embedDim: Number(m.embedDim) });
    expect(header.shapes).toEqual(shapes);
    expect(tensors.every((t) => t.every(Number.isFinite))).toBe(true);
  });
});
