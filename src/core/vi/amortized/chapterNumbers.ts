/**
 * Numbers quoted in chapter 6's prose: closed forms only (training encoders is the widget's job).
 */
import { createRng } from '../../random';
import { chainMeanFieldOptimum } from './closedForm';
import { amortizedLogEvidence, simulateAmortizedData, CHAIN_PHI, MODEL_SIGMA } from './models';

export interface Chapter6Numbers {
  sigma: number;
  phi: number;
  /** Conjugate model: slope 1/(1 + σ²) of the optimal mean and the optimal standard deviation. */
  conjugateSlope: number;
  conjugateSd: number;
  /** Chain, N = 100, seed 1: per-observation gap log p(x) − ELBO of the best mean-field q. */
  chainApproximationGap: number;
  /** Chain: largest difference of optimal means between two observations with |x_i − x_j| < 0.05. */
  chainSameXMeanSpread: number;
}

let cache: Chapter6Numbers | undefined;

function chainMeanFieldElbo(x: Float64Array, m: Float64Array, s2: Float64Array): number {
  const n = x.length;
  const r2 = MODEL_SIGMA * MODEL_SIGMA;
  const v = 1 - CHAIN_PHI * CHAIN_PHI;
  let e = 0;
  for (let i = 0; i < n; i++) {
    e += -0.5 * Math.log(2 * Math.PI * r2) - ((x[i] - m[i]) ** 2 + s2[i]) / (2 * r2);
    e += 0.5 * Math.log(2 * Math.PI * Math.E * s2[i]);
    if (i === 0) e += -0.5 * Math.log(2 * Math.PI) - 0.5 * (m[0] ** 2 + s2[0]);
    else e += -0.5 * Math.log(2 * Math.PI * v) - ((m[i] - CHAIN_PHI * m[i - 1]) ** 2 + s2[i] + CHAIN_PHI * CHAIN_PHI * s2[i - 1]) / (2 * v);
  }
  return e;
}

export function chapter6Numbers(): Chapter6Numbers {
  if (cache) return cache;
  const rng = createRng(1);
  const x = simulateAmortizedData('chain', 100, rng);
  const opt = chainMeanFieldOptimum(x);
  let spread = 0;
  for (let i = 0; i < x.length; i++)
    for (let j = i + 1; j < x.length; j++) if (Math.abs(x[i] - x[j]) < 0.05) spread = Math.max(spread, Math.abs(opt.m[i] - opt.m[j]));
  const r2 = MODEL_SIGMA * MODEL_SIGMA;
  cache = {
    sigma: MODEL_SIGMA,
    phi: CHAIN_PHI,
    conjugateSlope: 1 / (1 + r2),
    conjugateSd: Math.sqrt(r2 / (1 + r2)),
    chainApproximationGap: (amortizedLogEvidence('chain', x) - chainMeanFieldElbo(x, opt.m, opt.s2)) / x.length,
    chainSameXMeanSpread: spread,
  };
  return cache;
}
