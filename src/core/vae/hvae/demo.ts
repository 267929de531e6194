/**
 * Demo 'hvae': trains the two-layer (ladder) VAE on the training digits, evaluates on the 1,000
 * held-out digits after every epoch, and reports the ELBO with each layer's KL, active units per
 * layer, and what the layers encode (a grid of digits sharing z₂; rows holding z₁'s noise while
 * z₂ moves). Opens on the shipped weights by default.
 */
import { defineDemo, type Plain, type TrainingSession } from '../../demo';
import type { ParamValues } from '../../params';
import { createRng } from '../../random';
import { loadMnistArrays } from '../data';
import { IWAE_EVAL_K, ELBO_EVAL_SAMPLES } from '../pretrained';
import { evaluateHvae, hvaeIwae, type HvaeEvaluation } from './evaluate';
import { holdZ2Grid, moveZ2Grid } from './layers';
import type { HvaeShape } from './model';
import { hvaeParams } from './params';
import { HVAE_WEIGHT_FILE, isShippedShape, type HvaeEpochRecord } from './pretrained';
import { deserializeHvae, type HvaeWeightFile } from './serialize';
import { HvaeTrainer, type HvaeCheckpoint, type HvaeSchedule } from './trainer';

type Values = ParamValues<typeof hvaeParams>;

/** Snapshots (grids included) are rebuilt at most once per this many steps while training. */
const SNAPSHOT_EVERY_STEPS = 10;
export const GRID = { holdRows: 4, holdCols: 8, moveRows: 4, moveCols: 8 };

export interface HvaeSession extends TrainingSession<Plain, Values> {
  trainer: HvaeTrainer;
  testImages: Float32Array;
}

export function hvaeShapeOf(p: Values, inputDim = 784): HvaeShape {
  return { inputDim, hidden: p.hidden, hidden2: p.hidden2, latent1: p.latent1, latent2: p.latent2 };
}

function scheduleOf(p: Values): HvaeSchedule {
  return { learningRate: p.lr, batchSize: p.batch, epochs: p.epochs, warmupEpochs: p.warmupEpochs, freeBits: p.freeBits };
}

function evaluationPlain(ev: HvaeEvaluation): { [key: string]: Plain } {
  return {
    elbo: ev.elbo,
    recon: ev.recon,
    kl1: ev.kl1,
    kl2: ev.kl2,
    kl1PerDim: ev.kl1PerDim,
    kl2PerDim: ev.kl2PerDim,
    meanVar1: ev.meanVar1,
    meanVar2: ev.meanVar2,
    active1: ev.active1,
    active2: ev.active2,
  };
}

export default defineDemo({
  id: 'hvae',
  title: 'Two-layer (ladder) VAE on MNIST',
  params: hvaeParams,
  usesTf: true,
  threads: true,
  defaultSteps: 30 * Math.floor(9000 / 128),
  async create(ctx) {
    if (!ctx.loadAsset) throw new Error('The hierarchical VAE demo needs an asset loader for the MNIST digits.');
    const p = ctx.params;
    const data = await loadMnistArrays(ctx.loadAsset);
    const train = data.trainImages.subarray(0, Math.min(p.trainSize, data.trainLabels.length) * data.inputDim);
    const shape = hvaeShapeOf(p, data.inputDim);
    const trainer = new HvaeTrainer(shape, scheduleOf(p), train, ctx.seed);
    let history: HvaeEpochRecord[] = [];
    let note = 'trained from scratch';
    if (p.start === 'pretrained') {
      const file: HvaeWeightFile | Error | null = isShippedShape(shape)
        ? await ctx.loadAsset(HVAE_WEIGHT_FILE).then(deserializeHvae, (e: unknown) => (e instanceof Error ? e : new Error(String(e))))
        : null;
      if (file && !(file instanceof Error)) {
        const trained = Number((file.meta.schedule as Partial<HvaeSchedule> | undefined)?.epochs ?? 0);
        const done = Math.min(trained, p.epochs);
        trainer.setWeights(file.arrays, done * trainer.stepsPerEpoch);
        history = ((file.meta.history as HvaeEpochRecord[] | undefined) ?? []).slice(0, done);
        note = `pretrained weights (${HVAE_WEIGHT_FILE})`;
      } else if (file instanceof Error) {
        note = `the pretrained weights could not be loaded (${file.message}): trained from scratch`;
      } else {
        note = `no pretrained weights for ${shape.hidden}-${shape.hidden2} / ${shape.latent1}-${shape.latent2}: trained from scratch`;
      }
    }
    const evalRng = createRng(ctx.seed + 99);
    let last = await evaluateHvae(trainer.weights, shape, data.testImages, evalRng);
    let epochSum = { elbo: 0, n: 0 };
    let msPerStep = 0;
    let lastMetrics: Record<string, number> | null = null;
    let cached: { step: number; value: { [key: string]: Plain } } | null = null;

    const session: HvaeSession = {
      trainer,
      testImages: data.testImages,
      async step() {
        if (trainer.isDone() && lastMetrics) return lastMetrics;
        const t0 = performance.now();
        const r = await trainer.trainStep();
        epochSum = { elbo: epochSum.elbo + r.elbo, n: epochSum.n + 1 };
        if (trainer.step % trainer.stepsPerEpoch === 0) {
          last = await evaluateHvae(trainer.weights, shape, data.testImages, evalRng);
          const epoch = Math.round(trainer.epoch);
          history = [...history, { epoch, trainElbo: epochSum.elbo / epochSum.n, testElbo: last.elbo, testKl1: last.kl1, testKl2: last.kl2, active1: last.active1, active2: last.active2 }];
          epochSum = { elbo: 0, n: 0 };
        }
        const dt = performance.now() - t0;
        msPerStep = msPerStep === 0 ? dt : 0.95 * msPerStep + 0.05 * dt;
        lastMetrics = { elbo: r.elbo, recon: r.recon, kl1: r.kl1, kl2: r.kl2, beta: r.beta, epoch: r.epoch, testElbo: last.elbo, msPerStep };
        return lastMetrics;
      },
      async snapshot(hint) {
        const resting = hint?.resting === true || trainer.isDone();
        const stale = !cached || trainer.step - cached.step >= SNAPSHOT_EVERY_STEPS || (trainer.step !== cached.step && resting);
        if (stale) {
          // The same noise every time: the grids change only because the model does.
          const rng = createRng(ctx.seed + 5);
          const hold = await holdZ2Grid(trainer.weights, shape, GRID.holdRows, GRID.holdCols, rng);
          const move = await moveZ2Grid(trainer.weights, shape, GRID.moveRows, GRID.moveCols, rng);
          cached = {
            step: trainer.step,
            value: {
              step: trainer.step,
              stepsPerEpoch: trainer.stepsPerEpoch,
              totalSteps: trainer.totalSteps,
              latent1: shape.latent1,
              latent2: shape.latent2,
              note,
              test: evaluationPlain(last),
              history: history.map((h) => ({ ...h })),
              holdZ2: hold,
              moveZ2: move,
              grid: { ...GRID },
            },
          };
        }
        return cached!.value;
      },
      async checkpoint() {
        const c = await trainer.checkpoint();
        return { weights: c.weights, adam: { step: c.adam.step, m: c.adam.m, v: c.adam.v }, step: c.step, history: history.map((h) => ({ ...h })), heldOut: evaluationPlain(last) } as unknown as Plain;
      },
      restore(c) {
        const cp = c as unknown as HvaeCheckpoint & { history: HvaeEpochRecord[]; heldOut: HvaeEvaluation };
        trainer.restore(cp);
        history = cp.history.slice();
        last = { ...cp.heldOut, perDigit: new Float64Array(0) };
        lastMetrics = null;
        epochSum = { elbo: 0, n: 0 };
        cached = null;
      },
      setParams(values) {
        const s = trainer.schedule;
        trainer.schedule = {
          ...s,
          learningRate: values.lr ?? s.learningRate,
          warmupEpochs: values.warmupEpochs ?? s.warmupEpochs,
          freeBits: values.freeBits ?? s.freeBits,
        };
      },
      isDone: () => trainer.isDone(),
      corrupt: () => trainer.corrupt(),
      dispose: () => trainer.dispose(),
    };
    return session;
  },
  async summarize(session) {
    const s = session as HvaeSession;
    const ev = await evaluateHvae(s.trainer.weights, s.trainer.shape, s.testImages, createRng(7), ELBO_EVAL_SAMPLES);
    const iw = await hvaeIwae(s.trainer.weights, s.trainer.shape, s.testImages.subarray(0, 100 * 784), IWAE_EVAL_K, createRng(11));
    return { testElbo: ev.elbo, testKl1: ev.kl1, testKl2: ev.kl2, active1: ev.active1, active2: ev.active2, iwae500First100: iw.mean, epochs: s.trainer.epoch, steps: s.trainer.step };
  },
});
