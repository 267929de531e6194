/**
 * Detecting a Gaussian-mixture component that is collapsing onto one point (or a line): the
 * route by which the unbounded GMM likelihood runs off to +∞ (chapter 2).
 */
import { symmetricEigen } from '../math/eigen';
import type { GaussianMixture } from './gmm';

/** A component explaining fewer points than this (π_k · n) is about to own a single point. */
export const MIN_EFFECTIVE_POINTS = 1.5;
/** Smallest covariance eigenvalue, relative to the data's average variance, before we call it singular. */
export const MIN_RELATIVE_EIGENVALUE = 1e-3;

export type DegenerateReason = 'few-points' | 'singular-covariance';

export interface DegenerateComponent {
  component: number;
  reason: DegenerateReason;
  /** π_k · n */
  effectivePoints: number;
  /** smallest eigenvalue of Σ_k / average data variance */
  relativeEigenvalue: number;
  explanation: string;
}

/**
 * @param dataVariance average per-coordinate variance of the data (1 for the standardized toy sets)
 */
export function detectDegenerateComponents(m: GaussianMixture, n: number, dataVariance = 1): DegenerateComponent[] {
  const out: DegenerateComponent[] = [];
  const { k, d } = m;
  for (let c = 0; c < k; c++) {
    const effectivePoints = m.weights[c] * n;
    const { values } = symmetricEigen(m.covariances.subarray(c * d * d, (c + 1) * d * d), d);
    const relativeEigenvalue = values[d - 1] / dataVariance;
    const label = `Component ${c + 1}`;
    if (!(effectivePoints >= MIN_EFFECTIVE_POINTS)) {
      out.push({
        component: c,
        reason: 'few-points',
        effectivePoints,
        relativeEigenvalue,
        explanation:
          `${label} explains only ${effectivePoints.toFixed(2)} points. A component that owns a single ` +
          'point can shrink its covariance around it and drive the likelihood to +∞: the GMM likelihood is unbounded.',
      });
    } else if (!(relativeEigenvalue >= MIN_RELATIVE_EIGENVALUE)) {
      out.push({
        component: c,
        reason: 'singular-covariance',
        effectivePoints,
        relativeEigenvalue,
        explanation:
          `${label}'s covariance is nearly singular (smallest variance ${relativeEigenvalue.toExponential(1)} of the data's): ` +
          'it is collapsing onto a line or a point, where log det Σ → −∞ and the likelihood grows without bound.',
      });
    }
  }
  return out;
}
