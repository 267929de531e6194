/** Shared test helpers: the MNIST asset read from disk and a small VAE trained on a subset. */
import { readFileSync } from 'node:fs';
import { loadMnistArrays, type MnistArrays } from '../../../src/core/vae/data';
import type { VaeShape } from '../../../src/core/vae/model';
import { VaeTrainer } from '../../../src/core/vae/trainer';

export async function diskAsset(path: string): Promise<ArrayBuffer> {
  const b = readFileSync(`public/${path}`);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
}

export function mnist(): Promise<MnistArrays> {
  return loadMnistArrays(diskAsset);
}

/** A 784-64-L Bernoulli VAE after a few epochs on 1,000 digits: enough structure for the bounds to differ. */
export async function smallTrainedVae(latent: number, epochs = 4): Promise<{ trainer: VaeTrainer; data: MnistArrays; shape: VaeShape }> {
  const data = await mnist();
  const shape: VaeShape = { inputDim: 784, hidden: 64, latent, decoder: 'bernoulli', decoderStd: 0.1 };
  const trainer = new VaeTrainer(
    shape,
    { learningRate: 3e-3, batchSize: 100, epochs, klWeight: 1, annealEpochs: 0, freeBits: 0 },
    data.trainImages.subarray(0, 1000 * 784),
    3,
  );
  while (!trainer.isDone()) await trainer.trainStep();
  return { trainer, data, shape };
}
