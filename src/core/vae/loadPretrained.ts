/** Loads a shipped pretrained VAE (weights as tensors; caller disposes) together with the MNIST split. */
import { loadMnistArrays, type AssetLoader, type MnistArrays } from './data';
import { weightsFromFlat, type VaeShape, type Weights } from './model';
import { VAE_WEIGHT_FILES, type PretrainedName } from './pretrained';
import { deserializeWeights } from './serialize';

export async function loadPretrained(
  loadAsset: AssetLoader,
  name: PretrainedName,
): Promise<{ weights: Weights; shape: VaeShape; data: MnistArrays; meta: Record<string, unknown> }> {
  const [data, file] = await Promise.all([loadMnistArrays(loadAsset), loadAsset(VAE_WEIGHT_FILES[name]).then(deserializeWeights)]);
  return { weights: weightsFromFlat(file.theta, file.shape), shape: file.shape, data, meta: file.meta };
}
