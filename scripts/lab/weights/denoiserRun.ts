/**
 * The training loop shared by the diffusion weight makers (ddm-latent, ddm-moons): steps a
 * session, keeps an exponential moving average of the denoiser's weights (decay 0.999 per step,
 * applied every EMA_EVERY steps; the usual DDPM practice, it smooths the noisy late iterates) and
 * writes the average as a safetensors file every SAVE_EVERY steps and at the end, so an
 * interrupted run still leaves a usable file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { denoiserShapes, type MlpDenoiser } from '../../../src/core/diffusion/mlpDenoiser';
import { encodeWeights } from '../../../src/core/diffusion/weightsFile';
import type { StoredDtype } from '../../../src/core/weights/safetensors';

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

export async function trainDenoiserWithEma(opts: {
  session: { step(): Promise<{ loss: number }>; net: MlpDenoiser };
  steps: number;
  out: string;
  /** the model's metadata, without `steps` (added at each save) */
  meta: Record<string, number | string | boolean>;
  dtype?: StoredDtype;
}): Promise<void> {
  const { session, steps, out } = opts;
  const decay = EMA_DECAY_PER_STEP ** EMA_EVERY;
  let ema = await session.net.getWeights();
  mkdirSync(path.dirname(out), { recursive: true });
  const save = (done: number) => {
    const meta = { ...opts.meta, steps: done, emaDecayPerStep: EMA_DECAY_PER_STEP };
    writeFileSync(out, encodeWeights({ meta, shapes: denoiserShapes(session.net.config) }, ema, opts.dtype));
  };
  const t0 = performance.now();
  let avg = 0;
  for (let k = 1; k <= steps; k++) {
    avg += (await session.step()).loss / 100;
    if (k % EMA_EVERY === 0) {
      const w = await session.net.getWeights();
      ema = ema.map((e, i) => e.map((v, j) => decay * v + (1 - decay) * w[i][j]));
    }
    if (k % 100 === 0) {
      console.log(`step ${k}  loss(avg of 100) ${avg.toFixed(4)}  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      avg = 0;
    }
    if (k % SAVE_EVERY === 0 || k === steps) save(k);
  }
  console.log(`wrote ${out}`);
}
