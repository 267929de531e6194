/**
 * `npm run lab -- make-weights vae [default|latent2|all] [--epochs N] [--seed S]`
 *
 * Trains the chapter-7 VAEs from scratch with the book's core code (wasm backend, Node) and
 * writes the pretrained weights the widgets load:
 *   public/weights/vae/default.safetensors  784-400-20, Bernoulli decoder, Adam 1e-3, batch 128, 30 epochs
 *   public/weights/vae/latent2.safetensors  784-400-2, same recipe
 * Each file's JSON header carries the per-epoch train/test curves and the final test ELBO and
 * IWAE (K = 500) on the 1,000 held-out digits. Deterministic given the seed.

 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { useBackend } from '../../../tests/support/tf';
import { trainAndSummarize, VAE_WEIGHT_FILES, type PretrainedName } from '../../../src/core/vae/pretrained';

export async function makeVaeWeights(args: readonly string[]): Promise<void> {
  const which = (args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'all') as PretrainedName | 'all';
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  await useBackend('wasm');
  const loadAsset = async (path: string) => {
    const b = readFileSync(`public/${path}`);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
  };
  const names: PretrainedName[] = which === 'all' ? ['default', 'latent2'] : [which];
  for (const name of names) {
    const { bytes, summary } = await trainAndSummarize(name, loadAsset, {
      epochs: flag('epochs'),
      seed: flag('seed'),
      log: (line) => console.log(`[${name}] ${line}`),
    });
    mkdirSync('public/weights/vae', { recursive: true });
    writeFileSync(`public/${VAE_WEIGHT_FILES[name]}`, bytes);
    console.log(`[${name}] wrote public/${VAE_WEIGHT_FILES[name]} (${bytes.length} bytes)`);
    console.log(`[${name}] summary ${JSON.stringify(summary)}`);
  }
}
