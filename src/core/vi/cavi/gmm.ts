/**
 * CAVI for the Bayesian Gaussian mixture of Blei, Kucukelbir & McAuliffe (2017, §3), in D dims:
 *
 *   μ_k ~ N(0, σ² I),  k = 1…K;   c_i ~ Cat(1/K);   x_i | c_i, μ ~ N(μ_{c_i}, I).
 *
 * Read as a random-effects model, σ² is a hyperparameter (a fixed unknown); `estimateSigma2` turns
 * on its M-step, σ² = (1/(K D)) Σ_k E_q|μ_k|², which is variational EM.
 * Mean-field family: q(μ_k) = N(m_k, s²_k I), q(c_i) = Cat(φ_i).
 * Layout: x [n*D], m [K*D], s2 [K], phi [n*K], all row-major.
 */
import type { Rng } from '../../random';

const LOG_2PI = Math.log(2 * Math.PI);

export interface GmmVariational {
  m: Float64Array;
  s2: Float64Array;
  phi: Float64Array;
}

export interface GmmProblem {
  x: Float64Array;
  n: number;
  D: number;
  K: number;
  sigma2: number;
}

/** φ_ik ∝ exp{E[μ_k]ᵀx_i − E[μ_kᵀμ_k]/2}, with E[μ_kᵀμ_k] = D s²_k + |m_k|². */
export function updateAssignments(prob: GmmProblem, q: GmmVariational): void {
  const { x, n, D, K } = prob;
  const logits = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      let dot = 0;
      let sq = 0;
      for (let d = 0; d < D; d++) {
        dot += q.m[k * D + d] * x[i * D + d];
        sq += q.m[k * D + d] ** 2;
      }
      logits[k] = dot - 0.5 * (D * q.s2[k] + sq);
      if (logits[k] > max) max = logits[k];
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += (logits[k] = Math.exp(logits[k] - max));
    for (let k = 0; k < K; k++) q.phi[i * K + k] = logits[k] / sum;
  }
}

/** m_k = Σ_i φ_ik x_i / (1/σ² + Σ_i φ_ik), s²_k = 1 / (1/σ² + Σ_i φ_ik). */
export function updateMean(prob: GmmProblem, q: GmmVariational, k: number): void {
  const { x, n, D, K, sigma2 } = prob;
  let count = 0;
  const sum = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    const f = q.phi[i * K + k];
    count += f;
    for (let d = 0; d < D; d++) sum[d] += f * x[i * D + d];
  }
  const precision = 1 / sigma2 + count;
  for (let d = 0; d < D; d++) q.m[k * D + d] = sum[d] / precision;
  q.s2[k] = 1 / precision;
}

/** The hyperparameter's M-step: σ² = Σ_k (D s²_k + |m_k|²) / (K D). */
export function updateSigma2(prob: GmmProblem, q: GmmVariational): number {
  const { D, K } = prob;
  let total = 0;
  for (let k = 0; k < K; k++) {
    total += D * q.s2[k];
    for (let d = 0; d < D; d++) total += q.m[k * D + d] ** 2;
  }
  return total / (K * D);
}

/** ELBO = E_q[log p(μ) + log p(c) + log p(x | c, μ)] − E_q[log q(c) + log q(μ)]. */
export function gmmElbo(prob: GmmProblem, q: GmmVariational): number {
  const { x, n, D, K, sigma2 } = prob;
  let total = 0;
  for (let k = 0; k < K; k++) {
    let sq = 0;
    for (let d = 0; d < D; d++) sq += q.m[k * D + d] ** 2;
    total += -0.5 * D * (LOG_2PI + Math.log(sigma2)) - (D * q.s2[k] + sq) / (2 * sigma2);
    total += 0.5 * D * (LOG_2PI + 1 + Math.log(q.s2[k]));
  }
  for (let i = 0; i < n; i++) {
    let xx = 0;
    for (let d = 0; d < D; d++) xx += x[i * D + d] ** 2;
    for (let k = 0; k < K; k++) {
      const f = q.phi[i * K + k];
      if (f === 0) continue;
      let dot = 0;
      let sq = 0;
      for (let d = 0; d < D; d++) {
        dot += x[i * D + d] * q.m[k * D + d];
        sq += q.m[k * D + d] ** 2;
      }
      total += f * (-Math.log(K) - 0.5 * D * LOG_2PI - 0.5 * (xx - 2 * dot + D * q.s2[k] + sq) - Math.log(f));
    }
  }
  return total;
}

/**
 * Initial q: means at K data points spread out by farthest-point selection (the first at random,
 * each next the point farthest from those chosen), unit variances, uniform φ.
 */
export function initGmmVariational(prob: GmmProblem, rng: Rng): GmmVariational {
  const { x, n, D, K } = prob;
  const m = new Float64Array(K * D);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let k = 0; k < K; k++) {
    for (let d = 0; d < D; d++) m[k * D + d] = x[pick * D + d];
    let far = -1;
    for (let i = 0; i < n; i++) {
      let d2 = 0;
      for (let d = 0; d < D; d++) d2 += (x[i * D + d] - m[k * D + d]) ** 2;
      nearest[i] = Math.min(nearest[i], d2);
      if (far < 0 || nearest[i] > nearest[far]) far = i;
    }
    pick = far;
  }
  return { m, s2: new Float64Array(K).fill(1), phi: new Float64Array(n * K).fill(1 / K) };
}

/** One CAVI sweep: all φ_i, then each q(μ_k); then σ² if estimated. Returns the new σ². */
export function caviSweep(prob: GmmProblem, q: GmmVariational, estimateSigma2 = false): number {
  updateAssignments(prob, q);
  for (let k = 0; k < prob.K; k++) updateMean(prob, q, k);
  if (estimateSigma2) prob.sigma2 = updateSigma2(prob, q);
  return prob.sigma2;
}

/** Data from the model: K means drawn from N(0, σ² I), n points with uniform labels. */
export function sampleGmmData(
  n: number,
  K: number,
  D: number,
  sigma: number,
  rng: Rng,
): { x: Float64Array; means: Float64Array; labels: Int32Array } {
  const means = new Float64Array(K * D);
  for (let j = 0; j < K * D; j++) means[j] = sigma * rng.normal();
  const x = new Float64Array(n * D);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(K);
    labels[i] = c;
    for (let d = 0; d < D; d++) x[i * D + d] = means[c * D + d] + rng.normal();
  }
  return { x, means, labels };
}

/**
 * Largest distance between a true mean and the fitted mean matched to it, over the best
 * one-to-one matching (all K! permutations; K ≤ 7).
 */
export function matchedMeanError(truth: Float64Array, fitted: Float64Array, K: number, D: number): number {
  let best = Infinity;
  const perm = Array.from({ length: K }, (_, k) => k);
  const visit = (j: number): void => {
    if (j === K) {
      let worst = 0;
      for (let k = 0; k < K; k++) {
        let d2 = 0;
        for (let d = 0; d < D; d++) d2 += (truth[k * D + d] - fitted[perm[k] * D + d]) ** 2;
        worst = Math.max(worst, Math.sqrt(d2));
      }
      best = Math.min(best, worst);
      return;
    }
    for (let i = j; i < K; i++) {
      [perm[j], perm[i]] = [perm[i], perm[j]];
      visit(j + 1);
      [perm[j], perm[i]] = [perm[i], perm[j]];
    }
  };
  visit(0);
  return best;
}
