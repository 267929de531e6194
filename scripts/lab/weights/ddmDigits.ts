/**
 * `npm run lab -- make-weights ddm-digits14 [--steps 30000] [--seed 1] [--width 256] [--backend wasm|cpu] [--out path]`
 *
 * Makes the shipped 14×14 digit diffusion weights, public/weights/ddm/digits.safetensors.
 * Trains the 'ddm-digits' demo's 14×14 model from scratch with its default settings, keeps an exponential
 * moving average of the weights and writes the average as float16 every 500 steps
 * (./denoiserRun.ts's loop), so an interrupted run still leaves a usable file. Deterministic given the seed
 * and backend.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDigitsSession, ddmDigitsParams, DIGITS_DEPTH, DIGITS_EMBED } from '../../../src/core/diffusion/ddmDigitsDemo';
import { DIGIT_SIDE, DIGIT_WEIGHTS_PATH } from '../../../src/core/diffusion/digits';
import type { MlpDenoiser } from '../../../src/core/diffusion/mlpDenoiser';
import { defaultParams } from '../../../src/core/params';
import { useBackend } from '../../../tests/support/tf';
import { nodeAssetLoader } from '../run';
import { flagReader, trainDenoiserWithEma } from './denoiserRun';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function makeDdmDigitWeights(args: readonly string[]): Promise<void> {
  const flag = flagReader(args);
  const steps = Number(flag('steps', '30000'));
  const seed = Number(flag('seed', '1'));
  const backend = flag('backend', 'wasm') as 'wasm' | 'cpu';
  await useBackend(backend);
  const width = Number(flag('width', String(ddmDigitsParams.width.default)));
  const params = { ...defaultParams(ddmDigitsParams), model: '14' as const, pretrained: false, steps, width };
  const session = await createDigitsSession(params, seed, nodeAssetLoader(root));
  const net = session.net as MlpDenoiser;
  const cfg = net.config;
  const out = path.resolve(root, flag('out', path.join('public', DIGIT_WEIGHTS_PATH)));
  const meta = {
    side: DIGIT_SIDE,
    T: params.T,
    schedule: params.schedule,
    width: cfg.width,
    depth: DIGITS_DEPTH,
    embedDim: DIGITS_EMBED,
    leaky: cfg.leaky === true,
    seed,
    lr: params.lr,
    batch: params.batch,
    backend,
  };
  await trainDenoiserWithEma({ session: { net, step: () => session.step(), dispose: () => session.dispose() }, steps, out, meta });
}
