/**
 * Demo 'bnn-regression' (chapter 11): a mean-field Gaussian network fitted by Bayes by backprop
 * with the local reparameterization trick on 1-D data with a gap, the MLE network beside it on
 * the same data. One step = one Adam step of each on the full training set. The snapshot carries
 * both 90% predictive bands on a grid, draws of f from q, held-out coverage and log predictive
 * density in the gap and over the data, and, for the linear model, the closed-form mean-field
 * optimum and the exact posterior.
 */
import { defineDemo, type Metrics, type Plain } from '../demo';
import type { ParamTable, ParamValues } from '../params';
import { createRng } from '../random';
import { plotGrid, truth, GAP_HI, GAP_LO, PLOT_MAX, PLOT_MIN } from './data';
import { evaluateRun, GRID_SIZE } from './evaluate';
import { predictiveDraws, Z90 } from './predictive';
import { createBnnRun, type BnnConfig, type BnnFamily, type BnnModel, type RunCheckpoint } from './run';
import { ensureGradients } from '../vi/families/ensureGradients';

export const bnnParams = {
  model: {
    kind: 'select',
    label: 'Network',
    options: ['one-layer', 'two-layer', 'linear'],
    optionLabels: { 'one-layer': 'One hidden layer (tanh)', 'two-layer': 'Two hidden layers (tanh)', linear: 'No hidden layer (exact check)' },
    default: 'one-layer',
  },
  family: {
    kind: 'select',
    label: 'Variational family',
    help: 'Independent Gaussians per weight (Bayes by backprop), or one full-covariance Gaussian over all weights with the network linearized at its mean.',
    options: ['mean-field', 'linearized'],
    optionLabels: { 'mean-field': 'Mean-field', linearized: 'Full covariance, linearized' },
    default: 'mean-field',
  },
  hidden: { kind: 'int', label: 'Hidden units', help: 'Units per hidden layer.', min: 5, max: 100, default: 20 },
  prior: {
    kind: 'select',
    label: 'Weight variances (per layer)',
    help: 'Estimate each layer’s s_l² by maximizing the ELBO (closed-form M-step), or fix them all at s².',
    options: ['fixed', 'estimate'],
    optionLabels: { fixed: 'Fixed at s²', estimate: 'Estimated (type-II ML)' },
    default: 'fixed',
  },
  priorSd: { kind: 'number', label: 'Fixed s', help: 'Weight sd when the variance components are fixed.', min: 0.1, max: 10, default: 1, scale: 'log' },
  noise: {
    kind: 'select',
    label: 'Noise sd σ',
    options: ['estimate', 'fixed'],
    optionLabels: { estimate: 'Estimated', fixed: 'Known (the truth)' },
    default: 'estimate',
  },
  n: { kind: 'int', label: 'Training points n', min: 20, max: 400, step: 10, default: 100 },
  trueNoiseSd: { kind: 'number', label: 'True noise sd', min: 0.05, max: 1, step: 0.01, default: 0.2 },
  lr: { kind: 'number', label: 'Learning rate', min: 0.0005, max: 0.1, default: 0.01, scale: 'log' },
  initSd: { kind: 'number', label: 'Initial sd of q', help: 'Every weight’s sd in q at the start.', min: 0.01, max: 1, default: 0.1, scale: 'log' },
  steps: { kind: 'int', label: 'Steps', help: 'Training stops here.', min: 1000, max: 100000, step: 1000, default: 20000 },
} satisfies ParamTable;

export type BnnParams = ParamValues<typeof bnnParams>;

/** Held-out points per region in the demo. */
export const DEMO_HELD_OUT = 300;
/** Draws of f from q drawn as thin curves. */
const CURVES = 6;

export function configOf(p: BnnParams): BnnConfig {
  return {
    model: p.model as BnnModel,
    family: p.family as BnnFamily,
    hidden: p.hidden,
    prior: p.prior as 'estimate' | 'fixed',
    priorSd: p.priorSd,
    noise: p.noise as 'estimate' | 'fixed',
    n: p.n,
    trueNoiseSd: p.trueNoiseSd,
    lr: p.lr,
    initSd: p.initSd,
    heldOut: DEMO_HELD_OUT,
  };
}

export const bnnRegressionDemo = defineDemo({
  id: 'bnn-regression',
  title: 'A Bayesian neural network by VI against the MLE network',
  params: bnnParams,
  usesTf: true,
  defaultSteps: bnnParams.steps.default,
  async create({ params, seed }) {
    const p = params as BnnParams;
    await ensureGradients();
    const run = createBnnRun(configOf(p), seed);
    const grid = plotGrid(GRID_SIZE);
    const truthCurve = grid.map(truth);
    let last: Metrics = {};
    let cached: Plain | null = null;
    let cachedAt = -1;
    const snapshot = async (): Promise<Plain> => {
      if (cached && cachedAt === run.steps) return cached;
      const v = await run.values();
      const linearSd = p.model === 'linear' ? run.priorSds[0] : null;
      const e = evaluateRun(v, run, linearSd);
      const curveRng = createRng(seed + 1);
      const curveDraws = predictiveDraws(v.q, grid, CURVES, curveRng);
      const curves = Array.from({ length: CURVES }, (_, c) => curveDraws.slice(c * grid.length, (c + 1) * grid.length));
      const lin = e.linear;
      cached = {
        step: run.steps,
        box: Float64Array.of(PLOT_MIN, PLOT_MAX),
        gap: Float64Array.of(GAP_LO, GAP_HI),
        grid,
        truth: truthCurve,
        trainX: run.train.x,
        trainY: run.train.y,
        viLower: e.vi.lower,
        viUpper: e.vi.upper,
        viMedian: e.vi.median,
        functionSd: e.vi.functionSd,
        curves,
        mleCurve: e.mleCurve,
        mleLower: e.mleCurve.map((f) => f - Z90 * v.mleNoiseSd),
        mleUpper: e.mleCurve.map((f) => f + Z90 * v.mleNoiseSd),
        viNoiseSd: v.viNoiseSd,
        mleNoiseSd: v.mleNoiseSd,
        priorSds: Float64Array.from(run.priorSds),
        scores: {
          viGap: { ...e.viScores.gap },
          viData: { ...e.viScores.overData },
          mleGap: { ...e.mleScores.gap },
          mleData: { ...e.mleScores.overData },
        },
        family: p.family,
        widthRatio: e.widthRatio,
        functionSdRatio: e.functionSdRatio,
        metrics: { ...last },
        linear: lin
          ? {
              mfMean: Float64Array.from(lin.mfMean),
              mfVar: Float64Array.from(lin.mfVar),
              trainedMean: Float64Array.from(lin.trainedMean),
              trainedVar: Float64Array.from(lin.trainedVar),
              trainedCov: lin.trainedCov ? Float64Array.from(lin.trainedCov) : null,
              exactCov: Float64Array.from(lin.exactCov),
              elboClosedForm: lin.elboClosedForm,
              elboTrained: lin.elboTrained,
              mfLower: lin.mfLower,
              mfUpper: lin.mfUpper,
              exactLower: lin.exactLower,
              exactUpper: lin.exactUpper,
            }
          : null,
      };
      cachedAt = run.steps;
      return cached;
    };
    return {
      async step() {
        last = await run.step();
        return last;
      },
      async snapshot(hint) {
        // an evaluation costs far more than a step: while training, a recent one will do
        if (!hint?.resting && cached && run.steps - cachedAt < 200) return cached;
        return snapshot();
      },
      async checkpoint() {
        return (await run.checkpoint()) as unknown as Plain;
      },
      async restore(c) {
        await run.restore(c as unknown as RunCheckpoint);
        cached = null;
      },
      setParams(values) {
        if (typeof values.lr === 'number') run.setLearningRate(values.lr);
      },
      isDone() {
        return run.steps >= p.steps;
      },
      corrupt() {
        run.corrupt();
        cached = null;
      },
      dispose() {
        run.dispose();
      },
    };
  },
  async summarize(session) {
    const s = (await session.snapshot({ resting: true })) as unknown as BnnSnapshotSummary;
    const f = (x: number) => x.toFixed(3);
    return {
      family: s.family,
      coverageGapVi: f(s.scores.viGap.coverage),
      coverageGapMle: f(s.scores.mleGap.coverage),
      coverageDataVi: f(s.scores.viData.coverage),
      coverageDataMle: f(s.scores.mleData.coverage),
      lpdGapVi: f(s.scores.viGap.lpd),
      lpdGapMle: f(s.scores.mleGap.lpd),
      lpdDataVi: f(s.scores.viData.lpd),
      lpdDataMle: f(s.scores.mleData.lpd),
      viNoiseSd: f(s.viNoiseSd),
      mleNoiseSd: f(s.mleNoiseSd),
      priorSds: Array.from(s.priorSds, f).join(' '),
      widthRatio: f(s.widthRatio),
    };
  },
});

interface BnnSnapshotSummary {
  family: string;
  scores: Record<'viGap' | 'viData' | 'mleGap' | 'mleData', { coverage: number; lpd: number }>;
  viNoiseSd: number;
  mleNoiseSd: number;
  priorSds: Float64Array;
  widthRatio: number;
}

export default bnnRegressionDemo;
