/**
 * Stochastic versions of LDA's variational EM, one minibatch of documents per step, with
 * ρ_t = (τ₀ + t)^(−κ):
 *
 * - 'em': online EM (Sato 2001; Cappé & Moulines 2009), the Frequentist twin. β stays a fixed
 *   unknown parameter. Keep a running average of the per-document expected sufficient statistics
 *   s_kw ← (1 − ρ_t) s_kw + ρ_t · (1/|B|) Σ_{d∈B} n_dw φ_dwk and set β_k = s_k / Σ_w s_kw (the
 *   batch M-step applied to the averaged statistics).
 * - 'vb': online variational Bayes = SVI (Hoffman, Blei, Wang & Paisley 2013). β_k gets a
 *   Dirichlet(η) prior and a factor q(β_k) = Dir(λ_k); the natural-gradient step of length ρ_t is
 *   λ_kw ← (1 − ρ_t) λ_kw + ρ_t (η + (D/|B|) Σ_{d∈B} n_dw φ_dwk), and the E-step uses
 *   exp E_q[log β_kw] = exp(ψ(λ_kw) − ψ(Σ_v λ_kv)).
 *
 * Both update α the same way: a running average s_α ← (1 − ρ_t) s_α + ρ_t · mean_B E[log θ_d],
 * then the batch Newton M-step on s_α (newtonAlpha). Memory is K·V + K numbers whatever the
 * number of documents: nothing per document is kept.
 */
import type { BowCorpus } from './corpus';
import { addElogTheta, DEFAULT_ESTEP, eStepDoc, eStepWork, initGamma, type EStepOptions, type EStepWork } from './estep';
import { newtonAlpha, stationaryStatistic } from './alpha';
import { expElogDirichletRows, normalizeRows, randomStats, stepSize } from './topics';

export type OnlineMode = 'em' | 'vb';

export interface OnlineSettings {
  mode: OnlineMode;
  k: number;
  v: number;
  kappa: number;
  tau0: number;
  /** online VB only: the number of documents D the stream stands for, and the topic prior η */
  docs?: number;
  eta?: number;
  alpha0: number;
  learnAlpha: boolean;
  seed: number;
  estep?: EStepOptions;
}

export interface OnlineState {
  settings: OnlineSettings;
  /** [K*V] 'em': averaged statistics s; 'vb': λ */
  stats: Float64Array;
  /** [K*V] what the E-step multiplies by: β ('em') or exp E[log β] ('vb') */
  eTopics: Float64Array;
  alpha: Float64Array;
  sAlpha: Float64Array;
  /** minibatches done */
  t: number;
  /** documents seen */
  seen: number;
  work: EStepWork;
  gamma: Float64Array;
}

/** Entries of s are floored at this (per document, in token units) so that a word no recent minibatch contained keeps β_kw > 0. */
export const EM_STATS_FLOOR = 1e-10;
export const DEFAULT_ETA = 0.01;

export function startOnline(settings: OnlineSettings): OnlineState {
  const { k, v, mode } = settings;
  if (!(settings.kappa > 0.5 && settings.kappa <= 1)) throw new Error(`κ = ${settings.kappa}: the Robbins–Monro conditions need κ in (0.5, 1]`);
  if (!(settings.tau0 >= 1)) throw new Error(`τ₀ = ${settings.tau0}: must be at least 1`);
  if (mode === 'vb' && !(settings.docs && settings.docs > 0)) throw new Error('online VB needs the number of documents D the stream stands for');
  const alpha = new Float64Array(k).fill(settings.alpha0);
  // Hoffman et al.'s start: λ ~ Gamma(100, 1/100) · D·N̄/(K·V)-ish scale does not matter for 'em'.
  const stats = randomStats(k, v, settings.seed, mode === 'vb' ? 1 : 1 / v);
  const s: OnlineState = {
    settings,
    stats,
    eTopics: new Float64Array(k * v),
    alpha,
    sAlpha: stationaryStatistic(alpha),
    t: 0,
    seen: 0,
    work: eStepWork(k, 64),
    gamma: new Float64Array(k),
  };
  refreshTopics(s);
  return s;
}

/** Recomputes what the E-step multiplies by from the statistics (after a step or a restore). */
export function refreshTopics(s: OnlineState): void {
  const { k, v, mode } = s.settings;
  if (mode === 'vb') expElogDirichletRows(s.stats, k, v, s.eTopics);
  else normalizeRows(s.stats, k, v, EM_STATS_FLOOR, s.eTopics);
}

/** The point estimate of β: 'em' β itself; 'vb' E_q[β_k] = λ_k / Σ_w λ_kw. */
export function onlineBeta(s: OnlineState, out?: Float64Array): Float64Array {
  const { k, v, mode } = s.settings;
  return normalizeRows(s.stats, k, v, mode === 'em' ? EM_STATS_FLOOR : 0, out);
}

export interface OnlineStepResult {
  rho: number;
  /** mean over the minibatch of the documents' ELBO terms (E-step bound under the current topics) */
  meanDocBound: number;
  meanIterations: number;
}

/**
 * One stochastic step on the documents `docs` of `corpus` (the minibatch B).
 * @param scratch [K*V] reused buffer for the minibatch statistics
 */
export function onlineStep(s: OnlineState, corpus: BowCorpus, docs: ArrayLike<number>, scratch: Float64Array): OnlineStepResult {
  const { k, v, mode } = s.settings;
  if (corpus.vocab !== v) throw new Error(`minibatch vocabulary ${corpus.vocab} ≠ model vocabulary ${v}`);
  const n = docs.length;
  if (n === 0) throw new Error('empty minibatch');
  scratch.fill(0);
  const elog = new Float64Array(k);
  let bound = 0;
  let iters = 0;
  const opts = s.settings.estep ?? DEFAULT_ESTEP;
  for (let i = 0; i < n; i++) {
    const d = docs[i];
    initGamma(corpus, d, s.alpha, s.gamma, 0);
    const r = eStepDoc(corpus, d, s.eTopics, s.alpha, s.gamma, 0, s.work, opts, scratch);
    bound += r.bound;
    iters += r.iterations;
    addElogTheta(s.gamma, 0, k, elog);
  }
  const rho = stepSize(s.t, s.settings.tau0, s.settings.kappa);
  const keep = 1 - rho;
  if (mode === 'em') {
    const c = rho / n;
    for (let i = 0; i < k * v; i++) s.stats[i] = keep * s.stats[i] + c * scratch[i];
  } else {
    const eta = s.settings.eta ?? DEFAULT_ETA;
    const c = (rho * (s.settings.docs as number)) / n;
    for (let i = 0; i < k * v; i++) s.stats[i] = keep * s.stats[i] + rho * eta + c * scratch[i];
  }
  if (s.settings.learnAlpha) {
    for (let j = 0; j < k; j++) s.sAlpha[j] = keep * s.sAlpha[j] + (rho * elog[j]) / n;
    s.alpha = newtonAlpha(s.alpha, s.sAlpha, 20);
  }
  refreshTopics(s);
  s.t++;
  s.seen += n;
  return { rho, meanDocBound: bound / n, meanIterations: iters / n };
}
