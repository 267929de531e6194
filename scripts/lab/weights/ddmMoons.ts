/**
 * `npm run lab -- make-weights ddm-moons [--steps 10000] [--seed 1] [--backend wasm|cpu] [--out path]`
 *
 * Makes the shipped 2-D diffusion weights, public/weights/ddm/moons.safetensors, that chapter 8's
 * reverse sampler opens on: the 'ddm' model on two moons at its default T, schedule and width,
 * trained from scratch with the learning-rate decay over `steps` and an exponential moving average
 * of the weights (./denoiserRun.ts). Deterministic given the seed and backend.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DdmSession } from '../../../src/core/diffusion/ddmSession';
import { ddmParams, MOONS_WEIGHTS_PATH } from '../../../src/core/diffusion/ddmParams';
import { defaultParams } from '../../../src/core/params';
import { useBackend } from '../../../tests/support/tf';
import { flagReader, trainDenoiserWithEma } from './denoiserRun';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function makeDdmMoonsWeights(args: readonly string[]): Promise<void> {
  const flag = flagReader(args);
  const steps = Number(flag('steps', '10000'));
  const seed = Number(flag('seed', '1'));
  const backend = flag('backend', 'wasm') as 'wasm' | 'cpu';
  await useBackend(backend);
  const params = { ...defaultParams(ddmParams), dataset: 'moons' as const, pretrained: false, steps };
  const session = new DdmSession(params, seed);
  const out = path.resolve(root, flag('out', path.join('public', MOONS_WEIGHTS_PATH)));
  const cfg = session.net.config;
  const meta = {
    dataset: params.dataset,
    T: params.T,
    schedule: params.schedule,
    width: cfg.width,
    depth: cfg.depth,
    embedDim: cfg.embedDim,
    leaky: cfg.leaky === true,
    seed,
    lr: params.lr,
    batch: params.batch,
    backend,
  };
  const step = () => session.trainStep() as Promise<{ loss: number }>;
  await trainDenoiserWithEma({ session: { net: session.net, step, dispose: () => session.dispose() }, steps, out, meta });
}
