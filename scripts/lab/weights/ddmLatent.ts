/**
 * `npm run lab -- make-weights ddm-latent [--steps 8000] [--seed 1] [--backend wasm|cpu] [--out path]`
 *
 * Makes the shipped latent-diffusion weights, public/weights/ddm/latent.safetensors: the
 * 'ddm-latent' model trained from scratch with LATENT_SHIPPED_RECIPE on the shipped VAE's codes,
 * with an exponential moving average of the weights (./denoiserRun.ts). Float32 (the network is
 * small: 0.2 M parameters). Deterministic given the seed and backend.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLatentSession, ddmLatentParams, LATENT_DEPTH, LATENT_EMBED, LATENT_SHIPPED_RECIPE, LATENT_WEIGHTS_PATH } from '../../../src/core/diffusion/latentDemo';
import { defaultParams } from '../../../src/core/params';
import { VAE_WEIGHT_FILES } from '../../../src/core/vae/pretrained';
import { useBackend } from '../../../tests/support/tf';
import { nodeAssetLoader } from '../run';
import { flagReader, trainDenoiserWithEma } from './denoiserRun';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function makeDdmLatentWeights(args: readonly string[]): Promise<void> {
  const flag = flagReader(args);
  const steps = Number(flag('steps', String(LATENT_SHIPPED_RECIPE.steps)));
  const seed = Number(flag('seed', '1'));
  const backend = flag('backend', 'wasm') as 'wasm' | 'cpu';
  await useBackend(backend);
  // the shipped recipe, not the widget's from-scratch defaults (tuned for a short live run)
  const { T, schedule, width, lr, batch } = LATENT_SHIPPED_RECIPE;
  const params = { ...defaultParams(ddmLatentParams), T, schedule, width, lr, batch, pretrained: false, steps };
  const session = await createLatentSession(params, seed, nodeAssetLoader(root));
  const out = path.resolve(root, flag('out', path.join('public', LATENT_WEIGHTS_PATH)));
  const meta = {
    dim: session.latent,
    codesOf: VAE_WEIGHT_FILES.default,
    codes: 'posterior means of the 9,000 training digits',
    T: params.T,
    schedule: params.schedule,
    width: params.width,
    depth: LATENT_DEPTH,
    embedDim: LATENT_EMBED,
    leaky: true,
    seed,
    lr: params.lr,
    batch: params.batch,
    backend,
  };
  await trainDenoiserWithEma({ session, steps, out, meta, dtype: 'F32' });
}
