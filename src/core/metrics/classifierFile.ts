/**
 * The yardstick classifier's shipped weights (public/weights/metrics/classifier.bin), the recipe
 * that makes them (`npm run lab -- make-weights classifier`) and loading them. The container is
 * written and read here only, so changing its format is one edit.
 */
import { decodeSafetensors, encodeSafetensors } from '../weights/safetensors';
import { createRng } from '../random';
import { Adam } from '../math/adam';
import type { MnistArrays } from '../vae/data';
import { accuracy, CLASSIFIER_WEIGHTS_PATH, classifierShapes, DigitClassifier, shiftImages } from './digitClassifier';

export interface ClassifierRecipe {
  epochs: number;
  batch: number;
  /** Peak learning rate, cosine-decayed to 5% of it. */
  lr: number;
  seed: number;
}

export const CLASSIFIER_RECIPE: ClassifierRecipe = { epochs: 30, batch: 128, lr: 1e-3, seed: 1 };

export const CLASSIFIER_KIND = 'digit-classifier';
/** Tensor names in classifierShapes order. */
export const CLASSIFIER_TENSORS = ['dense.0.weight', 'dense.0.bias', 'dense.1.weight', 'dense.1.bias', 'out.weight', 'out.bias'];

export function encodeClassifier(weights: ArrayLike<number>[], meta: Record<string, unknown>): Uint8Array {
  const shapes = classifierShapes();
  return encodeSafetensors(CLASSIFIER_KIND, weights.map((data, i) => ({ name: CLASSIFIER_TENSORS[i], shape: shapes[i], data, dtype: 'F16' as const })), meta);
}

export async function loadClassifier(loadAsset: (p: string) => Promise<ArrayBuffer>): Promise<DigitClassifier> {
  const doc = decodeSafetensors(await loadAsset(CLASSIFIER_WEIGHTS_PATH), CLASSIFIER_KIND);
  const shapes = classifierShapes();
  const tensors = CLASSIFIER_TENSORS.map((name, i) => {
    const t = doc.tensors.find((x) => x.name === name);
    if (!t) throw new Error(`Classifier weights: tensor "${name}" is missing`);
    if (JSON.stringify(t.shape) !== JSON.stringify(shapes[i])) throw new Error(`Classifier weights: "${name}" has shape [${t.shape.join(', ')}], the classifier's is [${shapes[i].join(', ')}]`);
    return t.data;
  });
  const c = new DigitClassifier(createRng(0));
  c.setWeights(tensors);
  return c;
}

/** Trains the classifier on the training digits only; held-out accuracy is measured after each epoch for the log. */
export async function trainClassifier(
  data: MnistArrays,
  recipe: ClassifierRecipe = CLASSIFIER_RECIPE,
  log?: (line: string) => void,
): Promise<{ classifier: DigitClassifier; testAccuracy: number; steps: number }> {
  const rng = createRng(recipe.seed);
  const classifier = new DigitClassifier(rng.fork());
  const optimizer = new Adam(classifier.weights, recipe.lr);
  const n = data.trainLabels.length;
  const perEpoch = Math.floor(n / recipe.batch);
  const total = recipe.epochs * perEpoch;
  let step = 0;
  let testAccuracy = 0;
  const D = data.inputDim;
  for (let e = 0; e < recipe.epochs; e++) {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    let sum = 0;
    for (let b = 0; b < perEpoch; b++) {
      const idx = order.slice(b * recipe.batch, (b + 1) * recipe.batch);
      const raw = new Float32Array(idx.length * D);
      idx.forEach((k, r) => raw.set(data.trainImages.subarray(k * D, (k + 1) * D), r * D));
      optimizer.lr = recipe.lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * step) / total)));
      sum += await classifier.trainStep(optimizer, shiftImages(raw, idx.length, rng), idx.map((k) => data.trainLabels[k]));
      step++;
    }
    const { probs } = await classifier.classify(data.testImages, data.testLabels.length);
    testAccuracy = accuracy(probs, data.testLabels);
    log?.(`epoch ${e + 1}/${recipe.epochs}  train loss ${(sum / perEpoch).toFixed(4)}  held-out accuracy ${testAccuracy.toFixed(4)}`);
  }
  optimizer.dispose();
  return { classifier, testAccuracy, steps: step };
}
