/**
 * What chapter 11's widget draws and the chapter quotes, from a run's current values (float64,
 * no tfjs): the variational and plug-in predictive bands on a grid, held-out coverage of the 90%
 * intervals and log predictive density in the gap and over the data, and, for the linear model,
 * the closed-form mean-field optimum and the exact posterior. Draws come from a generator seeded
 * afresh on every call, so the same state always gives the same picture and numbers.
 */
import { createRng } from '../random';
import { inGap, plotGrid, X_MAX, X_MIN, type RegressionData } from './data';
import { linearElbo, linearElboFull, linearLogEvidence, linearPosterior } from './linearClosedForm';
import { covarianceOf } from './linearizedFloat64';
import { evaluateNet, meanCurve, mixtureBand, predictiveDraws, scoreMixture, scorePlugIn, Z90, type Band, type HeldOutScore, type PointLayers, type VariationalValues } from './predictive';

export const GRID_SIZE = 131;
/** Whole-network draws behind every band and score. */
export const PREDICTIVE_DRAWS = 200;
const EVAL_SEED = 12345;

export interface RegionScores {
  gap: HeldOutScore;
  overData: HeldOutScore;
}

export interface Evaluation {
  grid: Float64Array;
  vi: Band;
  /** f at the means of q */
  viMeanCurve: Float64Array;
  mleCurve: Float64Array;
  mleNoiseSd: number;
  viNoiseSd: number;
  viScores: RegionScores;
  mleScores: RegionScores;
  /** mean functionSd over gap inputs / over data inputs (held-out) */
  functionSdRatio: number;
  /** mean 90% band width on the grid points in the gap / on those over the data */
  widthRatio: number;
  linear: LinearCheck | null;
}

export interface LinearCheck {
  /** the closed-form mean-field optimum at the run's σ² and s² */
  mfMean: [number, number];
  mfVar: [number, number];
  exactCov: [number, number, number];
  /** the trained q (trainedCov: the linearized family's full covariance [ww, wb, bb]; null for mean-field) */
  trainedMean: [number, number];
  trainedVar: [number, number];
  trainedCov: [number, number, number] | null;
  /** ELBO of the trained q and its closed-form optimum in q's family (log p(y) for the linearized family; exact, float64) */
  elboClosedForm: number;
  elboTrained: number;
  /** 90% predictive bands: the closed-form mean-field q and the exact posterior */
  mfLower: Float64Array;
  mfUpper: Float64Array;
  exactLower: Float64Array;
  exactUpper: Float64Array;
}

const overDataInput = (x: number) => x >= X_MIN && x <= X_MAX && !inGap(x);

function meanWidth(grid: Float64Array, band: Band, region: (x: number) => boolean): number {
  let sum = 0;
  let count = 0;
  grid.forEach((x, k) => {
    if (!region(x)) return;
    sum += band.upper[k] - band.lower[k];
    count++;
  });
  return sum / count;
}

/** q's mean and covariance of (w, b) for the linear model: [ww, wb, bb], wb = 0 for mean-field. */
export function linearMoments(q: VariationalValues): { mean: [number, number]; cov: [number, number, number] } {
  if ('kind' in q) {
    const S = covarianceOf(q);
    return { mean: [q.mean.layers[0].w[0], q.mean.layers[0].b[0]], cov: [S[0], S[1], S[3]] };
  }
  return { mean: [q.layers[0].wMean[0], q.layers[0].bMean[0]], cov: [q.layers[0].wSd[0] ** 2, 0, q.layers[0].bSd[0] ** 2] };
}

function linearCheck(q: VariationalValues, train: RegressionData, noiseSd: number, priorSd: number, grid: Float64Array): LinearCheck {
  const post = linearPosterior(train.x, train.y, noiseSd ** 2, priorSd ** 2);
  const moments = linearMoments(q);
  const trainedMean = moments.mean;
  const trainedVar: [number, number] = [moments.cov[0], moments.cov[2]];
  const band = (varOf: (x: number) => number) => {
    const lower = new Float64Array(grid.length);
    const upper = new Float64Array(grid.length);
    grid.forEach((x, k) => {
      const m = post.mean[0] * x + post.mean[1];
      const h = Z90 * Math.sqrt(varOf(x) + noiseSd ** 2);
      lower[k] = m - h;
      upper[k] = m + h;
    });
    return { lower, upper };
  };
  const mf = band((x) => post.mfVar[0] * x * x + post.mfVar[1]);
  const ex = band((x) => post.cov[0] * x * x + 2 * post.cov[1] * x + post.cov[2]);
  const elboOf = (m: [number, number], v: [number, number]) => linearElbo(train.x, train.y, noiseSd ** 2, priorSd ** 2, m, v).elbo;
  return {
    mfMean: post.mean,
    mfVar: post.mfVar,
    exactCov: post.cov,
    trainedMean,
    trainedVar,
    trainedCov: 'kind' in q ? moments.cov : null,
    // the linearized family's ceiling is log p(y) (its family holds the exact posterior)
    elboClosedForm: 'kind' in q ? linearLogEvidence(train.x, train.y, noiseSd ** 2, priorSd ** 2) : elboOf(post.mean, post.mfVar),
    elboTrained: 'kind' in q ? linearElboFull(train.x, train.y, noiseSd ** 2, priorSd ** 2, trainedMean, moments.cov) : elboOf(trainedMean, trainedVar),
    mfLower: mf.lower,
    mfUpper: mf.upper,
    exactLower: ex.lower,
    exactUpper: ex.upper,
  };
}

export function evaluateRun(
  v: { q: VariationalValues; viNoiseSd: number; mle: PointLayers; mleNoiseSd: number },
  data: { train: RegressionData; gap: RegressionData; overData: RegressionData },
  linearPriorSd: number | null,
): Evaluation {
  const rng = createRng(EVAL_SEED);
  const grid = plotGrid(GRID_SIZE);
  const S = PREDICTIVE_DRAWS;
  const vi = mixtureBand(predictiveDraws(v.q, grid, S, rng), S, v.viNoiseSd);
  const score = (d: RegressionData) => scoreMixture(predictiveDraws(v.q, d.x, S, rng), S, v.viNoiseSd, d.y);
  const viScores = { gap: score(data.gap), overData: score(data.overData) };
  const plug = (d: RegressionData) => scorePlugIn(evaluateNet(v.mle, d.x), v.mleNoiseSd, d.y);
  const mleScores = { gap: plug(data.gap), overData: plug(data.overData) };
  return {
    grid,
    vi,
    viMeanCurve: meanCurve(v.q, grid),
    mleCurve: evaluateNet(v.mle, grid),
    mleNoiseSd: v.mleNoiseSd,
    viNoiseSd: v.viNoiseSd,
    viScores,
    mleScores,
    functionSdRatio: viScores.gap.functionSd / viScores.overData.functionSd,
    widthRatio: meanWidth(grid, vi, inGap) / meanWidth(grid, vi, overDataInput),
    linear: linearPriorSd === null ? null : linearCheck(v.q, data.train, v.viNoiseSd, linearPriorSd, grid),
  };
}
