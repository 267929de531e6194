/**
 * LDA on a corpus streamed one document (one line of text) at a time, so that a corpus larger
 * than memory can be fitted: online EM or SVI (online.ts) on minibatches of B documents, with
 * nothing kept per document. What is held: the K·V statistics, one minibatch, the shuffle
 * buffer, the held-out documents and, with a vocabulary built from the stream, the word counts
 * of the first pass (one entry per distinct word, not per document).
 *
 * Pure: the lines come from any AsyncIterable<string> (scripts/lab/ldaStream.ts reads a file
 * with node:readline; a test can pass an array).
 */
import { createRng, type Rng } from '../random';
import { completionSplit, corpusFromDocs, type BowCorpus, type CompletionSplit } from './corpus';
import { heldOutLogPredictive } from './heldout';
import { onlineBeta, onlineStep, startOnline, type OnlineMode, type OnlineState } from './online';
import { bagOfWords, tokenize } from './tokenize';

export type Bag = { ids: number[]; counts: number[] };

export interface VocabularyOptions {
  /** keep at most this many words, the most frequent by document frequency */
  size: number;
  /** a word must occur in at least this many documents */
  minDf: number;
  /** and in at most this fraction of them (drops a corpus's own stop words) */
  maxDfFraction: number;
  stopWords: ReadonlySet<string>;
}

/**
 * First streaming pass: document frequencies of every token, then the rules of
 * scripts/buildCorpus.ts (min and max document frequency, stop words, the `size` most frequent).
 * Memory grows with the number of distinct words, not with the number of documents.
 */
export async function buildVocabulary(lines: AsyncIterable<string>, o: VocabularyOptions): Promise<{ vocabulary: string[]; docs: number }> {
  const df = new Map<string, number>();
  let docs = 0;
  for await (const line of lines) {
    docs++;
    for (const w of new Set(tokenize(line))) if (!o.stopWords.has(w)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const maxDf = o.maxDfFraction * docs;
  const vocabulary = [...df.entries()]
    .filter(([, c]) => c >= o.minDf && c <= maxDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.size)
    .map(([w]) => w);
  return { vocabulary, docs };
}

/**
 * A shuffle buffer (as in tf.data): holds `size` documents; each new one takes the place of a
 * uniformly chosen held one, which is emitted. A file sorted by date (addresses, news) would
 * otherwise feed SVI a drifting stream; a buffer of a few thousand documents breaks the order
 * locally at a memory cost of `size` documents.
 */
export class ShuffleBuffer {
  private readonly held: Bag[] = [];
  constructor(
    private readonly size: number,
    private readonly rng: Rng,
  ) {}
  /** Adds a document; returns the one it displaces (or null while the buffer fills). */
  push(doc: Bag): Bag | null {
    if (this.size <= 0) return doc;
    if (this.held.length < this.size) {
      this.held.push(doc);
      return null;
    }
    const i = Math.floor(this.rng.uniform() * this.size);
    const out = this.held[i];
    this.held[i] = doc;
    return out;
  }
  /** Empties the buffer in random order. */
  drain(): Bag[] {
    const out: Bag[] = [];
    while (this.held.length > 0) {
      const i = Math.floor(this.rng.uniform() * this.held.length);
      out.push(this.held[i]);
      this.held[i] = this.held[this.held.length - 1];
      this.held.pop();
    }
    return out;
  }
}

export interface StreamFitSettings {
  mode: OnlineMode;
  k: number;
  kappa: number;
  tau0: number;
  /** documents per minibatch B */
  batch: number;
  passes: number;
  alpha0: number;
  learnAlpha: boolean;
  seed: number;
  /** the first `holdout` documents of the stream are held out (document completion), never trained on */
  holdout: number;
  /** shuffle buffer size in documents (0 = stream order) */
  shuffle: number;
  /** online VB: the number of training documents D (counted by a first pass when unknown) */
  docs?: number;
  eta?: number;
}

export interface BatchReport {
  pass: number;
  /** minibatches done so far */
  t: number;
  seen: number;
  rho: number;
  meanDocBound: number;
}

export interface PassReport {
  pass: number;
  seen: number;
  /** seconds spent in training steps this pass (reading, tokenizing and stepping; not evaluation) */
  seconds: number;
  docsPerSecond: number;
  /** held-out per-word log predictive after the pass (NaN without held-out documents) */
  heldOut: number;
}

export interface StreamFitHooks {
  onBatch?(r: BatchReport, state: OnlineState): void;
  onPass?(r: PassReport, state: OnlineState): void;
}

export interface StreamFitResult {
  state: OnlineState;
  passes: PassReport[];
  /** training documents per pass (lines with at least one vocabulary word, minus the held-out ones) */
  trainDocs: number;
  skipped: number;
  heldOutDocs: number;
}

const now = (): number => globalThis.performance.now();

/**
 * Fits LDA by online EM or SVI on the documents `openLines()` yields, `passes` times (each pass
 * reopens the stream). Lines with no vocabulary word are skipped and counted.
 */
export async function fitStream(openLines: () => AsyncIterable<string>, vocabulary: readonly string[], s: StreamFitSettings, hooks: StreamFitHooks = {}): Promise<StreamFitResult> {
  if (!(s.batch >= 1 && Number.isInteger(s.batch))) throw new Error(`batch size must be a positive integer, got ${s.batch}`);
  if (!(s.passes >= 1 && Number.isInteger(s.passes))) throw new Error(`passes must be a positive integer, got ${s.passes}`);
  if (vocabulary.length === 0) throw new Error('empty vocabulary: no word of the corpus passed the vocabulary rules');
  const index = new Map(vocabulary.map((w, i) => [w, i]));
  const v = vocabulary.length;
  let docs = s.docs;
  if (s.mode === 'vb' && docs === undefined) {
    let n = 0;
    for await (const line of openLines()) if (bagOfWords(line, index).ids.length > 0) n++;
    docs = Math.max(1, n - s.holdout);
  }
  const state = startOnline({ mode: s.mode, k: s.k, v, kappa: s.kappa, tau0: s.tau0, docs, eta: s.eta, alpha0: s.alpha0, learnAlpha: s.learnAlpha, seed: s.seed });
  const scratch = new Float64Array(s.k * v);
  const rng = createRng(s.seed + 1);
  const held: Bag[] = [];
  let split: CompletionSplit | null = null;
  const passes: PassReport[] = [];
  let trainDocs = 0;
  let skipped = 0;
  for (let pass = 0; pass < s.passes; pass++) {
    const buffer = new ShuffleBuffer(s.shuffle, rng);
    let pending: Bag[] = [];
    let seenThisPass = 0;
    let seconds = 0;
    let t0 = now();
    const flush = () => {
      const mb: BowCorpus = corpusFromDocs(pending, v);
      const r = onlineStep(state, mb, Array.from({ length: pending.length }, (_, i) => i), scratch);
      seenThisPass += pending.length;
      pending = [];
      seconds += now() - t0;
      hooks.onBatch?.({ pass, t: state.t, seen: state.seen, rho: r.rho, meanDocBound: r.meanDocBound }, state);
      t0 = now();
    };
    const take = (doc: Bag | null) => {
      if (!doc) return;
      pending.push(doc);
      if (pending.length === s.batch) flush();
    };
    let line = 0;
    for await (const text of openLines()) {
      const bag = bagOfWords(text, index);
      if (bag.ids.length === 0) {
        if (pass === 0) skipped++;
        continue;
      }
      if (line++ < s.holdout) {
        if (pass === 0) held.push(bag);
        continue;
      }
      take(buffer.push(bag));
    }
    for (const d of buffer.drain()) take(d);
    if (pending.length > 0) flush();
    if (pass === 0) {
      trainDocs = seenThisPass;
      if (trainDocs === 0) throw new Error(`no training documents: all ${held.length} documents with a vocabulary word were held out (--holdout ${s.holdout})`);
    }
    if (split === null && held.length > 0) split = completionSplit(corpusFromDocs(held, v), s.seed + 2);
    const heldOut = split && split.observed.docs > 0 ? heldOutLogPredictive(split, onlineBeta(state), state.alpha) : NaN;
    const report = { pass, seen: state.seen, seconds: seconds / 1000, docsPerSecond: seenThisPass / (seconds / 1000), heldOut };
    passes.push(report);
    hooks.onPass?.(report, state);
  }
  return { state, passes, trainDocs, skipped, heldOutDocs: held.length };
}
