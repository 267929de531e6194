import { describe, expect, it } from 'vitest';
import { batchEmIteration, startBatchEm } from '../../../src/core/lda/batch';
import { heldOutLogPredictive } from '../../../src/core/lda/heldout';
import { normalizeRows, randomStats } from '../../../src/core/lda/topics';
import { matchedTv, SIM, simulatedFixture } from './fixture';

const { train, split, beta } = simulatedFixture();
const { k: K, v: V } = SIM;

describe('batch variational EM for LDA', () => {
  const st = startBatchEm(train, normalizeRows(randomStats(K, V, 1, 1, 1), K, V), new Float64Array(K).fill(0.5));
  const bounds: number[] = [];
  for (let i = 0; i < 60; i++) bounds.push(batchEmIteration(st));

  it('never decreases the ELBO (E-step bound after each M-step)', () => {
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]).toBeGreaterThanOrEqual(bounds[i - 1] - 1e-9 * Math.abs(bounds[i - 1]));
    expect(bounds[bounds.length - 1]).toBeGreaterThan(bounds[0]);
  });

  it('recovers the simulated topics: Hungarian-matched mean total variation below 0.05 (measured 0.03)', () => {
    const tv = matchedTv(beta, st.beta, K, V);
    console.log(`batch EM: matched mean TV ${tv.toFixed(4)}`);
    expect(tv).toBeLessThan(0.05);
  });

  it('predicts held-out words within 0.02 nats per word of the true topics', () => {
    const fitted = heldOutLogPredictive(split, st.beta, st.alpha);
    const truth = heldOutLogPredictive(split, beta, new Float64Array(K).fill(SIM.alpha));
    console.log(`held-out per word: batch ${fitted.toFixed(4)}, true parameters ${truth.toFixed(4)}`);
    expect(Math.abs(fitted - truth)).toBeLessThan(0.02);
  });

  it('M-step β rows are distributions', () => {
    for (let k = 0; k < K; k++) expect(st.beta.subarray(k * V, (k + 1) * V).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
