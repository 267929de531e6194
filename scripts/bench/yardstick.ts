/**
 * Bench entry 'yardstick' (issue 13): the yardstick table that chapters 7 and 8 quote, as stored in
 * src/core/diffusion/yardstickNumbers.json, each number beside its standard error (binomial, delta
 * method, bootstrap: src/core/metrics/yardstickErrors.ts). Re-scoring takes tens of minutes (and
 * PyTorch for the U-Net's row), so the bench prints the stored rows; `npx tsx scripts/yardstickNumbers.ts`
 * remakes them. A row stored without standard errors prints none.
 */
import { SAMPLE_SETS, yardstickNumbers } from '../../src/core/diffusion/yardstickNumbers';
import type { BenchEntry, BenchResult } from './types';

/** Rows <set>_<number> and <set>_<number>_se, and the sample size. */
export function yardstickRows(): BenchResult {
  const { n, rows } = yardstickNumbers();
  const out: BenchResult = { samples_per_set: n };
  for (const set of SAMPLE_SETS) {
    const row = rows[set];
    for (const m of ['confident', 'labelEntropy', 'frechet'] as const) {
      out[`${set}_${m}`] = row[m];
      if (row.se) out[`${set}_${m}_se`] = row.se[m];
    }
  }
  return out;
}

export const yardstickBench: BenchEntry = {
  name: 'yardstick',
  run: () => Promise.resolve(yardstickRows()),
};
