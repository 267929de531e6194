/**
 * Standard errors of the yardstick's three scores of one sample set (./yardstick.ts), so that a
 * comparison between two rows can say whether it is outside sampling noise. Each is the sampling
 * standard deviation of the score over sample sets of the same size n drawn from the same model,
 * with the held-out digits fixed:
 *   (a) confident share p̂ = k/n, k ~ Binomial(n, p): √(p̂(1 − p̂)/n);
 *   (b) label entropy: the delta method for the plug-in entropy of the histogram of hard labels
 *       (./yardstick.ts labelEntropy counts each sample's argmax label, not its mean probabilities);
 *   (c) Fréchet distance: the nonparametric bootstrap over the sample set's features.
 * Two rows are independent sample sets, so the standard error of a difference is √(se₁² + se₂²)
 * (differenceZ).
 */
import { covariance, mean, meanAndVariance } from '../math/stats';
import { createRng } from '../random';
import { frechetDistanceWithRoot, sqrtPsd, type GaussianStats } from './frechet';

/** Standard errors of YardstickScore's three numbers, in their units. */
export interface YardstickErrors {
  confident: number;
  labelEntropy: number;
  frechet: number;
}

/** √(p(1 − p)/n): the standard error of a share p measured on n independent samples. */
export function binomialSE(p: number, n: number): number {
  return Math.sqrt((p * (1 - p)) / n);
}

/** The plug-in entropy −Σ p̂_k log p̂_k of a histogram, over log K (K = counts.length). */
export function entropyOfCounts(counts: ArrayLike<number>): number {
  const n = sum(counts);
  let h = 0;
  for (let k = 0; k < counts.length; k++) if (counts[k] > 0) h -= (counts[k] / n) * Math.log(counts[k] / n);
  return h / Math.log(counts.length);
}

/**
 * The delta-method standard error of entropyOfCounts (over log K). With p̂ ~ Multinomial(n, p)/n,
 * Cov p̂ = (diag p − p pᵀ)/n and ∂H/∂p_k = −(log p_k + 1), so
 *   Var Ĥ ≈ (Σ_k p_k (log p_k)² − H²)/n,
 * the variance of −log p_L over the label L ~ p, divided by n (the +1 cancels because Σ_k ∂p_k = 0);
 * evaluated at p̂. The next term of the variance is (K − 1)/(2n²) nats² (Harris 1975), left out: it
 * is what remains at an exactly uniform histogram, where the first-order term vanishes, and near 1 the
 * delta method understates the noise by it. At n = 2,000 it is 0.0005 over log 10, added in quadrature:
 * 2% of the standard error at an entropy of 0.99 (tests/core/metrics/yardstickErrors.test.ts checks
 * that case against Monte Carlo), about 8% at 0.997 (the training digits' row).
 */
export function entropySE(counts: ArrayLike<number>): number {
  const n = sum(counts);
  let h = 0;
  let h2 = 0;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] === 0) continue;
    const p = counts[k] / n;
    h -= p * Math.log(p);
    h2 += p * Math.log(p) ** 2;
  }
  return Math.sqrt(Math.max(0, h2 - h * h) / n) / Math.log(counts.length);
}

export interface BootstrapOptions {
  /** resamples B */
  resamples: number;
  seed: number;
}

/**
 * The yardstick's bootstrap: B = 200 resamples. The bootstrap standard error's own coefficient of
 * variation from resampling is about √((κ + 2)/(4B)) for excess kurtosis κ of the statistic (Efron &
 * Tibshirani 1993, §6.4), 1/√(2B) = 5% for a near-normal one: enough for a standard error quoted to
 * one significant digit and for z statistics near 2 (it moves them by 0.1); B = 200 resamples of
 * 2,000 × 128 features cost about a minute here. The seed is fixed so a row's standard error is
 * reproducible.
 */
export const FRECHET_BOOTSTRAP: BootstrapOptions = { resamples: 200, seed: 8200 };

/**
 * Bootstrap replicates of the Fréchet distance from the sample features x [n*d] to a fixed
 * reference: resample the n rows with replacement (a multinomial count per row), refit the mean and
 * ML covariance, measure the distance. Only the samples are resampled: the reference (the 1,000
 * held-out digits' features) is the same fixed set for every row, part of the yardstick's definition,
 * so its own sampling noise is shared by every row and not part of a comparison between rows.
 * @returns B distances
 */
export function frechetBootstrap(x: ArrayLike<number>, n: number, reference: GaussianStats, options: BootstrapOptions = FRECHET_BOOTSTRAP): Float64Array {
  const d = reference.d;
  if (x.length !== n * d) throw new Error(`frechetBootstrap: expected ${n}×${d} features, got ${x.length}`);
  const rng = createRng(options.seed);
  const root = sqrtPsd(reference.cov, d);
  const counts = new Float64Array(n);
  const out = new Float64Array(options.resamples);
  for (let b = 0; b < options.resamples; b++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[rng.int(n)]++;
    const m = mean(x, n, d, counts);
    out[b] = frechetDistanceWithRoot(reference, root, { mean: m, cov: covariance(x, n, d, counts, m), d });
  }
  return out;
}

/** The bootstrap standard error: the standard deviation (divisor B − 1) of frechetBootstrap's replicates. */
export function frechetSE(x: ArrayLike<number>, n: number, reference: GaussianStats, options: BootstrapOptions = FRECHET_BOOTSTRAP): number {
  return standardDeviation(frechetBootstrap(x, n, reference, options));
}

/** z of the difference a − b of two scores from independent sample sets: (a − b)/√(se_a² + se_b²). */
export function differenceZ(a: number, seA: number, b: number, seB: number): number {
  return (a - b) / Math.hypot(seA, seB);
}

/** Sample standard deviation, divisor m − 1. */
export function standardDeviation(v: ArrayLike<number>): number {
  return Math.sqrt(meanAndVariance(v).variance);
}

function sum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}
