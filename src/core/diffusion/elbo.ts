/**
 * The diffusion ELBO split into per-timestep Gaussian KL terms (chapter 8):
 *   −ELBO(x_0) = L_T + Σ_{t=2}^T L_{t−1} + L_0,
 *   L_T     = KL(q(x_T | x_0) ‖ N(0, I))                         (no parameters; closed form),
 *   L_{t−1} = E_q[ KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t)) ]   (Monte Carlo over x_t),
 *   L_0     = E_q[ −log p_θ(x_0 | x_1) ]                             (a Gaussian density for real-valued data).
 * Everything is in nats per data point. p_θ(x_{t−1} | x_t) = N(μ_θ(x_t, t), σ_t² I), μ_θ from ε̂.
 * The decoder p_θ(x_0 | x_1) uses σ_1² = β_1 under both variance choices (β̃_1 = 0 would be degenerate).
 */
import type { Rng } from '../random';
import { LOG_2PI } from '../math/gaussian';
import { type EpsPredictor, type ReverseVariance, meanFromEps, reverseVariance } from './epsilon';
import { forwardStep, marginalMoments, noisyFromClean, reverseConditional, reverseConditionalMean } from './forward';
import type { NoiseSchedule } from './schedule';

/** KL(N(μ₁, v₁ I) ‖ N(μ₂, v₂ I)) in d dimensions, for row `row` of μ₁ and μ₂ ([n*d] each). */
export function klIsotropicGaussians(
  mu1: ArrayLike<number>,
  v1: number,
  mu2: ArrayLike<number>,
  v2: number,
  d: number,
  row = 0,
): number {
  let sq = 0;
  for (let j = 0; j < d; j++) {
    const diff = mu1[row * d + j] - mu2[row * d + j];
    sq += diff * diff;
  }
  return 0.5 * d * (v1 / v2 - 1 - Math.log(v1 / v2)) + sq / (2 * v2);
}

/** log N(x; μ, v I) for row `row` of x and μ ([n*d] each). */
function logNormalIso(x: ArrayLike<number>, mu: ArrayLike<number>, v: number, d: number, row: number): number {
  let sq = 0;
  for (let j = 0; j < d; j++) {
    const diff = x[row * d + j] - mu[row * d + j];
    sq += diff * diff;
  }
  return -0.5 * d * (LOG_2PI + Math.log(v)) - sq / (2 * v);
}

/** σ_t² of the reverse step, with the decoder's σ_1² = β_1 convention. */
function stepVariance(s: NoiseSchedule, t: number, choice: ReverseVariance): number {
  return t === 1 ? s.beta[1] : reverseVariance(s, t, choice);
}

export interface ElboTerms {
  /** L_T, averaged over the points. */
  priorTerm: number;
  /** terms[t−1] = L_{t−1} for t = 1..T ([T]); terms[0] = L_0, the decoder's negative log-density. */
  terms: Float64Array;
  /** The simplified loss per timestep: mean over points and coordinates of ‖ε − ε̂‖²/d, [T] (index t−1). */
  simpleLoss: Float64Array;
  /** −ELBO = L_T + Σ_t terms[t−1], nats per point. */
  negativeElbo: number;
}

/**
 * Estimates every ELBO term of the model `predict` on the points `x0` [n*d]: for each t one fresh
 * draw x_t ~ q(x_t | x_0) per point (Monte Carlo over x_0 and x_t), the KL in closed form given x_t.
 */
export async function elboTerms(
  predict: EpsPredictor,
  s: NoiseSchedule,
  x0: Float64Array,
  n: number,
  d: number,
  rng: Rng,
  choice: ReverseVariance,
): Promise<ElboTerms> {
  const { meanCoef, variance } = marginalMoments(s, s.T);
  let priorTerm = 0;
  const zero = new Float64Array(n * d);
  const meanT = x0.map((v) => meanCoef * v);
  for (let i = 0; i < n; i++) priorTerm += klIsotropicGaussians(meanT, variance, zero, 1, d, i);
  priorTerm /= n;

  const terms = new Float64Array(s.T);
  const simpleLoss = new Float64Array(s.T);
  for (let t = 1; t <= s.T; t++) {
    const eps = new Float64Array(n * d);
    for (let i = 0; i < eps.length; i++) eps[i] = rng.normal();
    const xt = noisyFromClean(s, t, x0, eps);
    const epsHat = await predict(xt, t, n);
    let sq = 0;
    for (let i = 0; i < eps.length; i++) sq += (eps[i] - epsHat[i]) ** 2;
    simpleLoss[t - 1] = sq / (n * d);
    const muTheta = meanFromEps(s, t, xt, epsHat);
    const v = stepVariance(s, t, choice);
    let acc = 0;
    if (t === 1) {
      for (let i = 0; i < n; i++) acc -= logNormalIso(x0, muTheta, v, d, i);
    } else {
      const muTilde = reverseConditionalMean(s, t, x0, xt);
      const vTilde = reverseConditional(s, t).variance;
      for (let i = 0; i < n; i++) acc += klIsotropicGaussians(muTilde, vTilde, muTheta, v, d, i);
    }
    terms[t - 1] = acc / n;
  }
  let negativeElbo = priorTerm;
  for (let t = 0; t < s.T; t++) negativeElbo += terms[t];
  return { priorTerm, terms, simpleLoss, negativeElbo };
}

/**
 * The same −ELBO estimated the naive way, from whole forward trajectories x_{1:T} ~ q(· | x_0):
 *   −log p(x_T) − Σ_{t=1}^T log p_θ(x_{t−1} | x_t) + Σ_{t=1}^T log q(x_t | x_{t−1}),
 * averaged over the points (one trajectory each). Unbiased for the same quantity as `elboTerms`
 * but far noisier: the KL split integrates x_{t−1} out analytically. Returns per-point values [n].
 */
export async function negativeElboByTrajectories(
  predict: EpsPredictor,
  s: NoiseSchedule,
  x0: Float64Array,
  n: number,
  d: number,
  rng: Rng,
  choice: ReverseVariance,
): Promise<Float64Array> {
  const out = new Float64Array(n);
  let prev: Float64Array = Float64Array.from(x0);
  for (let t = 1; t <= s.T; t++) {
    const xt = forwardStep(s, t, prev, rng);
    const fwdMean = prev.map((v) => Math.sqrt(1 - s.beta[t]) * v);
    const epsHat = await predict(xt, t, n);
    const muTheta = meanFromEps(s, t, xt, epsHat);
    const v = stepVariance(s, t, choice);
    for (let i = 0; i < n; i++) {
      out[i] += logNormalIso(xt, fwdMean, s.beta[t], d, i) - logNormalIso(prev, muTheta, v, d, i);
    }
    prev = xt;
  }
  const zero = new Float64Array(n * d);
  for (let i = 0; i < n; i++) out[i] -= logNormalIso(prev, zero, 1, d, i);
  return out;
}
