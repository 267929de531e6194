/**
 * Random numbers per reverse chain. The samplers (./sampler.ts, ./ddim.ts) draw their normals for a
 * batch of n chains in blocks of n·d, row by row: the starting x_T, then each step's noise. A single
 * stream shared by the batch makes chain j's draws depend on n, so the first chains of a large
 * sample set cannot be redrawn alone. `chainwiseRng` routes the k-th normal of a block to chain
 * ⌊k / d⌋'s own stream, seeded by (seed, j): chain j then follows the same path whatever the batch
 * size, and a test can redraw the first few chains of a 2,000-chain sample set with another
 * engine (scripts/yardstickNumbers.ts, tests/core/diffusion/yardstickUnet.test.ts).
 */
import { createRng, type Rng } from '../random';

/** The seed of chain j's stream. */
export function chainSeed(seed: number, chain: number): number {
  return (Math.imul(seed, 0x9e3779b1) + chain * 7919 + 1) >>> 0;
}

/** An Rng for n chains of dimension d whose normals come from one stream per chain (uniform and int are refused). */
export function chainwiseRng(seed: number, n: number, d: number): Rng {
  const streams = Array.from({ length: n }, (_, j) => createRng(chainSeed(seed, j)));
  let k = 0;
  const refuse = (what: string) => () => {
    throw new Error(`chainwiseRng: only normal() is per chain; ${what}() would tie chains together`);
  };
  return {
    seed,
    normal() {
      const chain = Math.floor(k / d) % n;
      k = (k + 1) % (n * d);
      return streams[chain].normal();
    },
    uniform: refuse('uniform'),
    int: refuse('int'),
    fork: refuse('fork'),
  };
}
