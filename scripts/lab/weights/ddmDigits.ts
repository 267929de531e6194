/**
 * `npm run lab -- make-weights ddm-digits14 [--steps 30000] [--seed 1] [--width 256] [--backend wasm|cpu] [--out path]`
 *
 * Makes the shipped 14×14 digit diffusion weights, public/weights/ddm/digits.safetensors.
 * Trains the 'ddm-digits' demo's 14×14 model from scratch with its default settings, keeps an exponential
 * moving average of the weights (decay 0.999 per step, applied every EMA_EVERY steps; the usual
 * DDPM practice, it smooths the noisy late iterates), and writes the average as float16 every
 * SAVE_EVERY steps, so an interrupted run still leaves a usable file. Deterministic given the seed
 * and backend.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDigitsSession, ddmDigitsParams, DIGITS_DEPTH, DIGITS_EMBED } from '../../../src/core/diffusion/ddmDigitsDemo';
import { DIGIT_SIDE, DIGIT_WEIGHTS_PATH } from '../../../src/core/diffusion/digits';
import { denoiserShapes, type MlpDenoiser } from '../../../src/core/diffusion/mlpDenoiser';
import { encodeWeights } from '../../../src/core/diffusion/weightsFile';
import { defaultParams } from '../../../src/core/params';
import { useBackend } from '../../../tests/support/tf';
import { nodeAssetLoader } from '../run';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const EMA_EVERY = 5;
const EMA_DECAY = 0.999 ** EMA_EVERY;
const SAVE_EVERY = 500;

export async function makeDdmDigitWeights(args: readonly string[]): Promise<void> {
  const flag = (name: string, fallback: string): string => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const steps = Number(flag('steps', '30000'));
  const seed = Number(flag('seed', '1'));
  const backend = flag('backend', 'wasm') as 'wasm' | 'cpu';
  await useBackend(backend);
  const width = Number(flag('width', String(ddmDigitsParams.width.default)));
  const params = { ...defaultParams(ddmDigitsParams), model: '14' as const, pretrained: false, steps, width };
  const session = await createDigitsSession(params, seed, nodeAssetLoader(root));
  const cfg = (session.net as MlpDenoiser).config;
  let ema = await session.net.getWeights();
  const out = path.resolve(root, flag('out', path.join('public', DIGIT_WEIGHTS_PATH)));
  mkdirSync(path.dirname(out), { recursive: true });
  const save = (done: number) => {
    const meta = {
      side: DIGIT_SIDE,
      T: params.T,
      schedule: params.schedule,
      width: cfg.width,
      depth: DIGITS_DEPTH,
      embedDim: DIGITS_EMBED,
      leaky: cfg.leaky === true,
      steps: done,
      seed,
      lr: params.lr,
      batch: params.batch,
      emaDecayPerStep: 0.999,
      backend,
    };
    writeFileSync(out, encodeWeights({ meta, shapes: denoiserShapes(cfg) }, ema));
  };
  const t0 = performance.now();
  let avg = 0;
  for (let k = 1; k <= steps; k++) {
    const { loss } = await session.step();
    avg += loss / 100;
    if (k % EMA_EVERY === 0) {
      const w = await session.net.getWeights();
      ema = ema.map((e, i) => e.map((v, j) => EMA_DECAY * v + (1 - EMA_DECAY) * w[i][j]));
    }
    if (k % 100 === 0) {
      console.log(`step ${k}  loss(avg of 100) ${avg.toFixed(4)}  ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      avg = 0;
    }
    if (k % SAVE_EVERY === 0 || k === steps) save(k);
  }
  session.dispose();
  console.log(`wrote ${out}`);
}
