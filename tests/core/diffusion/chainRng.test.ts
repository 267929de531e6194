import { describe, expect, it } from 'vitest';
import { chainSeed, chainwiseRng } from '../../../src/core/diffusion/chainRng';
import { ddimSample } from '../../../src/core/diffusion/ddim';
import type { EpsPredictor } from '../../../src/core/diffusion/epsilon';
import { ancestralSample } from '../../../src/core/diffusion/sampler';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { createRng } from '../../../src/core/random';

const d = 3;
const schedule = makeSchedule('cosine', 20);
/** a predictor that treats every row on its own (as a network does), nonlinear so paths matter */
const rowwise: EpsPredictor = (xt) => xt.map((v, i) => 0.6 * Math.tanh(v) + 0.01 * (i % d));

describe('chainwiseRng: chain j follows the same path whatever the batch size', () => {
  it('the first chains of a large batch equal the same chains drawn alone (ancestral, DDIM with and without noise)', async () => {
    const runs = [
      (n: number) => ancestralSample(rowwise, schedule, n, d, chainwiseRng(7, n, d), { variance: 'beta', clipX0: [-1, 1] }).then((r) => r.samples),
      (n: number) => ddimSample(rowwise, schedule, n, d, chainwiseRng(7, n, d), { eta: 0, steps: 5, clipX0: [-1, 1] }),
      (n: number) => ddimSample(rowwise, schedule, n, d, chainwiseRng(7, n, d), { eta: 0.7, steps: 8 }),
    ];
    for (const run of runs) {
      const big = await run(9);
      const small = await run(2);
      expect(Array.from(small)).toEqual(Array.from(big.subarray(0, 2 * d)));
      // and the chains differ from each other (each has its own stream)
      expect(big[0]).not.toBe(big[d]);
    }
  });

  it('chain j draws exactly the normals of its own stream, block after block', () => {
    const n = 3;
    const rng = chainwiseRng(11, n, d);
    const got = Array.from({ length: 2 * n * d }, () => rng.normal());
    const streams = Array.from({ length: n }, (_, j) => createRng(chainSeed(11, j)));
    const want: number[] = [];
    for (let block = 0; block < 2; block++) for (let j = 0; j < n; j++) for (let k = 0; k < d; k++) want.push(streams[j].normal());
    expect(got).toEqual(want);
  });

  it('refuses draws that are not per chain', () => {
    const rng = chainwiseRng(1, 2, 2);
    expect(() => rng.uniform()).toThrow(/only normal/);
    expect(() => rng.int(3)).toThrow(/only normal/);
    expect(() => rng.fork()).toThrow(/only normal/);
  });
});
