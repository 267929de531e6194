/**
 * Batch variational EM for LDA (Blei, Ng & Jordan 2003, §5.3): β (K topics over V words) and
 * the Dirichlet α are fixed unknown parameters; θ_d and z_dn are latent.
 *   E-step: CAVI for every document with (α, β) fixed (eStepDoc), warm-started from the last γ_d;
 *   M-step: β_kw ∝ Σ_d n_dw φ_dwk (closed form), α by Newton–Raphson (newtonAlpha).
 * The ELBO Σ_d L_d recorded after each E-step never decreases: each CAVI update, the β update
 * and each accepted Newton step for α are ascent steps of the same function.
 *
 * The pass can be run in chunks (`advance(n)`): the widget interleaves it with SVI so that every
 * run has seen the same number of documents.
 */
import type { BowCorpus } from './corpus';
import { addElogTheta, DEFAULT_ESTEP, eStepDoc, eStepWork, initGamma, type EStepOptions } from './estep';
import { newtonAlpha } from './alpha';
import { normalizeRows } from './topics';

export interface BatchEmState {
  k: number;
  corpus: BowCorpus;
  /** [K*V] current β */
  beta: Float64Array;
  alpha: Float64Array;
  learnAlpha: boolean;
  /** [D*K] variational Dirichlet parameters, kept between passes (warm start) */
  gamma: Float64Array;
  /** accumulators of the pass in progress */
  sstats: Float64Array;
  sElog: Float64Array;
  bound: number;
  /** next document of the pass in progress */
  cursor: number;
  /** completed passes (EM iterations) */
  iterations: number;
  /** ELBO after each completed E-step, one entry per iteration */
  bounds: number[];
  opts: EStepOptions;
}

export function startBatchEm(corpus: BowCorpus, beta0: Float64Array, alpha0: Float64Array, learnAlpha = true, opts = DEFAULT_ESTEP): BatchEmState {
  const k = alpha0.length;
  if (corpus.docs === 0) throw new Error('batch EM needs at least one document');
  if (beta0.length !== k * corpus.vocab) throw new Error(`β has ${beta0.length} entries, expected K·V = ${k * corpus.vocab}`);
  const gamma = new Float64Array(corpus.docs * k);
  for (let d = 0; d < corpus.docs; d++) initGamma(corpus, d, alpha0, gamma, d * k);
  return {
    k,
    corpus,
    beta: Float64Array.from(beta0),
    alpha: Float64Array.from(alpha0),
    learnAlpha,
    gamma,
    sstats: new Float64Array(k * corpus.vocab),
    sElog: new Float64Array(k),
    bound: 0,
    cursor: 0,
    iterations: 0,
    bounds: [],
    opts,
  };
}

const works = new WeakMap<BatchEmState, ReturnType<typeof eStepWork>>();

/** Processes up to n documents of the current pass; finishes the pass with the M-step. Returns documents processed. */
export function advanceBatchEm(s: BatchEmState, n: number): number {
  let work = works.get(s);
  if (!work) works.set(s, (work = eStepWork(s.k, 64)));
  const c = s.corpus;
  const end = Math.min(c.docs, s.cursor + n);
  for (let d = s.cursor; d < end; d++) {
    const r = eStepDoc(c, d, s.beta, s.alpha, s.gamma, d * s.k, work, s.opts, s.sstats);
    s.bound += r.bound;
    addElogTheta(s.gamma, d * s.k, s.k, s.sElog);
  }
  const done = end - s.cursor;
  s.cursor = end;
  if (s.cursor === c.docs) mStep(s);
  return done;
}

function mStep(s: BatchEmState): void {
  s.bounds.push(s.bound);
  normalizeRows(s.sstats, s.k, s.corpus.vocab, 0, s.beta);
  if (s.learnAlpha) {
    const mean = s.sElog.map((x) => x / s.corpus.docs);
    s.alpha = newtonAlpha(s.alpha, mean);
  }
  s.sstats.fill(0);
  s.sElog.fill(0);
  s.bound = 0;
  s.cursor = 0;
  s.iterations++;
}

/** One full EM iteration; returns the ELBO of its E-step. */
export function batchEmIteration(s: BatchEmState): number {
  while (advanceBatchEm(s, s.corpus.docs) > 0 && s.cursor !== 0);
  return s.bounds[s.bounds.length - 1];
}
