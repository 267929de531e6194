/**
 * The per-document E-step of LDA (Blei, Ng & Jordan 2003, §5.2): coordinate ascent on the
 * mean-field factors q(θ_d) = Dir(γ_d), q(z_dn) = Cat(φ_dn) with the topics fixed.
 *
 * With E[log θ_k] = ψ(γ_k) − ψ(Σ_j γ_j) and B_kw = exp E[log β_kw] (the topic matrix itself
 * for a point estimate of β; exp(ψ(λ_kw) − ψ(Σ_v λ_kv)) under a Dirichlet q(β)):
 *   φ_wk ∝ exp(E[log θ_k]) B_kw,            (one φ per distinct word: tokens of a word share it)
 *   γ_k  = α_k + Σ_w n_w φ_wk.
 * φ is never stored: φ_wk = e_k B_kw / Z_w with e_k = exp E[log θ_k] and Z_w = Σ_k e_k B_kw.
 */
import { digamma, logGamma } from './special';
import type { BowCorpus } from './corpus';

export interface EStepOptions {
  /** stop when the mean absolute change of γ is below this */
  tol: number;
  maxIter: number;
}

/** Hoffman et al.'s settings: mean absolute change of γ below 0.001, at most 100 sweeps. */
export const DEFAULT_ESTEP: EStepOptions = { tol: 1e-3, maxIter: 100 };

/** Scratch space reused across documents (no allocation per document). */
export interface EStepWork {
  /** [maxLen*K] B_kw gathered for the document's words, word-major */
  b: Float64Array;
  /** [K] exp E[log θ_k] */
  e: Float64Array;
  /** [K] new γ */
  g: Float64Array;
  /** [maxLen] Z_w */
  z: Float64Array;
}

export function eStepWork(k: number, maxLen: number): EStepWork {
  return { b: new Float64Array(maxLen * k), e: new Float64Array(k), g: new Float64Array(k), z: new Float64Array(maxLen) };
}

function ensure(work: EStepWork, k: number, len: number): EStepWork {
  if (work.z.length >= len && work.e.length === k) return work;
  const grown = eStepWork(k, Math.max(len, 2 * work.z.length));
  Object.assign(work, grown);
  return work;
}

function expElogTheta(gamma: Float64Array, gOff: number, k: number, out: Float64Array): void {
  let sum = 0;
  for (let j = 0; j < k; j++) sum += gamma[gOff + j];
  const ps = digamma(sum);
  for (let j = 0; j < k; j++) out[j] = Math.exp(digamma(gamma[gOff + j]) - ps);
}

export interface DocResult {
  iterations: number;
  /** this document's term of the ELBO at (φ*(γ), γ) */
  bound: number;
}

/**
 * Runs CAVI for document d of `corpus`, starting from gamma[gOff .. gOff+K) and leaving the
 * converged γ there. Adds n_w φ_wk · scale into sstats [K*V] when given. Returns the
 * document's ELBO term at the returned γ with φ at its optimum given γ; with φ optimal, the
 * z and w parts Σ_w n_w Σ_k φ_wk (E[log θ_k] + log B_kw − log φ_wk) collapse to Σ_w n_w log Z_w,
 * and thetaTerm adds the θ part.
 */
export function eStepDoc(
  corpus: BowCorpus,
  d: number,
  topics: Float64Array,
  alpha: Float64Array,
  gamma: Float64Array,
  gOff: number,
  work: EStepWork,
  opts: EStepOptions = DEFAULT_ESTEP,
  sstats?: Float64Array,
  scale = 1,
): DocResult {
  const k = alpha.length;
  const v = corpus.vocab;
  const s0 = corpus.start[d];
  const len = corpus.start[d + 1] - s0;
  ensure(work, k, len);
  const { b, e, g, z } = work;
  const ids = corpus.ids;
  const counts = corpus.counts;
  for (let i = 0; i < len; i++) {
    const w = ids[s0 + i];
    for (let j = 0; j < k; j++) b[i * k + j] = topics[j * v + w];
  }
  let it = 0;
  for (; it < opts.maxIter; it++) {
    expElogTheta(gamma, gOff, k, e);
    g.fill(0);
    for (let i = 0; i < len; i++) {
      let zw = 0;
      const o = i * k;
      for (let j = 0; j < k; j++) zw += e[j] * b[o + j];
      const c = counts[s0 + i] / zw;
      for (let j = 0; j < k; j++) g[j] += c * b[o + j];
    }
    let change = 0;
    for (let j = 0; j < k; j++) {
      const nj = alpha[j] + e[j] * g[j];
      change += Math.abs(nj - gamma[gOff + j]);
      gamma[gOff + j] = nj;
    }
    if (change / k < opts.tol) {
      it++;
      break;
    }
  }
  // Final φ*(γ) pass: the bound and the sufficient statistics use the same (φ, γ) pair.
  expElogTheta(gamma, gOff, k, e);
  let wordTerm = 0;
  for (let i = 0; i < len; i++) {
    let zw = 0;
    const o = i * k;
    for (let j = 0; j < k; j++) zw += e[j] * b[o + j];
    z[i] = zw;
    wordTerm += counts[s0 + i] * Math.log(zw);
  }
  if (sstats) {
    for (let i = 0; i < len; i++) {
      const w = ids[s0 + i];
      const c = (scale * counts[s0 + i]) / z[i];
      const o = i * k;
      for (let j = 0; j < k; j++) sstats[j * v + w] += c * e[j] * b[o + j];
    }
  }
  return { iterations: it, bound: wordTerm + thetaTerm(alpha, gamma, gOff) };
}

/**
 * The θ part of a document's ELBO: E_q[log p(θ | α)] − E_q[log q(θ)]
 *   = log Γ(Σα) − Σ log Γ(α_k) + Σ_k (α_k − γ_k) E[log θ_k] − log Γ(Σγ) + Σ log Γ(γ_k).
 * With φ at its optimum given γ, the z and w parts add up to Σ_w n_w log Z_w (see eStepDoc).
 */
export function thetaTerm(alpha: Float64Array, gamma: Float64Array, gOff = 0): number {
  const k = alpha.length;
  let sa = 0;
  let sg = 0;
  for (let j = 0; j < k; j++) {
    sa += alpha[j];
    sg += gamma[gOff + j];
  }
  const psg = digamma(sg);
  let t = logGamma(sa) - logGamma(sg);
  for (let j = 0; j < k; j++) {
    const el = digamma(gamma[gOff + j]) - psg;
    t += -logGamma(alpha[j]) + logGamma(gamma[gOff + j]) + (alpha[j] - gamma[gOff + j]) * el;
  }
  return t;
}

/** Adds E[log θ_dk] = ψ(γ_dk) − ψ(Σγ_d) into acc [K] (the sufficient statistic for α). */
export function addElogTheta(gamma: Float64Array, gOff: number, k: number, acc: Float64Array): void {
  let sum = 0;
  for (let j = 0; j < k; j++) sum += gamma[gOff + j];
  const ps = digamma(sum);
  for (let j = 0; j < k; j++) acc[j] += digamma(gamma[gOff + j]) - ps;
}

/** The usual starting γ: α_k + N_d / K (every topic equally likely). */
export function initGamma(corpus: BowCorpus, d: number, alpha: Float64Array, gamma: Float64Array, gOff: number): void {
  const k = alpha.length;
  let n = 0;
  for (let p = corpus.start[d]; p < corpus.start[d + 1]; p++) n += corpus.counts[p];
  for (let j = 0; j < k; j++) gamma[gOff + j] = alpha[j] + n / k;
}
