/** Loads a shipped pretrained VAE (weights as one flat tensor) together with the MNIST split. */
import * as tf from '@tensorflow/tfjs-core';
import { loadMnistArrays, type AssetLoader, type MnistArrays } from './data';
import type { VaeShape } from './model';
import { VAE_WEIGHT_FILES, type PretrainedName } from './pretrained';
import { deserializeWeights } from './serialize';

export async function loadPretrained(
  loadAsset: AssetLoader,
  name: PretrainedName,
): Promise<{ theta: tf.Tensor1D; shape: VaeShape; data: MnistArrays; meta: Record<string, unknown> }> {
  const [data, file] = await Promise.all([loadMnistArrays(loadAsset), loadAsset(VAE_WEIGHT_FILES[name]).then(deserializeWeights)]);
  return { theta: tf.tensor1d(file.theta), shape: file.shape, data, meta: file.meta };
}
