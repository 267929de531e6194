/**
 * The experiments behind chapter 11's numbers, on the float64 twin of the widget's run (same
 * data, initial values and noise draws; tfjs's float32 run drifts from it in the last digits over
 * tens of thousands of steps). scripts/bnnNumbers.ts runs them and writes chapterNumbers.json;
 * the test recomputes the `check` block (a short run) to catch code and numbers drifting apart.
 */
import { defaultParams } from '../params';
import { bnnParams, configOf, type BnnParams } from './demo';
import { evaluateRun, linearMoments } from './evaluate';
import { createFloat64Run } from './float64Run';
import { linearPosterior, linearElbo, linearElboFull, linearLogEvidence } from './linearClosedForm';
import { covarianceOf } from './linearizedFloat64';
import type { VariationalValues } from './predictive';
import type { BnnConfig } from './run';

export const CHAPTER_SEED = 1;
/** Held-out points per region for the chapter (the widget uses 300). */
export const CHAPTER_HELD_OUT = 1000;

export function chapterConfig(over: Partial<BnnParams> = {}): BnnConfig {
  return { ...configOf({ ...defaultParams(bnnParams), ...over }), heldOut: CHAPTER_HELD_OUT };
}

/** Hidden units whose outgoing weight has |m| above its sd under q: the units the fit uses. */
export function activeUnits(q: VariationalValues): number {
  let mean: Float64Array;
  let sd: Float64Array;
  if ('kind' in q) {
    // the outgoing weights are the last layer's W, just before its bias: θ indices [D − 1 − H, D − 1)
    const S = covarianceOf(q);
    const D = Math.round(Math.sqrt(S.length));
    mean = q.mean.layers[q.mean.layers.length - 1].w;
    sd = mean.map((_, j) => Math.sqrt(S[(D - 1 - mean.length + j) * (D + 1)]));
  } else {
    const out = q.layers[q.layers.length - 1];
    mean = out.wMean;
    sd = out.wSd;
  }
  let k = 0;
  mean.forEach((m, j) => {
    if (Math.abs(m) > sd[j]) k++;
  });
  return k;
}

export interface NetworkExperiment {
  steps: number;
  elbo: number;
  kl: number;
  expectedLogLik: number;
  priorSds: number[];
  viNoiseSd: number;
  mleNoiseSd: number;
  mleLogLik: number;
  activeUnits: number;
  hidden: number;
  coverageGapVi: number;
  coverageGapMle: number;
  coverageDataVi: number;
  coverageDataMle: number;
  lpdGapVi: number;
  lpdGapMle: number;
  lpdDataVi: number;
  lpdDataMle: number;
  widthRatio: number;
  functionSdRatio: number;
  functionSdGap: number;
  functionSdData: number;
}

/** Trains to `steps` and evaluates; the ELBO and KL are averaged over the last 1,000 steps (one-draw estimates are noisy). */
export function networkExperiment(config: BnnConfig, steps: number, seed = CHAPTER_SEED): NetworkExperiment {
  const run = createFloat64Run(config, seed);
  const tail = Math.min(1000, steps);
  let elbo = 0;
  let kl = 0;
  let ell = 0;
  let last = run.step();
  for (let t = 1; t < steps; t++) {
    last = run.step();
    if (t >= steps - tail) {
      elbo += last.elbo / tail;
      kl += last.kl / tail;
      ell += last.expectedLogLik / tail;
    }
  }
  const v = run.values();
  const e = evaluateRun(v, run, null);
  return {
    steps,
    elbo,
    kl,
    expectedLogLik: ell,
    priorSds: [...run.priorSds],
    viNoiseSd: v.viNoiseSd,
    mleNoiseSd: v.mleNoiseSd,
    mleLogLik: last.mleLogLik,
    activeUnits: activeUnits(v.q),
    hidden: config.hidden,
    coverageGapVi: e.viScores.gap.coverage,
    coverageGapMle: e.mleScores.gap.coverage,
    coverageDataVi: e.viScores.overData.coverage,
    coverageDataMle: e.mleScores.overData.coverage,
    lpdGapVi: e.viScores.gap.lpd,
    lpdGapMle: e.mleScores.gap.lpd,
    lpdDataVi: e.viScores.overData.lpd,
    lpdDataMle: e.mleScores.overData.lpd,
    widthRatio: e.widthRatio,
    functionSdRatio: e.functionSdRatio,
    functionSdGap: e.viScores.gap.functionSd,
    functionSdData: e.viScores.overData.functionSd,
  };
}

export interface LinearExperiment {
  rho: number;
  /** exact marginal variance / mean-field variance of the slope: 1/(1 − ρ²) */
  varianceRatio: number;
  /** log p(y) − ELBO at the closed form = −½ log(1 − ρ²) */
  klGap: number;
  /** largest |trained − closed form| over the two means, in exact posterior sds, and over the variances, relative */
  meanError: number;
  varError: number;
  elboClosedForm: number;
  elboTrained: number;
}

/** The linear model with σ and s known, trained with the step size cut tenfold twice. */
export function linearExperiment(perStage: number, seed = CHAPTER_SEED): LinearExperiment {
  const config = chapterConfig({ model: 'linear', noise: 'fixed', prior: 'fixed' });
  const run = createFloat64Run(config, seed);
  for (const lr of [config.lr, config.lr / 10, config.lr / 100]) {
    run.setLearningRate(lr);
    for (let t = 0; t < perStage; t++) run.step();
  }
  const noiseVar = config.trueNoiseSd ** 2;
  const priorVar = config.priorSd ** 2;
  const post = linearPosterior(run.train.x, run.train.y, noiseVar, priorVar);
  const moments = linearMoments(run.values().q);
  const m = moments.mean;
  const v: [number, number] = [moments.cov[0], moments.cov[2]];
  const rho = post.cov[1] / Math.sqrt(post.cov[0] * post.cov[2]);
  const elboOf = (mm: [number, number], vv: [number, number]) => linearElbo(run.train.x, run.train.y, noiseVar, priorVar, mm, vv).elbo;
  const elboClosedForm = elboOf(post.mean, post.mfVar);
  return {
    rho,
    varianceRatio: post.cov[0] / post.mfVar[0],
    klGap: linearLogEvidence(run.train.x, run.train.y, noiseVar, priorVar) - elboClosedForm,
    meanError: Math.max(Math.abs(m[0] - post.mean[0]) / Math.sqrt(post.cov[0]), Math.abs(m[1] - post.mean[1]) / Math.sqrt(post.cov[2])),
    varError: Math.max(Math.abs(v[0] / post.mfVar[0] - 1), Math.abs(v[1] / post.mfVar[1] - 1)),
    elboClosedForm,
    elboTrained: elboOf(m, v),
  };
}

export interface LinearFullExperiment {
  /** largest |trained − exact| over the two means, in exact posterior sds */
  meanError: number;
  /** largest |trained − exact| over the covariance's three entries, each in units of its own scale (sd_a sd_b for entry (a, b)) */
  covError: number;
  /** the exact posterior's correlation, which the trained q reproduces */
  rhoExact: number;
  rhoTrained: number;
  /** log p(y) − ELBO at the trained q (0 at the exact posterior) */
  klGap: number;
}

/** The linear model in the linearized family (which holds the exact posterior), σ and s known. */
export function linearFullExperiment(perStage: number, seed = CHAPTER_SEED): LinearFullExperiment {
  const config = chapterConfig({ model: 'linear', family: 'linearized', noise: 'fixed', prior: 'fixed' });
  const run = createFloat64Run(config, seed);
  for (const lr of [config.lr, config.lr / 10, config.lr / 100]) {
    run.setLearningRate(lr);
    for (let t = 0; t < perStage; t++) run.step();
  }
  const noiseVar = config.trueNoiseSd ** 2;
  const priorVar = config.priorSd ** 2;
  const post = linearPosterior(run.train.x, run.train.y, noiseVar, priorVar);
  const { mean, cov } = linearMoments(run.values().q);
  const sdW = Math.sqrt(post.cov[0]);
  const sdB = Math.sqrt(post.cov[2]);
  return {
    meanError: Math.max(Math.abs(mean[0] - post.mean[0]) / sdW, Math.abs(mean[1] - post.mean[1]) / sdB),
    // each entry of Σ against Λ⁻¹ in units of its own scale: var_W / sd_W², cov / (sd_W sd_B), var_B / sd_B²
    covError: Math.max(...cov.map((c, k) => Math.abs(c - post.cov[k]) / [sdW * sdW, sdW * sdB, sdB * sdB][k])),
    rhoExact: post.cov[1] / (sdW * sdB),
    rhoTrained: cov[1] / Math.sqrt(cov[0] * cov[2]),
    klGap: linearLogEvidence(run.train.x, run.train.y, noiseVar, priorVar) - linearElboFull(run.train.x, run.train.y, noiseVar, priorVar, mean, cov),
  };
}

/** The gap ratios and held-out scores of one fit, for the per-seed tables. */
export function seedSummary(e: NetworkExperiment, seed: number) {
  return {
    seed,
    widthRatio: e.widthRatio,
    functionSdRatio: e.functionSdRatio,
    coverageGapVi: e.coverageGapVi,
    coverageGapMle: e.coverageGapMle,
    coverageDataVi: e.coverageDataVi,
    lpdGapVi: e.lpdGapVi,
    lpdDataVi: e.lpdDataVi,
    viNoiseSd: e.viNoiseSd,
  };
}

/** A short run recomputed by the test: the first `steps` of the default experiment. */
export function numbersCheck(steps = 300) {
  const r = createFloat64Run(chapterConfig(), CHAPTER_SEED);
  let m = r.step();
  for (let t = 1; t < steps; t++) m = r.step();
  return { steps, elbo: m.elbo, kl: m.kl, viNoiseSd: m.viNoiseSd, mleLogLik: m.mleLogLik };
}
