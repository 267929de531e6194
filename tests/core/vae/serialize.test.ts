import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { initialParameters, type VaeShape } from '../../../src/core/vae/model';
import { deserializeWeights, fromFloat16Bits, serializeWeights, toFloat16Bits } from '../../../src/core/vae/serialize';

const shape: VaeShape = { inputDim: 12, hidden: 7, latent: 3, decoder: 'gaussian', decoderStd: 0.2 };

describe('weight serialization', () => {
  it('float32 round-trips bit for bit, with shape and metadata', () => {
    const theta = initialParameters(shape, createRng(1));
    const meta = { history: [{ epoch: 1, testElbo: -120.5 }], seed: 1 };
    const back = deserializeWeights(serializeWeights(shape, theta, meta));
    expect(back.shape).toEqual(shape);
    expect(back.meta).toEqual(meta);
    expect(Array.from(back.theta)).toEqual(Array.from(theta));
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

  it('float16 bit patterns match IEEE 754 binary16', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(1e6)).toBe(0x7c00);
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(fromFloat16Bits(0x3555)).toBeCloseTo(0.333251953125, 12);
    expect(fromFloat16Bits(toFloat16Bits(0.1))).toBeCloseTo(0.0999755859375, 12);
  });

  it('rejects a truncated file', () => {
    const bytes = serializeWeights(shape, initialParameters(shape, createRng(3)));
    expect(() => deserializeWeights(bytes.slice(0, bytes.length - 4))).toThrow(/length/);
  });
});
