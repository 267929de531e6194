/**
 * The repeated-sampling experiment of chapter 9: R data sets drawn from a fixed θ* = (μ*, τ*²),
 * each fitted by exact EM (the MLE) and by variational EM, both at their closed-form fixed points
 * (randomEffectsEstimators.ts). Data set r uses its own seed, so the results do not depend on how
 * many data sets a step adds.
 */
import { createRng } from '../../random';
import { fitWithStandardErrors, sampleGroupMeans, type Design, type EstimatorKind, type FitWithErrors } from './randomEffectsEstimators';
import { Z_975 } from '../../em/louis';

export interface Experiment extends Design {
  /** groups per data set */
  n: number;
  mu: number;
  tau2: number;
}

export const SE_KINDS = ['naive', 'curvature', 'sandwich'] as const;
export type SeKind = (typeof SE_KINDS)[number];
export const PARAMETERS = ['mu', 'tau2'] as const;
export type Parameter = (typeof PARAMETERS)[number];

/** Seed of data set r in an experiment seeded with `seed`. */
export function dataSetSeed(seed: number, r: number): number {
  return (Math.imul(seed ^ 0x2545f491, 0x9e3779b1) + Math.imul(r + 1, 0x85ebca6b)) >>> 0;
}

/** Fits data set r by both estimators. */
export function simulateDataSet(e: Experiment, seed: number, r: number): Record<EstimatorKind, FitWithErrors> {
  const xbar = sampleGroupMeans(e.n, e.mu, e.tau2, e, createRng(dataSetSeed(seed, r)));
  return { mle: fitWithStandardErrors('mle', xbar, e), variational: fitWithStandardErrors('variational', xbar, e) };
}

/** Estimates and standard errors of R data sets for one estimator and one parameter, columnar. */
export interface Column {
  estimate: number[];
  se: Record<SeKind, number[]>;
}

export function emptyColumn(): Column {
  return { estimate: [], se: { naive: [], curvature: [], sandwich: [] } };
}

export function pushFit(col: Record<Parameter, Column>, fit: FitWithErrors): void {
  PARAMETERS.forEach((p, j) => {
    col[p].estimate.push(p === 'mu' ? fit.mu : fit.tau2);
    for (const k of SE_KINDS) col[p].se[k].push(fit[k][j]);
  });
}

export interface ColumnSummary {
  R: number;
  mean: number;
  bias: number;
  /** empirical sd of the estimates over the R data sets */
  sd: number;
  /** mean of each standard error over the data sets */
  meanSe: Record<SeKind, number>;
  /** fraction of data sets whose 95% Wald interval (est ± 1.96 SE) contains the truth */
  coverage: Record<SeKind, number>;
  /** fraction of sandwich intervals containing `target` (the estimate's limit θ†) */
  coverageOfLimit: number;
}

/** Summary of a column against the truth (and the limit θ† for coverageOfLimit). */
export function summarize(col: Column, truth: number, limit: number): ColumnSummary {
  const R = col.estimate.length;
  let mean = 0;
  for (const v of col.estimate) mean += v / R;
  let ss = 0;
  for (const v of col.estimate) ss += (v - mean) ** 2;
  const meanSe = {} as Record<SeKind, number>;
  const coverage = {} as Record<SeKind, number>;
  for (const k of SE_KINDS) {
    let s = 0;
    let c = 0;
    for (let r = 0; r < R; r++) {
      const se = col.se[k][r];
      s += se / R;
      if (Math.abs(col.estimate[r] - truth) <= Z_975 * se) c++;
    }
    meanSe[k] = s;
    coverage[k] = c / R;
  }
  let cl = 0;
  for (let r = 0; r < R; r++) if (Math.abs(col.estimate[r] - limit) <= Z_975 * col.se.sandwich[r]) cl++;
  return { R, mean, bias: mean - truth, sd: R > 1 ? Math.sqrt(ss / (R - 1)) : NaN, meanSe, coverage, coverageOfLimit: cl / R };
}

/** Counts of `values` in `bins` equal bins over [lo, hi]; values outside go to the end bins (and are counted). */
export function histogram(values: readonly number[], lo: number, hi: number, bins: number): { counts: Float64Array; outside: number } {
  const counts = new Float64Array(bins);
  let outside = 0;
  for (const v of values) {
    let b = Math.floor(((v - lo) / (hi - lo)) * bins);
    if (b < 0 || b >= bins) outside++;
    b = Math.min(bins - 1, Math.max(0, b));
    counts[b]++;
  }
  return { counts, outside };
}

/** Runs R data sets at once (tests, chapter numbers, the CLI). */
export function runExperiment(e: Experiment, seed: number, R: number): Record<EstimatorKind, Record<Parameter, Column>> {
  const out = {
    mle: { mu: emptyColumn(), tau2: emptyColumn() },
    variational: { mu: emptyColumn(), tau2: emptyColumn() },
  };
  for (let r = 0; r < R; r++) {
    const f = simulateDataSet(e, seed, r);
    pushFit(out.mle, f.mle);
    pushFit(out.variational, f.variational);
  }
  return out;
}
