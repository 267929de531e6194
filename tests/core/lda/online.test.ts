import { describe, expect, it } from 'vitest';
import { batchEmIteration, startBatchEm } from '../../../src/core/lda/batch';
import { heldOutLogPredictive } from '../../../src/core/lda/heldout';
import { onlineBeta, onlineStep, startOnline, type OnlineMode } from '../../../src/core/lda/online';
import { normalizeRows, randomStats, stepSize } from '../../../src/core/lda/topics';
import { createRng, permutation } from '../../../src/core/random';
import { matchedTv, SIM, simulatedFixture, TRAIN_DOCS } from './fixture';

const { train, split, beta } = simulatedFixture();
const { k: K, v: V } = SIM;

function fitOnline(mode: OnlineMode, epochs: number, batch = 50) {
  const o = startOnline({ mode, k: K, v: V, kappa: 0.7, tau0: 16, docs: TRAIN_DOCS, alpha0: 0.5, learnAlpha: true, seed: 2 });
  const rng = createRng(12);
  const scratch = new Float64Array(K * V);
  for (let e = 0; e < epochs; e++) {
    const perm = permutation(rng, TRAIN_DOCS);
    for (let i = 0; i + batch <= TRAIN_DOCS; i += batch) onlineStep(o, train, perm.subarray(i, i + batch), scratch);
  }
  return o;
}

describe('online EM and SVI (online VB) for LDA', () => {
  const batch = startBatchEm(train, normalizeRows(randomStats(K, V, 1, 1, 1), K, V), new Float64Array(K).fill(0.5));
  for (let i = 0; i < 60; i++) batchEmIteration(batch);
  const batchHeld = heldOutLogPredictive(split, batch.beta, batch.alpha);

  for (const mode of ['em', 'vb'] as const) {
    it(`${mode}: recovers the topics (matched mean TV below 0.05) and reaches the batch held-out score within 0.01 nats per word after 5 passes`, () => {
      const o = fitOnline(mode, 5);
      const tv = matchedTv(beta, onlineBeta(o), K, V);
      const held = heldOutLogPredictive(split, onlineBeta(o), o.alpha);
      console.log(`${mode}: TV ${tv.toFixed(4)}, held-out ${held.toFixed(4)} vs batch ${batchHeld.toFixed(4)}`);
      expect(tv).toBeLessThan(0.05);
      expect(Math.abs(held - batchHeld)).toBeLessThan(0.01);
    });
  }

  it('uses ρ_t = (τ₀ + t)^(−κ) and keeps every β row a distribution', () => {
    const o = fitOnline('em', 0);
    const r = onlineStep(o, train, [0, 1, 2], new Float64Array(K * V));
    expect(r.rho).toBeCloseTo(stepSize(0, 16, 0.7), 15);
    expect(r.rho).toBeCloseTo(Math.pow(16, -0.7), 15);
    const b = onlineBeta(o);
    for (let k = 0; k < K; k++) expect(b.subarray(k * V, (k + 1) * V).reduce((a, x) => a + x, 0)).toBeCloseTo(1, 12);
  });

  it('online EM with one minibatch = the whole corpus and ρ = 1 is one batch M-step', () => {
    const beta0 = normalizeRows(randomStats(K, V, 4, 1, 1), K, V);
    const alpha0 = new Float64Array(K).fill(0.5);
    const b = startBatchEm(train, beta0, alpha0, false);
    batchEmIteration(b);
    const o = startOnline({ mode: 'em', k: K, v: V, kappa: 1, tau0: 1, alpha0: 0.5, learnAlpha: false, seed: 4 });
    o.eTopics.set(beta0);
    onlineStep(o, train, Array.from({ length: TRAIN_DOCS }, (_, i) => i), new Float64Array(K * V));
    const ob = onlineBeta(o);
    let maxDiff = 0;
    for (let i = 0; i < K * V; i++) maxDiff = Math.max(maxDiff, Math.abs(ob[i] - b.beta[i]));
    expect(maxDiff).toBeLessThan(1e-8);
  });

  it('rejects step sizes outside Robbins–Monro and online VB without D, with a clear message', () => {
    const base = { mode: 'em' as const, k: K, v: V, kappa: 0.7, tau0: 16, alpha0: 0.5, learnAlpha: true, seed: 1 };
    expect(() => startOnline({ ...base, kappa: 0.5 })).toThrow(/\(0\.5, 1\]/);
    expect(() => startOnline({ ...base, kappa: 1.2 })).toThrow(/\(0\.5, 1\]/);
    expect(() => startOnline({ ...base, tau0: 0.5 })).toThrow(/at least 1/);
    expect(() => startOnline({ ...base, mode: 'vb' })).toThrow(/number of documents/);
  });
});
