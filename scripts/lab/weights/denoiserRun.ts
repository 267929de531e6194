/**
 * The training loop shared by the diffusion weight makers (ddm-digits, ddm-digits14, ddm-latent,
 * ddm-moons): steps a model, keeps an exponential moving average of the denoiser's weights (decay
 * 0.999 per step, applied every EMA_EVERY steps; the usual DDPM practice, it smooths the noisy late
 * iterates) and writes the average every `saveEvery` steps and at the end, so an interrupted run
 * still leaves a usable file. With `resume`, it also checkpoints the run (./runCheckpoint.ts) and
 * continues from the checkpoint it finds.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Denoiser, DenoiserBaseConfig } from '../../../src/core/diffusion/denoiser';
import { checkpointDenoiser, restoreDenoiser } from '../../../src/core/diffusion/denoiserCheckpoint';
import { denoiserShapes, type MlpDenoiser } from '../../../src/core/diffusion/mlpDenoiser';
import { encodeWeights } from '../../../src/core/diffusion/weightsFile';
import type { Adam } from '../../../src/core/math/adam';
import type { StoredDtype } from '../../../src/core/weights/safetensors';
import { readRunCheckpoint, writeRunCheckpoint } from './runCheckpoint';

const EMA_EVERY = 5;
export const EMA_DECAY_PER_STEP = 0.999;
const SAVE_EVERY = 500;

/** Reads `--name value` from a make-weights command line. */
export function flagReader(args: readonly string[]): (name: string, fallback: string) => string {
  return (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
}

export interface EmaRun {
  net: Denoiser<DenoiserBaseConfig>;
  /** optimizer step k (1-based over the whole run, a resumed run included) @returns its loss */
  step(k: number): Promise<number>;
  steps: number;
  out: string;
  /** the model file holding the averaged weights after `done` steps */
  encode(ema: Float32Array[], done: number): Uint8Array;
  saveEvery?: number;
  /** checkpoint to `file` every `every` steps; resume from it when it exists, unless `fresh` */
  resume?: { file: string; kind: string; optimizer: Adam; every: number; fresh: boolean; root: string };
}

export async function trainWithEma(run: EmaRun): Promise<void> {
  const { net, steps, out, resume } = run;
  const saveEvery = run.saveEvery ?? SAVE_EVERY;
  const decay = EMA_DECAY_PER_STEP ** EMA_EVERY;
  let ema = await net.getWeights();
  let done = 0;
  if (resume && existsSync(resume.file) && !resume.fresh) {
    const saved = readRunCheckpoint(resume.file, resume.kind, net.weights.length);
    done = restoreDenoiser(net, resume.optimizer, saved.cp);
    ema = saved.ema;
    console.log(`resumed from ${path.relative(resume.root, resume.file)} at step ${done}`);
  }
  mkdirSync(path.dirname(out), { recursive: true });
  if (resume) mkdirSync(path.dirname(resume.file), { recursive: true });
  const t0 = performance.now();
  let avg = 0;
  for (let k = done + 1; k <= steps; k++) {
    avg += (await run.step(k)) / 100;
    if (k % EMA_EVERY === 0) {
      const w = await net.getWeights();
      for (let i = 0; i < ema.length; i++) {
        const e = ema[i];
        const wi = w[i];
        for (let j = 0; j < e.length; j++) e[j] = decay * e[j] + (1 - decay) * wi[j];
      }
    }
    if (k % 100 === 0) {
      console.log(`step ${k}  loss(avg of 100) ${avg.toFixed(4)}  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      avg = 0;
    }
    if (k % saveEvery === 0 || k === steps) writeFileSync(out, run.encode(ema, k));
    if (resume && k % resume.every === 0) writeRunCheckpoint(resume.file, resume.kind, await checkpointDenoiser(net, resume.optimizer, k), ema);
  }
  console.log(`wrote ${out}`);
}

/** trainWithEma for a session's MlpDenoiser, written as a weightsFile.ts file with `meta`; disposes the session. */
export async function trainDenoiserWithEma(opts: {
  session: { step(): Promise<{ loss: number }>; net: MlpDenoiser; dispose(): void };
  steps: number;
  out: string;
  /** the model's metadata, without `steps` (added at each save) */
  meta: Record<string, number | string | boolean>;
  dtype?: StoredDtype;
}): Promise<void> {
  const { session } = opts;
  const shapes = denoiserShapes(session.net.config);
  try {
    await trainWithEma({
      net: session.net,
      step: async () => (await session.step()).loss,
      steps: opts.steps,
      out: opts.out,
      encode: (ema, done) => encodeWeights({ meta: { ...opts.meta, steps: done, emaDecayPerStep: EMA_DECAY_PER_STEP }, shapes }, ema, opts.dtype),
    });
  } finally {
    session.dispose();
  }
}
