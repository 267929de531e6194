/**
 * The M-step for the Dirichlet parameter α (Blei, Ng & Jordan 2003, appendix A.4.2; Minka 2000):
 * maximize, per document,
 *   f(α) = log Γ(Σ_k α_k) − Σ_k log Γ(α_k) + Σ_k (α_k − 1) s_k,   s_k = mean_d E_q[log θ_dk],
 * a concave function. Its Hessian is diag(h) + c 11ᵀ with h_k = −ψ'(α_k), c = ψ'(Σα), so the
 * Newton direction H⁻¹g costs O(K):  (H⁻¹g)_k = (g_k − b)/h_k,  b = Σ_j (g_j/h_j) / (1/c + Σ_j 1/h_j).
 */
import { digamma, logGamma, trigamma } from './special';

export function alphaObjective(alpha: ArrayLike<number>, s: ArrayLike<number>): number {
  let sum = 0;
  let f = 0;
  for (let k = 0; k < alpha.length; k++) {
    sum += alpha[k];
    f += -logGamma(alpha[k]) + (alpha[k] - 1) * s[k];
  }
  return f + logGamma(sum);
}

export function alphaGradient(alpha: ArrayLike<number>, s: ArrayLike<number>): Float64Array {
  let sum = 0;
  for (let k = 0; k < alpha.length; k++) sum += alpha[k];
  const ps = digamma(sum);
  return Float64Array.from({ length: alpha.length }, (_, k) => ps - digamma(alpha[k]) + s[k]);
}

/** α values are kept in [ALPHA_MIN, ALPHA_MAX]: a topic no document uses would send α_k → 0. */
export const ALPHA_MIN = 1e-3;
export const ALPHA_MAX = 1e3;

/**
 * Newton–Raphson with step halving (each accepted step increases f), from `alpha`.
 * @param s [K] mean E[log θ_dk] over documents (or its running average in online EM)
 */
export function newtonAlpha(alpha: Float64Array, s: ArrayLike<number>, maxIter = 50, tol = 1e-10): Float64Array {
  const k = alpha.length;
  let a = Float64Array.from(alpha);
  let fa = alphaObjective(a, s);
  for (let it = 0; it < maxIter; it++) {
    const g = alphaGradient(a, s);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += a[j];
    const c = trigamma(sum);
    let num = 0;
    let den = 1 / c;
    const h = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      h[j] = -trigamma(a[j]);
      num += g[j] / h[j];
      den += 1 / h[j];
    }
    const b = num / den;
    let step = 1;
    let accepted = false;
    for (let half = 0; half < 40; half++, step /= 2) {
      const next = new Float64Array(k);
      for (let j = 0; j < k; j++) next[j] = Math.min(ALPHA_MAX, Math.max(ALPHA_MIN, a[j] - (step * (g[j] - b)) / h[j]));
      const fn = alphaObjective(next, s);
      if (fn >= fa) {
        const moved = next.reduce((m, x, j) => Math.max(m, Math.abs(x - a[j])), 0);
        a = next;
        fa = fn;
        accepted = true;
        if (moved < tol) return a;
        break;
      }
    }
    if (!accepted) break;
  }
  return a;
}

/** s_k for which α is the maximizer: ψ(α_k) − ψ(Σα) (f's gradient vanishes there). */
export function stationaryStatistic(alpha: ArrayLike<number>): Float64Array {
  let sum = 0;
  for (let k = 0; k < alpha.length; k++) sum += alpha[k];
  const ps = digamma(sum);
  return Float64Array.from({ length: alpha.length }, (_, k) => digamma(alpha[k]) - ps);
}
