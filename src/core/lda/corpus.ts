/**
 * A bag-of-words corpus in compressed-row form: document d holds the distinct word ids
 * ids[start[d] .. start[d+1]) with their counts. Counts are stored as doubles because the
 * E-step multiplies by them in its inner loop.
 */
import { createRng, permutation } from '../random';

export interface BowCorpus {
  /** number of documents D */
  docs: number;
  /** vocabulary size V */
  vocab: number;
  /** [D+1] offsets into ids/counts */
  start: Uint32Array;
  /** [nnz] word ids in [0, V) */
  ids: Int32Array;
  /** [nnz] counts n_dw ≥ 1 */
  counts: Float64Array;
}

/** Builds a corpus from per-document (id, count) lists; rejects ids outside the vocabulary. */
export function corpusFromDocs(docs: ReadonlyArray<{ ids: ArrayLike<number>; counts: ArrayLike<number> }>, vocab: number): BowCorpus {
  let nnz = 0;
  for (const d of docs) nnz += d.ids.length;
  const start = new Uint32Array(docs.length + 1);
  const ids = new Int32Array(nnz);
  const counts = new Float64Array(nnz);
  let p = 0;
  docs.forEach((d, i) => {
    if (d.ids.length !== d.counts.length) throw new Error(`document ${i}: ${d.ids.length} ids but ${d.counts.length} counts`);
    for (let j = 0; j < d.ids.length; j++) {
      const w = d.ids[j];
      if (!(w >= 0 && w < vocab && Number.isInteger(w))) throw new Error(`document ${i}: word id ${w} outside the vocabulary [0, ${vocab})`);
      if (!(d.counts[j] > 0)) throw new Error(`document ${i}: count ${d.counts[j]} for word ${w} is not positive`);
      ids[p] = w;
      counts[p] = d.counts[j];
      p++;
    }
    start[i + 1] = p;
  });
  return { docs: docs.length, vocab, start, ids, counts };
}

/** The documents at the given indices, as a new corpus (copies). */
export function subsetCorpus(c: BowCorpus, indices: ArrayLike<number>): BowCorpus {
  const docs = [];
  for (let i = 0; i < indices.length; i++) {
    const d = indices[i];
    docs.push({ ids: c.ids.subarray(c.start[d], c.start[d + 1]), counts: c.counts.subarray(c.start[d], c.start[d + 1]) });
  }
  return corpusFromDocs(docs, c.vocab);
}

/** Total number of word tokens Σ_d Σ_w n_dw. */
export function tokenCount(c: BowCorpus): number {
  let n = 0;
  for (let i = 0; i < c.counts.length; i++) n += c.counts[i];
  return n;
}

/** A test document split for document completion: fit θ on `observed`, score `heldOut`. */
export interface CompletionSplit {
  observed: BowCorpus;
  heldOut: BowCorpus;
}

/**
 * Document completion (Wallach et al. 2009; the evaluation of Hoffman et al. 2013): each
 * document's tokens are shuffled by a seeded generator and cut in half; the first half is
 * observed, the second half held out. Documents with fewer than 2 tokens are dropped.
 */
export function completionSplit(c: BowCorpus, seed: number): CompletionSplit {
  const rng = createRng(seed);
  const obs: { ids: number[]; counts: number[] }[] = [];
  const held: { ids: number[]; counts: number[] }[] = [];
  for (let d = 0; d < c.docs; d++) {
    const tokens: number[] = [];
    for (let p = c.start[d]; p < c.start[d + 1]; p++) for (let r = 0; r < c.counts[p]; r++) tokens.push(c.ids[p]);
    if (tokens.length < 2) continue;
    const perm = permutation(rng, tokens.length);
    const half = Math.floor(tokens.length / 2);
    obs.push(bagOf(Array.from(perm.subarray(0, half), (i) => tokens[i])));
    held.push(bagOf(Array.from(perm.subarray(half), (i) => tokens[i])));
  }
  return { observed: corpusFromDocs(obs, c.vocab), heldOut: corpusFromDocs(held, c.vocab) };
}

/** Counts a token list into sorted (id, count) pairs. */
export function bagOf(tokens: ArrayLike<number>): { ids: number[]; counts: number[] } {
  const m = new Map<number, number>();
  for (let i = 0; i < tokens.length; i++) m.set(tokens[i], (m.get(tokens[i]) ?? 0) + 1);
  const ids = [...m.keys()].sort((a, b) => a - b);
  return { ids, counts: ids.map((w) => m.get(w)!) };
}
