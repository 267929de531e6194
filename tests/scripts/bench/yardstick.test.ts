import { describe, expect, it } from 'vitest';
import { yardstickRows } from '../../../scripts/bench/yardstick';
import { SAMPLE_SETS, yardstickNumbers } from '../../../src/core/diffusion/yardstickNumbers';

describe("bench entry 'yardstick'", () => {
  it('prints every stored row’s three numbers, each with its standard error where the row stores one', () => {
    const out = yardstickRows();
    const { n, rows } = yardstickNumbers();
    expect(out.samples_per_set).toBe(n);
    for (const set of SAMPLE_SETS) {
      for (const m of ['confident', 'labelEntropy', 'frechet'] as const) {
        expect(out[`${set}_${m}`]).toBe(rows[set][m]);
        expect(out[`${set}_${m}_se`]).toBe(rows[set].se[m]);
      }
    }
    // the rows scored since the table stores standard errors print them
    expect(out.latent_frechet_se).toBeGreaterThan(0);
  });
});
