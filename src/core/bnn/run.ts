/**
 * One run of chapter 11's experiment: the variational network (mean-field, fitted by Bayes by
 * backprop with the local reparameterization trick, or the linearized full-covariance family of
 * linearized.ts; variance components estimated by the closed-form M-step, or fixed), and, side
 * by side on the same data, the MLE network. Each `step()` is one Adam
 * step of each on the full training set. Pure core: the demo, the tests and the numbers script
 * all drive this.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../random';
import { tfVariable } from '../math/tfVariable';
import { restoreAdamState, saveAdamState, type AdamState } from '../vi/adamState';
import { setAdamLearningRate } from '../vi/families/elbo';
import { gapData, overDataData, trainingData, type RegressionData } from './data';
import { createMeanFieldNet, gaussianLogLik, layerSize, localNoise, readNet, type MeanFieldNet } from './network';
import { createLinearizedQ, jacobianTf, linearizedElboTf, readLinearized } from './linearized';
import { createPointNet, forwardPoint, readPointNet, type PointNet } from './mleNet';
import { elboEstimate, type ObjectiveConfig } from './viObjective';
import type { PointLayers, VariationalValues } from './predictive';

export type BnnModel = 'one-layer' | 'two-layer' | 'linear';
/** The variational family: independent Gaussians per weight, or one full-covariance Gaussian over all weights with the network linearized at its mean. */
export type BnnFamily = 'mean-field' | 'linearized';

export interface BnnConfig {
  model: BnnModel;
  family: BnnFamily;
  hidden: number;
  prior: 'estimate' | 'fixed';
  /** s when the prior is fixed */
  priorSd: number;
  /** 'estimate': σ by gradient ascent (VI on the ELBO, the MLE network on ℓ); 'fixed': σ = trueNoiseSd */
  noise: 'estimate' | 'fixed';
  n: number;
  trueNoiseSd: number;
  lr: number;
  initSd: number;
  /** held-out points per region */
  heldOut: number;
}

export function architecture(model: BnnModel, hidden: number): number[] {
  if (model === 'linear') return [1, 1];
  return model === 'one-layer' ? [1, hidden, 1] : [1, hidden, hidden, 1];
}

export interface StepMetrics {
  [key: string]: number;
  elbo: number;
  expectedLogLik: number;
  kl: number;
  mleLogLik: number;
  viNoiseSd: number;
  mleNoiseSd: number;
}

export interface BnnRun {
  config: BnnConfig;
  sizes: number[];
  train: RegressionData;
  gap: RegressionData;
  overData: RegressionData;
  step(): Promise<StepMetrics>;
  readonly steps: number;
  /** the last step's s_l (prior sds in use) */
  readonly priorSds: number[];
  values(): Promise<{ q: VariationalValues; viNoiseSd: number; mle: PointLayers; mleNoiseSd: number }>;
  setLearningRate(lr: number): void;
  checkpoint(): Promise<RunCheckpoint>;
  restore(c: RunCheckpoint): Promise<void>;
  corrupt(): void;
  dispose(): void;
}

export interface RunCheckpoint {
  steps: number;
  priorSds: number[];
  vi: Float32Array[];
  mle: Float32Array[];
  viAdam: AdamState;
  mleAdam: AdamState;
}

/** One variational family inside a run: its variables and, per step, its ELBO's parts. */
interface Family {
  variables: tf.Variable[];
  /** Called inside tf.tidy before the gradient tape opens; the closure runs inside it. */
  prepare(): (noiseVar: tf.Scalar) => { elbo: tf.Scalar; expectedLogLik: tf.Scalar; kl: tf.Scalar; priorVars: tf.Scalar[] };
  values(): Promise<VariationalValues>;
  dispose(): void;
}

function meanFieldFamily(q: MeanFieldNet, x: tf.Tensor2D, y: tf.Tensor1D, objective: ObjectiveConfig, n: number, noiseRng: Rng): Family {
  return {
    variables: q.variables,
    prepare() {
      const eps = localNoise(q.sizes, n, noiseRng);
      return (noiseVar) => {
        const parts = elboEstimate(q, x, y, noiseVar, objective, { local: eps });
        return { ...parts, kl: tf.addN(parts.kls) as tf.Scalar };
      };
    },
    values: () => readNet(q),
    dispose: () => q.dispose(),
  };
}

function createFamily(config: BnnConfig, sizes: number[], rng: Rng, x: tf.Tensor2D, y: tf.Tensor1D, objective: ObjectiveConfig, noiseRng: Rng): Family {
  if (config.family === 'mean-field') return meanFieldFamily(createMeanFieldNet(sizes, rng, config.initSd), x, y, objective, config.n, noiseRng);
  const q = createLinearizedQ(sizes, rng, config.initSd);
  return {
    variables: q.variables,
    prepare() {
      const J = jacobianTf(q.mean, x);
      return (noiseVar) => linearizedElboTf(q, J, x, y, noiseVar, objective.prior, objective.fixedPriorVar);
    },
    values: () => readLinearized(q),
    dispose: () => q.dispose(),
  };
}

export function createBnnRun(config: BnnConfig, seed: number): BnnRun {
  const rng = createRng(seed);
  const dataRng = rng.fork();
  const train = trainingData(config.n, config.trueNoiseSd, dataRng);
  const gap = gapData(config.heldOut, config.trueNoiseSd, dataRng);
  const overData = overDataData(config.heldOut, config.trueNoiseSd, dataRng);
  const sizes = architecture(config.model, config.hidden);
  const qRng = rng.fork();
  const mle: PointNet = createPointNet(sizes, rng.fork());
  const noiseRng: Rng = rng.fork();
  const logSd0 = Math.log(config.trueNoiseSd);
  // σ starts at the truth when fixed; when estimated at 0.5, well above it, so that fitting it is visible.
  const start = config.noise === 'fixed' ? logSd0 : Math.log(0.5);
  const viLogNoiseSd = tfVariable(() => tf.scalar(start));
  const mleLogNoiseSd = tfVariable(() => tf.scalar(start));
  const x = tf.tensor2d(Float32Array.from(train.x), [config.n, 1]);
  const y = tf.tensor1d(Float32Array.from(train.y));
  const objective: ObjectiveConfig = { prior: config.prior, fixedPriorVar: config.priorSd ** 2 };
  const q = createFamily(config, sizes, qRng, x, y, objective, noiseRng);
  const viVars = config.noise === 'estimate' ? [...q.variables, viLogNoiseSd] : [...q.variables];
  const mleVars = config.noise === 'estimate' ? [...mle.variables, mleLogNoiseSd] : [...mle.variables];
  const viAdam = tf.train.adam(config.lr);
  const mleAdam = tf.train.adam(config.lr);
  let steps = 0;
  let priorSds = sizes.slice(1).map(() => (config.prior === 'fixed' ? config.priorSd : NaN));

  const viStep = () => {
    let stats: tf.Tensor | null = null;
    tf.tidy(() => {
      const objectiveAt = q.prepare();
      const { grads } = tf.variableGrads(() => {
        const noiseVar = tf.exp(tf.mul(2, viLogNoiseSd)) as tf.Scalar;
        const parts = objectiveAt(noiseVar);
        stats = tf.keep(tf.stack([parts.elbo, parts.expectedLogLik, parts.kl, ...parts.priorVars]));
        return tf.neg(parts.elbo) as tf.Scalar;
      }, viVars);
      viAdam.applyGradients(grads as Record<string, tf.Variable>);
    });
    return stats as unknown as tf.Tensor;
  };
  const mleStep = () =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const noiseVar = tf.exp(tf.mul(2, mleLogNoiseSd)) as tf.Scalar;
        return tf.neg(gaussianLogLik(forwardPoint(mle, x), y, noiseVar)) as tf.Scalar;
      }, mleVars);
      mleAdam.applyGradients(grads as Record<string, tf.Variable>);
      return value;
    });

  const allVars = () => [...q.variables, viLogNoiseSd];
  const allMle = () => [...mle.variables, mleLogNoiseSd];
  const read = (vs: tf.Variable[]) => Promise.all(vs.map(async (v) => Float32Array.from(await v.data())));
  const L = sizes.length - 1;

  return {
    config,
    sizes,
    train,
    gap,
    overData,
    get steps() {
      return steps;
    },
    get priorSds() {
      return priorSds;
    },
    async step() {
      const stats = viStep();
      const mleValue = mleStep();
      const [s, m, vs, ms] = await Promise.all([stats.data(), mleValue.data(), viLogNoiseSd.data(), mleLogNoiseSd.data()]);
      tf.dispose([stats, mleValue]);
      steps++;
      priorSds = Array.from({ length: L }, (_, l) => Math.sqrt(s[3 + l]));
      const metrics: StepMetrics = {
        elbo: s[0],
        expectedLogLik: s[1],
        kl: s[2],
        mleLogLik: -m[0],
        viNoiseSd: Math.exp(vs[0]),
        mleNoiseSd: Math.exp(ms[0]),
      };
      priorSds.forEach((sd, l) => (metrics[`s${l + 1}`] = sd));
      return metrics;
    },
    async values() {
      const [qv, mv, vs, ms] = await Promise.all([q.values(), readPointNet(mle), viLogNoiseSd.data(), mleLogNoiseSd.data()]);
      return { q: qv, viNoiseSd: Math.exp(vs[0]), mle: mv, mleNoiseSd: Math.exp(ms[0]) };
    },
    setLearningRate(lr) {
      setAdamLearningRate(viAdam, lr);
      setAdamLearningRate(mleAdam, lr);
    },
    async checkpoint() {
      return { steps, priorSds: [...priorSds], vi: await read(allVars()), mle: await read(allMle()), viAdam: await saveAdamState(viAdam), mleAdam: await saveAdamState(mleAdam) };
    },
    async restore(c) {
      allVars().forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(c.vi[i], v.shape))));
      allMle().forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(c.mle[i], v.shape))));
      await restoreAdamState(viAdam, c.viAdam);
      await restoreAdamState(mleAdam, c.mleAdam);
      steps = c.steps;
      priorSds = [...c.priorSds];
    },
    corrupt() {
      tf.tidy(() => q.variables[0].assign(tf.fill(q.variables[0].shape, NaN)));
    },
    dispose() {
      viAdam.dispose();
      mleAdam.dispose();
      q.dispose();
      mle.dispose();
      tf.dispose([viLogNoiseSd, mleLogNoiseSd, x, y]);
    },
  };
}

/** d_l for each layer (weights and biases the layer's s_l governs). */
export function layerSizes(sizes: number[]): number[] {
  return sizes.slice(1).map((_, l) => layerSize(sizes, l));
}
