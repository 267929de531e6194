import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { initialParameters, parameterCount, type VaeShape } from '../../../src/core/vae/model';
import { PRETRAINED_SHAPES, VAE_WEIGHT_FILES } from '../../../src/core/vae/pretrained';
import { deserializeWeights, serializeWeights } from '../../../src/core/vae/serialize';
import { decodeSafetensors } from '../../../src/core/weights/safetensors';

const shape: VaeShape = { inputDim: 12, hidden: 7, latent: 3, decoder: 'gaussian', decoderStd: 0.2 };

describe('VAE weights (safetensors)', () => {
  it('float32 round-trips bit for bit, with shape and metadata', () => {
    const theta = initialParameters(shape, createRng(1));
    const meta = { history: [{ epoch: 1, testElbo: -120.5 }], seed: 1 };
    const back = deserializeWeights(serializeWeights(shape, theta, meta));
    expect(back.shape).toEqual(shape);
    expect(back.meta).toEqual(meta);
    expect(Array.from(back.theta)).toEqual(Array.from(theta));
  });

  it('stores one named tensor per layer with its matrix shape', () => {
    const doc = decodeSafetensors(serializeWeights(shape, initialParameters(shape, createRng(4))), 'vae');
    expect(doc.tensors.map((t) => [t.name, t.shape])).toEqual([
      ['W1', [12, 7]], ['b1', [7]], ['W2', [7, 6]], ['b2', [6]], ['W3', [3, 7]], ['b3', [7]], ['W4', [7, 12]], ['b4', [12]],
    ]);
  });

  it('float16 halves the payload and keeps ~3 significant digits', () => {
    const big: VaeShape = { ...shape, inputDim: 100, hidden: 50 };
    const theta = initialParameters(big, createRng(2));
    const b32 = serializeWeights(big, theta);
    const b16 = serializeWeights(big, theta, {}, 'float16');
    expect(b16.length).toBeLessThan(0.6 * b32.length);
    const back = deserializeWeights(b16).theta;
    for (let i = 0; i < theta.length; i++) expect(Math.abs(back[i] - theta[i])).toBeLessThanOrEqual(Math.abs(theta[i]) / 1024 + 1e-7);
  });

  it('rejects a truncated file and a diffusion file', () => {
    const bytes = serializeWeights(shape, initialParameters(shape, createRng(3)));
    expect(() => deserializeWeights(bytes.slice(0, bytes.length - 4))).toThrow(/cover/);
    expect(() => deserializeWeights(readFileSync('public/weights/ddm/digits.safetensors'))).toThrow(/expected a "vae"/);
  });

  it('the shipped files are safetensors with the architecture they claim', () => {
    for (const name of ['default', 'latent2'] as const) {
      const file = deserializeWeights(readFileSync(`public/${VAE_WEIGHT_FILES[name]}`));
      expect(file.shape).toEqual(PRETRAINED_SHAPES[name]);
      expect(file.theta.length).toBe(parameterCount(PRETRAINED_SHAPES[name]));
      expect(file.theta.every(Number.isFinite)).toBe(true);
    }
  });
});
