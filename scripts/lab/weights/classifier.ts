/**
 * `npm run lab -- make-weights classifier [--epochs 30] [--seed 1] [--backend wasm|cpu]`
 *
 * Makes the yardstick digit classifier, public/weights/metrics/classifier.safetensors (float16), trained on
 * the 9,000 training digits only; prints its accuracy on the 1,000 held-out digits. Deterministic
 * given seed and backend.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLASSIFIER_RECIPE, encodeClassifier, trainClassifier } from '../../../src/core/metrics/classifierFile';
import { CLASSIFIER_WEIGHTS_PATH } from '../../../src/core/metrics/digitClassifier';
import { loadMnistArrays } from '../../../src/core/vae/data';
import { useBackend } from '../../../tests/support/tf';
import { nodeAssetLoader } from '../run';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function makeClassifierWeights(args: readonly string[]): Promise<void> {
  const flag = (name: string, fallback: string): string => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const backend = flag('backend', 'wasm') as 'wasm' | 'cpu';
  await useBackend(backend);
  const recipe = { ...CLASSIFIER_RECIPE, epochs: Number(flag('epochs', String(CLASSIFIER_RECIPE.epochs))), seed: Number(flag('seed', String(CLASSIFIER_RECIPE.seed))) };
  const data = await loadMnistArrays(nodeAssetLoader(root));
  const t0 = performance.now();
  const { classifier, testAccuracy, steps } = await trainClassifier(data, recipe, (l) => console.log(l));
  const seconds = (performance.now() - t0) / 1000;
  const out = path.join(root, 'public', CLASSIFIER_WEIGHTS_PATH);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, encodeClassifier(await classifier.getWeights(), { ...recipe, steps, backend, testAccuracy, seconds: Math.round(seconds) }));
  classifier.dispose();
  console.log(`held-out accuracy ${testAccuracy.toFixed(4)} after ${steps} steps (${seconds.toFixed(0)} s); wrote ${out}`);
}
