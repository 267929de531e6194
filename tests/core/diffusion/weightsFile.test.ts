import { describe, expect, it } from 'vitest';
import { decodeWeights, encodeWeights, fromHalf, toHalf } from '../../../src/core/diffusion/weightsFile';

describe('diffusion weights file', () => {
  it('float16 round trip: exact on representable values, relative error ≤ 2⁻¹¹ otherwise', () => {
    for (const v of [0, 1, -2, 0.5, 65504, 2 ** -24, -(2 ** -14)]) expect(fromHalf(toHalf(v))).toBe(v);
    for (const v of [0.1, -3.14159, 1234.567, 1e-3]) expect(Math.abs(fromHalf(toHalf(v)) - v) / Math.abs(v)).toBeLessThanOrEqual(2 ** -11);
    expect(fromHalf(toHalf(1e6))).toBe(Infinity);
    expect(Number.isNaN(fromHalf(toHalf(NaN)))).toBe(true);
    // round to nearest even at the halfway point between 1 and 1 + 2⁻¹⁰
    expect(fromHalf(toHalf(1 + 2 ** -11))).toBe(1);
  });

  it('encodes and decodes header and tensors', () => {
    const header = { meta: { T: 100, schedule: 'cosine' }, shapes: [[2, 3], [3]] };
    const a = Float32Array.from([1, -2, 0.25, 3, 4, 5]);
    const b = Float32Array.from([0.5, 0, -1]);
    const bytes = encodeWeights(header, [a, b]);
    const back = decodeWeights(bytes.buffer.slice(0) as ArrayBuffer);
    expect(back.header).toEqual(header);
    expect(Array.from(back.tensors[0])).toEqual(Array.from(a));
    expect(Array.from(back.tensors[1])).toEqual(Array.from(b));
    expect(() => encodeWeights(header, [a, a])).toThrow();
    expect(() => decodeWeights(bytes.slice(0, bytes.length - 2).buffer as ArrayBuffer)).toThrow();
  });
});
