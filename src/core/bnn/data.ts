/**
 * Chapter 11's regression data: y = f(x) + σ·ε with f(x) = sin(4x) on x ∈ [−1, 1], inputs drawn
 * uniformly outside a gap (GAP_LO, GAP_HI). The gap is off-centre on purpose: the inputs' mean is
 * not 0, so in the linear model the slope and the intercept are correlated a posteriori and the
 * mean-field family has something to give up.
 *
 * Held-out points come from the same model, in two regions: inside the gap (where the training
 * data say nothing about f) and over the data (the two intervals the training inputs cover).
 */
import type { Rng } from '../random';

export const X_MIN = -1;
export const X_MAX = 1;
export const GAP_LO = -0.2;
export const GAP_HI = 0.6;
/** The plotted range: a little beyond the data on each side. */
export const PLOT_MIN = -1.3;
export const PLOT_MAX = 1.3;

export function truth(x: number): number {
  return Math.sin(4 * x);
}

export interface RegressionData {
  x: Float64Array;
  y: Float64Array;
}

/** One input uniform on [X_MIN, GAP_LO] ∪ [GAP_HI, X_MAX] (by length). */
function dataInput(rng: Rng): number {
  const left = GAP_LO - X_MIN;
  const right = X_MAX - GAP_HI;
  const u = rng.uniform() * (left + right);
  return u < left ? X_MIN + u : GAP_HI + (u - left);
}

function draw(n: number, noiseSd: number, rng: Rng, input: (rng: Rng) => number): RegressionData {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = input(rng);
    y[i] = truth(x[i]) + noiseSd * rng.normal();
  }
  return { x, y };
}

export function trainingData(n: number, noiseSd: number, rng: Rng): RegressionData {
  return draw(n, noiseSd, rng, dataInput);
}

/** Held-out points inside the gap. */
export function gapData(n: number, noiseSd: number, rng: Rng): RegressionData {
  return draw(n, noiseSd, rng, (r) => GAP_LO + (GAP_HI - GAP_LO) * r.uniform());
}

/** Held-out points over the data (the same input distribution as the training set). */
export function overDataData(n: number, noiseSd: number, rng: Rng): RegressionData {
  return draw(n, noiseSd, rng, dataInput);
}

export function plotGrid(size: number): Float64Array {
  return Float64Array.from({ length: size }, (_, i) => PLOT_MIN + ((PLOT_MAX - PLOT_MIN) * i) / (size - 1));
}

export function inGap(x: number): boolean {
  return x > GAP_LO && x < GAP_HI;
}
