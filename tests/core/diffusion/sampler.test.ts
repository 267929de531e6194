import { describe, expect, it } from 'vitest';
import { gaussianNoisePredictor } from '../../../src/core/diffusion/gaussianOracle';
import { ancestralSample } from '../../../src/core/diffusion/sampler';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { createRng } from '../../../src/core/random';

describe('ancestral sampler with x̂_0 clipping', () => {
  const s = makeSchedule('cosine', 50);
  const predict = gaussianNoisePredictor([0.5, 0], [2, 0, 0, 2], 2, s);

  it('equals the plain sampler when the clip range is never reached', async () => {
    const a = await ancestralSample(predict, s, 200, 2, createRng(4), { variance: 'beta' });
    const b = await ancestralSample(predict, s, 200, 2, createRng(4), { variance: 'beta', clipX0: [-1e9, 1e9] });
    for (let i = 0; i < 400; i++) expect(b.samples[i]).toBeCloseTo(a.samples[i], 9);
  });

  it('returns samples inside the clip range (the last step is x̂_0 itself)', async () => {
    const a = await ancestralSample(predict, s, 500, 2, createRng(5), { variance: 'beta' });
    expect(a.samples.some((v) => Math.abs(v) > 1)).toBe(true);
    const b = await ancestralSample(predict, s, 500, 2, createRng(5), { variance: 'beta', clipX0: [-1, 1] });
    expect(b.samples.every((v) => v >= -1 - 1e-12 && v <= 1 + 1e-12)).toBe(true);
  });
});
