/**
 * `npm run lab -- <demo> --samples N --out FILE.npy [--seed S] [--backend wasm|cpu]`
 *
 * Writes N digits drawn from a shipped model as a NumPy .npy file (float32, N×784, intensities in
 * [0, 1], row-major 28×28 images), so anyone can check them in Python (`numpy.load(FILE)`):
 *   ddm-latent   latent diffusion: codes from the shipped code model, decoded by the VAE
 *   vae          the shipped 20-d VAE's prior samples, z ~ N(0, I), decoded
 *   ddm-digits   the shipped 28×28 pixel-space model (residual MLP)
 *   ddm-digits14 the shipped 14×14 pixel-space model, each pixel repeated 2×2
 * Images are the decoders' mean images (for the VAE and the latent model) and the chain's last
 * mean (for the pixel model), as the yardstick scores them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeNpyFloat32 } from '../../src/core/data/npy';
import { drawSampleSet, type SampleSetName } from '../../src/core/diffusion/sampleSets';
import { useBackend } from '../../tests/support/tf';
import { nodeAssetLoader } from './run';

export const SAMPLE_DEMOS: Record<string, SampleSetName> = {
  'ddm-latent': 'latent',
  vae: 'vae-prior',
  'ddm-digits': 'pixel28',
  'ddm-digits14': 'pixel14',
};

/** The lab's --samples mode; returns the path written. */
export async function writeSamples(opts: { demo: string; samples: string; out: string | undefined; seed: number; backend: 'wasm' | 'cpu'; root: string }): Promise<string> {
  const set = SAMPLE_DEMOS[opts.demo];
  if (!set) throw new Error(`--samples works for ${Object.keys(SAMPLE_DEMOS).join(', ')}, not "${opts.demo}"`);
  const n = Number(opts.samples);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`--samples needs a whole number from 1 to 100000, not "${opts.samples}"`);
  if (!opts.out || opts.out === 'true' || !opts.out.endsWith('.npy')) throw new Error('--samples needs --out FILE.npy');
  await useBackend(opts.backend);
  const x = await drawSampleSet(set, n, opts.seed, nodeAssetLoader(opts.root));
  const file = path.resolve(opts.out);
  writeFileSync(file, encodeNpyFloat32(x, n, 784));
  return file;
}
