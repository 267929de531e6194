/**
 * The computations behind chapter 10's numbers (scripts/ldaNumbers.ts runs them at full size and
 * writes chapterNumbers.json; tests/core/lda/chapterNumbers.test.ts reruns the α̂ study at a small
 * size and checks the stored numbers against the prose's claims).
 */
import { batchEmIteration, startBatchEm } from './batch';
import { completionSplit, tokenCount, type BowCorpus, type CompletionSplit } from './corpus';
import { heldOutLogPredictive } from './heldout';
import { advanceRun, runEstimate, startRun, type RunSpec } from './race';
import { simulateCorpus } from './simulate';
import { normalizeRows, randomStats, topWordIds } from './topics';

const now = (): number => globalThis.performance.now();

export interface RaceCurve {
  label: string;
  /** held-out log predictive per word after each pass (index 0 = after pass 1) */
  heldOut: number[];
  /** documents per second of training (this run alone) */
  docsPerSecond: number;
  alphaMean: number;
  /** each topic's 6 most probable word ids at the end */
  topWords: number[][];
}

/** Runs one spec for `passes` passes; scores the full held-out set after each pass. */
export function raceCurve(spec: RunSpec, train: BowCorpus, split: CompletionSplit, k: number, passes: number, seed: number, alpha0 = 0.5): RaceCurve {
  const r = startRun(spec, train, { k, alpha0, seed });
  const heldOut: number[] = [];
  let ms = 0;
  for (let p = 0; p < passes; p++) {
    let done = 0;
    const t0 = now();
    while (done < train.docs) done += advanceRun(r, train, Math.min(spec.batch, train.docs - done), seed);
    ms += now() - t0;
    const e = runEstimate(r);
    heldOut.push(heldOutLogPredictive(split, e.beta, e.alpha));
  }
  const { alpha: a, beta } = runEstimate(r);
  return { label: spec.label, heldOut, docsPerSecond: (passes * train.docs) / (ms / 1000), alphaMean: a.reduce((x, y) => x + y, 0) / a.length, topWords: topWordIds(beta, k, train.vocab, 6) };
}

/** The α̂ study of the chapter: symmetric α = 0.2, 2,000 documents, three document lengths. */
export const ALPHA_STUDY = { alpha: 0.2, docs: 2000, iterations: 100, seed: 21, lengths: [20, 80, 320] };

export interface AlphaBiasRow {
  /** words per document */
  length: number;
  /** mean α̂_k from variational EM with α and β estimated, from a random β (the batch widget's start) */
  alphaHat: number;
  /** the ELBO it ends at */
  bound: number;
  /** the same, started from the true β */
  alphaHatTruthStart: number;
  boundTruthStart: number;
  /** mean α̂_k with β held at the truth (only the E-step's approximation left) */
  alphaHatKnownBeta: number;
}

/**
 * Variational EM's α̂ on corpora simulated from LDA with a known symmetric α (K = 5, V = 200,
 * η = 0.05): from a random start, from the true topics, and with the topics known.
 */
export function alphaBias(lengths: readonly number[], opts: { alpha: number; docs: number; iterations: number; seed: number }): AlphaBiasRow[] {
  const k = 5;
  const v = 200;
  const mean = (a: Float64Array) => a.reduce((x, y) => x + y, 0) / a.length;
  return lengths.map((length) => {
    const { corpus, beta } = simulateCorpus({ k, v, docs: opts.docs, length, alpha: opts.alpha, eta: 0.05, seed: opts.seed });
    const alpha0 = new Float64Array(k).fill(0.5);
    const random = startBatchEm(corpus, normalizeRows(randomStats(k, v, opts.seed + 10, 1, 1), k, v), alpha0);
    const truth = startBatchEm(corpus, beta, alpha0);
    const known = startBatchEm(corpus, beta, alpha0);
    for (let i = 0; i < opts.iterations; i++) {
      batchEmIteration(random);
      batchEmIteration(truth);
      batchEmIteration(known);
      known.beta.set(beta); // β held at the truth: only α is estimated
    }
    const last = (b: number[]) => b[b.length - 1];
    return {
      length,
      alphaHat: mean(random.alpha),
      bound: last(random.bounds),
      alphaHatTruthStart: mean(truth.alpha),
      boundTruthStart: last(truth.bounds),
      alphaHatKnownBeta: mean(known.alpha),
    };
  });
}

/** Mean tokens per document. */
export function meanLength(c: BowCorpus): number {
  return tokenCount(c) / c.docs;
}

/** The held-out split the chapter scores on. */
export function chapterSplit(test: BowCorpus, seed: number): CompletionSplit {
  return completionSplit(test, seed);
}
