/**
 * Held-out evaluation by document completion (Wallach, Murray, Salakhutdinov & Mimno 2009;
 * the measure of Hoffman et al. 2013): for each test document, fit γ by the E-step on its
 * observed half with the estimated (α̂, β̂), take θ̂ = γ / Σγ, and score the held-out half:
 *   per-word log predictive = Σ_d Σ_w n_dw^held log Σ_k θ̂_dk β̂_kw / Σ_d N_d^held,
 * perplexity = exp(−per-word log predictive). It is a plug-in estimate, not a bound, and the
 * same for every algorithm, so runs can be compared on it.
 */
import type { CompletionSplit } from './corpus';
import { DEFAULT_ESTEP, eStepDoc, eStepWork, initGamma, type EStepOptions } from './estep';

export function heldOutLogPredictive(split: CompletionSplit, beta: Float64Array, alpha: Float64Array, opts: EStepOptions = DEFAULT_ESTEP, maxDocs = Infinity): number {
  const k = alpha.length;
  const { observed, heldOut } = split;
  const v = heldOut.vocab;
  const gamma = new Float64Array(k);
  const work = eStepWork(k, 64);
  let total = 0;
  let tokens = 0;
  const docs = Math.min(observed.docs, maxDocs);
  for (let d = 0; d < docs; d++) {
    initGamma(observed, d, alpha, gamma, 0);
    eStepDoc(observed, d, beta, alpha, gamma, 0, work, opts);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += gamma[j];
    for (let p = heldOut.start[d]; p < heldOut.start[d + 1]; p++) {
      const w = heldOut.ids[p];
      let pw = 0;
      for (let j = 0; j < k; j++) pw += gamma[j] * beta[j * v + w];
      total += heldOut.counts[p] * Math.log(pw / sum);
      tokens += heldOut.counts[p];
    }
  }
  return total / tokens;
}

/** θ̂_d = γ_d / Σγ_d for document d of a corpus, by the E-step with (α̂, β̂). */
export function topicProportions(corpus: CompletionSplit['observed'], d: number, beta: Float64Array, alpha: Float64Array, opts: EStepOptions = DEFAULT_ESTEP): Float64Array {
  const k = alpha.length;
  const gamma = new Float64Array(k);
  initGamma(corpus, d, alpha, gamma, 0);
  eStepDoc(corpus, d, beta, alpha, gamma, 0, eStepWork(k, 64), opts);
  const sum = gamma.reduce((a, b) => a + b, 0);
  return gamma.map((g) => g / sum);
}
