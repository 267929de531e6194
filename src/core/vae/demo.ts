/**
 * Demo 'vae': trains the chapter's VAE on the 9,000 training digits, evaluates on the 1,000
 * held-out digits after every epoch, and reports curves, reconstructions, prior samples,
 * per-dimension KL and active units (and for L = 2 the latent map and a decoded manifold).
 */
import { defineDemo, type Plain, type TrainingSession } from '../demo';
import type { ParamValues } from '../params';
import { createRng } from '../random';
import { loadMnistArrays } from './data';
import { evaluateElbo, type Evaluation } from './evaluate';
import { iwaeBound } from './iwae';
import type { DecoderKind, VaeShape } from './model';
import { ELBO_EVAL_SAMPLES, IWAE_EVAL_K, pretrainedFor, VAE_WEIGHT_FILES, type EpochRecord } from './pretrained';
import { deserializeWeights } from './serialize';
import { buildSnapshot } from './snapshot';
import { VaeTrainer, type TrainerCheckpoint, type TrainSchedule } from './trainer';
import { vaeParams } from './vaeParams';

type Values = ParamValues<typeof vaeParams>;

/** Snapshots are rebuilt at most once per this many training steps. */
const SNAPSHOT_EVERY_STEPS = 5;

export interface VaeSession extends TrainingSession<Plain, Values> {
  trainer: VaeTrainer;
  /** [1000, D] held-out digits */
  testImages: Float32Array;
  history: EpochRecord[];
}

function scheduleOf(p: Values): TrainSchedule {
  return {
    learningRate: p.lr,
    batchSize: p.batch,
    epochs: p.epochs,
    klWeight: p.klWeight,
    annealEpochs: p.annealEpochs,
    freeBits: p.freeBits,
  };
}

export function shapeOf(p: Values, inputDim = 784): VaeShape {
  return { inputDim, hidden: p.hidden, latent: p.latent, decoder: p.decoder as DecoderKind, decoderStd: p.decoderStd };
}

export default defineDemo({
  id: 'vae',
  title: 'Variational autoencoder on MNIST',
  params: vaeParams,
  usesTf: true,
  threads: true,
  defaultSteps: 30 * Math.floor(9000 / 128),
  async create(ctx) {
    if (!ctx.loadAsset) throw new Error('The VAE demo needs an asset loader for the MNIST digits.');
    const p = ctx.params;
    const data = await loadMnistArrays(ctx.loadAsset);
    const train = data.trainImages.subarray(0, Math.min(p.trainSize, data.trainLabels.length) * data.inputDim);
    const shape = shapeOf(p, data.inputDim);
    const trainer = new VaeTrainer(shape, scheduleOf(p), train, ctx.seed);
    let history: EpochRecord[] = [];
    let note = 'trained from scratch';
    const given = (ctx.input as { weights?: Uint8Array } | undefined)?.weights;
    if (given) {
      // A model the reader saved earlier: its shape must match the settings (the widget sets them from the file).
      const file = deserializeWeights(given);
      if (file.shape.hidden !== shape.hidden || file.shape.latent !== shape.latent || file.shape.decoder !== shape.decoder) {
        throw new Error(`saved model is ${file.shape.inputDim}-${file.shape.hidden}-${file.shape.latent} ${file.shape.decoder}; settings say ${shape.hidden}-${shape.latent} ${shape.decoder}`);
      }
      const epochs = Math.min(Number(file.meta.epochs ?? 0), p.epochs);
      trainer.setParameters(file.theta, Math.round(epochs * trainer.stepsPerEpoch));
      history = ((file.meta.history as EpochRecord[] | undefined) ?? []).filter((h) => h.epoch <= epochs);
      note = 'your saved model';
    } else if (p.start === 'pretrained') {
      const name = pretrainedFor(shape);
      if (name) {
        const file = deserializeWeights(await ctx.loadAsset(VAE_WEIGHT_FILES[name]));
        const trainedEpochs = (file.meta.schedule as Partial<TrainSchedule> | undefined)?.epochs ?? 0;
        const doneEpochs = Math.min(trainedEpochs, p.epochs);
        trainer.setParameters(file.theta, doneEpochs * trainer.stepsPerEpoch);
        history = ((file.meta.history as EpochRecord[] | undefined) ?? []).slice(0, doneEpochs);
        note = `pretrained weights (${VAE_WEIGHT_FILES[name]})`;
      } else {
        note = `no pretrained weights for H = ${p.hidden}, L = ${p.latent}, ${p.decoder}: trained from scratch`;
      }
    }
    const evalRng = createRng(ctx.seed + 99);
    let last: Evaluation = await evaluateElbo(trainer.weights, shape, data.testImages, evalRng);
    let epochSum = { elbo: 0, recon: 0, kl: 0, n: 0 };
    let msPerStep = 0;
    let lastMetrics: Record<string, number> | null = null;
    let cached: { step: number; value: { [key: string]: Plain } } | null = null;
    let weightsSentStep = -1;

    const session: VaeSession = {
      trainer,
      testImages: data.testImages,
      get history() {
        return history;
      },
      async step() {
        if (trainer.isDone() && lastMetrics) return lastMetrics;
        const t0 = performance.now();
        const r = await trainer.trainStep();
        epochSum = { elbo: epochSum.elbo + r.elbo, recon: epochSum.recon + r.recon, kl: epochSum.kl + r.kl, n: epochSum.n + 1 };
        if (trainer.step % trainer.stepsPerEpoch === 0) {
          const ev = await evaluateElbo(trainer.weights, shape, data.testImages, evalRng);
          last = ev;
          history = [
            ...history,
            { epoch: Math.round(trainer.epoch), trainElbo: epochSum.elbo / epochSum.n, testElbo: ev.elbo, testRecon: ev.recon, testKl: ev.kl, activeUnits: ev.activeUnits },
          ];
          epochSum = { elbo: 0, recon: 0, kl: 0, n: 0 };
        }
        const dt = performance.now() - t0;
        msPerStep = msPerStep === 0 ? dt : 0.95 * msPerStep + 0.05 * dt;
        lastMetrics = {
          elbo: r.elbo,
          recon: r.recon,
          kl: r.kl,
          beta: r.beta,
          epoch: r.epoch,
          testElbo: last.elbo,
          testRecon: last.recon,
          testKl: last.kl,
          msPerStep,
          etaSeconds: ((trainer.totalSteps - trainer.step) * msPerStep) / 1000,
        };
        return lastMetrics;
      },
      async snapshot(hint) {
        // The host asks ~20 times a second while running: rebuild every few steps, and attach the
        // weights (large) only when the model changed since they were last sent. At rest (paused,
        // done) the picture stays on screen, so it is always current.
        const resting = hint?.resting === true || trainer.isDone();
        const stale = !cached || trainer.step - cached.step >= SNAPSHOT_EVERY_STEPS || (trainer.step !== cached.step && resting);
        if (stale) {
          const epochBoundary = trainer.step % trainer.stepsPerEpoch === 0 || trainer.isDone();
          const withWeights = epochBoundary && weightsSentStep !== trainer.step;
          if (withWeights) weightsSentStep = trainer.step;
          cached = { step: trainer.step, value: await buildSnapshot(trainer, data, history, note, last, true, withWeights) };
          return cached.value;
        }
        const { decoder: _d, weights: _w, ...rest } = cached!.value;
        return rest;
      },
      async checkpoint() {
        const c = await trainer.checkpoint();
        // The held-out evaluation too: a rollback must not keep showing the diverged model's numbers.
        return { ...c, history: history.map((h) => ({ ...h })), heldOut: { ...last } } as unknown as Plain;
      },
      restore(c) {
        const cp = c as unknown as TrainerCheckpoint & { history: EpochRecord[]; heldOut: Evaluation };
        trainer.restore(cp);
        history = cp.history.slice();
        last = cp.heldOut;
        lastMetrics = null;
        epochSum = { elbo: 0, recon: 0, kl: 0, n: 0 };
        cached = null;
      },
      setParams(values) {
        const s = trainer.schedule;
        trainer.schedule = {
          ...s,
          learningRate: values.lr ?? s.learningRate,
          klWeight: values.klWeight ?? s.klWeight,
          freeBits: values.freeBits ?? s.freeBits,
          annealEpochs: values.annealEpochs ?? s.annealEpochs,
        };
      },
      isDone: () => trainer.isDone(),
      corrupt: () => trainer.corrupt(),
      dispose: () => trainer.dispose(),
    };
    return session;
  },
  async summarize(session) {
    const s = session as VaeSession;
    const ev = await evaluateElbo(s.trainer.weights, s.trainer.shape, s.testImages, createRng(7), ELBO_EVAL_SAMPLES);
    const iw = await iwaeBound(s.trainer.weights, s.trainer.shape, s.testImages, IWAE_EVAL_K, createRng(11));
    return {
      testElbo: ev.elbo,
      testRecon: ev.recon,
      testKl: ev.kl,
      activeUnits: ev.activeUnits,
      iwae500: iw.mean,
      epochs: s.trainer.epoch,
      steps: s.trainer.step,
    };
  },
});
