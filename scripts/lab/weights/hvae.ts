/**
 * `npm run lab -- make-weights hvae [--epochs N] [--seed S] [--fresh]`
 *
 * Trains the chapter-7 two-layer VAE (src/core/vae/hvae, 784-400-100 / 20-10, warm-up over 10
 * epochs, Adam 1e-3, batch 128, 30 epochs) with the book's core code on the wasm backend, and
 * writes public/weights/vae/hvae.safetensors with its per-epoch curves and held-out summary in
 * the metadata. After every epoch it writes a checkpoint (weights, Adam's moments, step,
 * curves) to .tmp/hvae.ckpt.safetensors and resumes from it unless --fresh: every draw is a
 * function of (seed, step), so a resumed run gives the same weights as an uninterrupted one.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { useBackend } from '../../../tests/support/tf';
import { createRng } from '../../../src/core/random';
import { loadMnistArrays } from '../../../src/core/vae/data';
import { evaluateHvae, hvaeIwae } from '../../../src/core/vae/hvae/evaluate';
import { HVAE_PARAM_NAMES, hvaeParamShapes } from '../../../src/core/vae/hvae/model';
import { HVAE_SCHEDULE, HVAE_SEED, HVAE_SHAPE, HVAE_WEIGHT_FILE, type HvaeEpochRecord } from '../../../src/core/vae/hvae/pretrained';
import { serializeHvae } from '../../../src/core/vae/hvae/serialize';
import { HvaeTrainer, type HvaeCheckpoint } from '../../../src/core/vae/hvae/trainer';
import { ELBO_EVAL_SAMPLES, IWAE_EVAL_K } from '../../../src/core/vae/pretrained';
import { decodeSafetensors, encodeSafetensors } from '../../../src/core/weights/safetensors';

const CKPT = '.tmp/hvae.ckpt.safetensors';
/** Adam's m, v as src/core/math/adam.ts's state() gives them (checkpoints before it kept m/(1 − β₁), v/(1 − β₂)). */
const ADAM_MOMENTS = 'unscaled';

function saveCheckpoint(c: HvaeCheckpoint, history: HvaeEpochRecord[], meta: Record<string, unknown>): void {
  const shapes = hvaeParamShapes(HVAE_SHAPE);
  const tensors = HVAE_PARAM_NAMES.flatMap((n, i) => [
    { name: n, shape: shapes[n], data: c.weights[i] },
    { name: `m.${n}`, shape: shapes[n], data: c.adam.m[i] },
    { name: `v.${n}`, shape: shapes[n], data: c.adam.v[i] },
  ]);
  mkdirSync('.tmp', { recursive: true });
  writeFileSync(CKPT, encodeSafetensors('hvae-checkpoint', tensors, { step: c.step, adamStep: c.adam.step, adamMoments: ADAM_MOMENTS, history, ...meta }));
}

function loadCheckpoint(): { c: HvaeCheckpoint; history: HvaeEpochRecord[]; meta: Record<string, unknown> } {
  const doc = decodeSafetensors(readFileSync(CKPT), 'hvae-checkpoint');
  const by = new Map(doc.tensors.map((t) => [t.name, t.data]));
  const meta = doc.meta as { step: number; adamStep: number; adamMoments?: string; history: HvaeEpochRecord[] };
  if (meta.adamMoments !== ADAM_MOMENTS) throw new Error(`${CKPT} keeps Adam's moments in an older form (scaled per tensor); run again with --fresh.`);
  const get = (n: string) => by.get(n)!;
  return {
    c: { weights: HVAE_PARAM_NAMES.map((n) => get(n)), adam: { step: meta.adamStep, m: HVAE_PARAM_NAMES.map((n) => get(`m.${n}`)), v: HVAE_PARAM_NAMES.map((n) => get(`v.${n}`)) }, step: meta.step },
    history: meta.history,
    meta: doc.meta,
  };
}

export async function makeHvaeWeights(args: readonly string[]): Promise<void> {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  await useBackend('wasm');
  const data = await loadMnistArrays(async (path) => {
    const b = readFileSync(`public/${path}`);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
  });
  const schedule = { ...HVAE_SCHEDULE, epochs: flag('epochs') ?? HVAE_SCHEDULE.epochs };
  const seed = flag('seed') ?? HVAE_SEED;
  const trainer = new HvaeTrainer(HVAE_SHAPE, schedule, data.trainImages, seed);
  let history: HvaeEpochRecord[] = [];
  let trainMs = 0;
  if (!args.includes('--fresh') && existsSync(CKPT)) {
    const saved = loadCheckpoint();
    if (saved.meta.seed === seed) {
      trainer.restore(saved.c);
      history = saved.history;
      trainMs = Number(saved.meta.trainMs ?? 0);
      console.log(`[hvae] resumed at step ${trainer.step} (epoch ${trainer.epoch.toFixed(0)}) from ${CKPT}`);
    }
  }
  while (!trainer.isDone()) {
    const t0 = Date.now();
    let sum = 0;
    for (let i = 0; i < trainer.stepsPerEpoch; i++) sum += (await trainer.trainStep()).elbo;
    trainMs += Date.now() - t0;
    const e = Math.round(trainer.epoch);
    const ev = await evaluateHvae(trainer.weights, HVAE_SHAPE, data.testImages, createRng(seed + 1000 + e));
    history.push({ epoch: e, trainElbo: sum / trainer.stepsPerEpoch, testElbo: ev.elbo, testKl1: ev.kl1, testKl2: ev.kl2, active1: ev.active1, active2: ev.active2 });
    console.log(
      `[hvae] epoch ${e}/${schedule.epochs} train ELBO ${(sum / trainer.stepsPerEpoch).toFixed(2)} test ELBO ${ev.elbo.toFixed(2)} ` +
        `KL1 ${ev.kl1.toFixed(2)} KL2 ${ev.kl2.toFixed(2)} active ${ev.active1}/${ev.active2} ${(trainMs / 1000).toFixed(0)} s`,
    );
    saveCheckpoint(await trainer.checkpoint(), history, { seed, trainMs });
  }
  const final = await evaluateHvae(trainer.weights, HVAE_SHAPE, data.testImages, createRng(seed + 7), ELBO_EVAL_SAMPLES);
  console.log(`[hvae] final test ELBO ${final.elbo.toFixed(3)}; IWAE K = ${IWAE_EVAL_K} on ${data.testImages.length / 784} digits …`);
  const iw = await hvaeIwae(trainer.weights, HVAE_SHAPE, data.testImages, IWAE_EVAL_K, createRng(seed + 11));
  const summary = {
    testElbo: final.elbo,
    testRecon: final.recon,
    testKl1: final.kl1,
    testKl2: final.kl2,
    active1: final.active1,
    active2: final.active2,
    iwae500: iw.mean,
    epochs: schedule.epochs,
    steps: trainer.step,
    msPerStep: trainMs / trainer.step,
  };
  const bytes = serializeHvae(HVAE_SHAPE, await trainer.arrays(), { name: 'hvae', seed, schedule, history, summary });
  trainer.dispose();
  mkdirSync('public/weights/vae', { recursive: true });
  writeFileSync(`public/${HVAE_WEIGHT_FILE}`, bytes);
  console.log(`[hvae] wrote public/${HVAE_WEIGHT_FILE} (${bytes.length} bytes)`);
  console.log(`[hvae] summary ${JSON.stringify(summary)}`);
}
