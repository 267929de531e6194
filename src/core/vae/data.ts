/**
 * The MNIST split as float intensities, loaded once per worker/process through the demo's
 * asset loader.
 */
import { decodeMnist, mnistImages, mnistLabels, mnistSplit, MNIST_ASSET_PATH } from '../data/mnist';

export interface MnistArrays {
  /** [9000, 784] */
  trainImages: Float32Array;
  trainLabels: Uint8Array;
  /** [1000, 784] */
  testImages: Float32Array;
  testLabels: Uint8Array;
  inputDim: number;
  side: number;
}

export type AssetLoader = (path: string) => Promise<ArrayBuffer>;

let cached: Promise<MnistArrays> | null = null;

export function loadMnistArrays(loadAsset: AssetLoader): Promise<MnistArrays> {
  cached ??= (async () => {
    const data = await decodeMnist(await loadAsset(MNIST_ASSET_PATH));
    const split = mnistSplit(data.count);
    return {
      trainImages: mnistImages(data, split.train),
      trainLabels: mnistLabels(data, split.train),
      testImages: mnistImages(data, split.test),
      testLabels: mnistLabels(data, split.test),
      inputDim: data.rows * data.cols,
      side: data.rows,
    };
  })();
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
