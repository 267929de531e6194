/**
 * The exact check of chapter 11: with no hidden layer the network is f(x) = w x + b, the linear
 * model y_i = x̃_iᵀβ + σ ε_i with x̃_i = (x_i, 1) and β = (w, b) ~ N(0, s² I). With σ and s known
 * the posterior is N(μ, Λ⁻¹), Λ = XᵀX/σ² + I/s², μ = Λ⁻¹Xᵀy/σ² (eq. bnn-linear-posterior), and the
 * mean-field optimum is m = μ, v_j = 1/Λ_jj (eq. bnn-linear-mf). Float64, no tfjs.
 */
import { LOG_2PI } from '../math/gaussian';

export interface LinearPosterior {
  /** exact posterior mean (w, b) */
  mean: [number, number];
  /** exact posterior covariance [[ww, wb], [wb, bb]] */
  cov: [number, number, number];
  /** precision Λ */
  precision: [number, number, number];
  /** the mean-field optimum's variances 1/Λ_jj */
  mfVar: [number, number];
}

export function linearPosterior(x: ArrayLike<number>, y: ArrayLike<number>, noiseVar: number, priorVar: number): LinearPosterior {
  let sxx = 0;
  let sx = 0;
  let sxy = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    sxx += x[i] * x[i];
    sx += x[i];
    sxy += x[i] * y[i];
    sy += y[i];
  }
  const a = sxx / noiseVar + 1 / priorVar;
  const c = sx / noiseVar;
  const d = x.length / noiseVar + 1 / priorVar;
  const det = a * d - c * c;
  const cov: [number, number, number] = [d / det, -c / det, a / det];
  const r0 = sxy / noiseVar;
  const r1 = sy / noiseVar;
  return {
    mean: [cov[0] * r0 + cov[1] * r1, cov[1] * r0 + cov[2] * r1],
    cov,
    precision: [a, c, d],
    mfVar: [1 / a, 1 / d],
  };
}

/**
 * The ELBO of q = N(m_w, v_w) N(m_b, v_b) for the linear model, term by term in closed form
 * (written out here independently of the network code):
 *   E_q Σ log N(y_i; w x_i + b, σ²) = −(n/2) log 2πσ² − Σ_i [(y_i − m_w x_i − m_b)² + v_w x_i² + v_b] / (2σ²)
 *   KL = ½ Σ_j [(v_j + m_j²)/s² − 1 − log(v_j/s²)].
 */
export function linearElbo(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  noiseVar: number,
  priorVar: number,
  m: readonly [number, number],
  v: readonly [number, number],
): { expectedLogLik: number; kl: number; elbo: number } {
  let sq = 0;
  for (let i = 0; i < x.length; i++) sq += (y[i] - m[0] * x[i] - m[1]) ** 2 + v[0] * x[i] * x[i] + v[1];
  const expectedLogLik = -0.5 * x.length * (LOG_2PI + Math.log(noiseVar)) - sq / (2 * noiseVar);
  let kl = 0;
  for (let j = 0; j < 2; j++) kl += 0.5 * ((v[j] + m[j] ** 2) / priorVar - 1 - Math.log(v[j] / priorVar));
  return { expectedLogLik, kl, elbo: expectedLogLik - kl };
}

/** log p(y) of the linear model: the ELBO's ceiling, reached only by the full-covariance q. */
export function linearLogEvidence(x: ArrayLike<number>, y: ArrayLike<number>, noiseVar: number, priorVar: number): number {
  const post = linearPosterior(x, y, noiseVar, priorVar);
  // log p(y) = log p(y | μ) + log p(μ) − log N(μ; μ, Λ⁻¹)
  let sq = 0;
  for (let i = 0; i < x.length; i++) sq += (y[i] - post.mean[0] * x[i] - post.mean[1]) ** 2;
  const logLik = -0.5 * x.length * (LOG_2PI + Math.log(noiseVar)) - sq / (2 * noiseVar);
  const logPrior = -(LOG_2PI + Math.log(priorVar)) - (post.mean[0] ** 2 + post.mean[1] ** 2) / (2 * priorVar);
  const [a, c, d] = post.precision;
  const logPostAtMean = -LOG_2PI + 0.5 * Math.log(a * d - c * c);
  return logLik + logPrior - logPostAtMean;
}

/**
 * The ELBO of a full-covariance q = N(m, C), C = [[c_ww, c_wb], [c_wb, c_bb]], for the linear model:
 *   E_q Σ log N(y_i; w x_i + b, σ²) = −(n/2) log 2πσ² − Σ_i [(y_i − m_w x_i − m_b)² + x̃_iᵀ C x̃_i] / (2σ²)
 *   KL = ½ [(tr C + ‖m‖²)/s² − 2 + 2 log s² − log det C].
 * Its maximum over (m, C) is log p(y), reached at the exact posterior.
 */
export function linearElboFull(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  noiseVar: number,
  priorVar: number,
  m: readonly [number, number],
  c: readonly [number, number, number],
): number {
  let sq = 0;
  for (let i = 0; i < x.length; i++) sq += (y[i] - m[0] * x[i] - m[1]) ** 2 + c[0] * x[i] * x[i] + 2 * c[1] * x[i] + c[2];
  const expectedLogLik = -0.5 * x.length * (LOG_2PI + Math.log(noiseVar)) - sq / (2 * noiseVar);
  const kl = 0.5 * ((c[0] + c[2] + m[0] ** 2 + m[1] ** 2) / priorVar - 2 + 2 * Math.log(priorVar) - Math.log(c[0] * c[2] - c[1] * c[1]));
  return expectedLogLik - kl;
}
