/** One simulated corpus from known topics, shared by the recovery tests (K = 5, V = 200). */
import munkres from 'munkres';
import { completionSplit, subsetCorpus } from '../../../src/core/lda/corpus';
import { simulateCorpus, totalVariation } from '../../../src/core/lda/simulate';

export const SIM = { k: 5, v: 200, docs: 2200, length: 80, alpha: 0.2, eta: 0.05, seed: 3 };
export const TRAIN_DOCS = 2000;

export function simulatedFixture() {
  const { corpus, beta } = simulateCorpus(SIM);
  const train = subsetCorpus(corpus, Array.from({ length: TRAIN_DOCS }, (_, i) => i));
  const split = completionSplit(subsetCorpus(corpus, Array.from({ length: SIM.docs - TRAIN_DOCS }, (_, i) => TRAIN_DOCS + i)), 5);
  return { train, split, beta };
}

/** Mean total-variation distance between true and estimated topics, matched by the Hungarian algorithm. */
export function matchedTv(truth: Float64Array, est: Float64Array, k: number, v: number): number {
  const cost = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => totalVariation(truth, i, est, j, v)));
  return munkres(cost).reduce((s, [i, j]) => s + cost[i][j], 0) / k;
}
