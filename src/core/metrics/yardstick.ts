/**
 * Scores a set of digit samples with the yardstick classifier (digitClassifier.ts):
 *   (a) confident: the share of samples it classifies with probability ≥ CONFIDENT_AT;
 *   (b) labelEntropy: the entropy of the histogram of predicted labels over log 10
 *       (1 when every digit is drawn equally often, 0 when one digit is drawn always);
 *   (c) frechet: the Fréchet distance between Gaussians fitted to its penultimate-layer features of
 *       the samples and of the held-out digits (an FID on the classifier's features).
 * Samples are intensities in [0, 1], 784 per row.
 */
import { decodeMnist, MNIST_ASSET_PATH, mnistImages, mnistSplit } from '../data/mnist';
import { loadClassifier } from './classifierFile';
import { argmax, CLASSES, DigitClassifier, FEATURE_DIM } from './digitClassifier';
import { frechetDistance, gaussianStats, type GaussianStats } from './frechet';

export const CONFIDENT_AT = 0.9;

export interface YardstickScore {
  confident: number;
  labelEntropy: number;
  frechet: number;
}

/** Entropy of the predicted-label histogram over log 10. @param probs [n*10] */
export function labelEntropy(probs: ArrayLike<number>, n: number): number {
  const counts = new Array<number>(CLASSES).fill(0);
  for (let i = 0; i < n; i++) counts[argmax(probs, i)]++;
  return counts.reduce((h, c) => (c > 0 ? h - (c / n) * Math.log(c / n) : h), 0) / Math.log(CLASSES);
}

/** Share of rows whose largest probability is at least CONFIDENT_AT. */
export function confidentShare(probs: ArrayLike<number>, n: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (probs[i * CLASSES + argmax(probs, i)] >= CONFIDENT_AT) k++;
  return k / n;
}

export class Yardstick {
  constructor(
    readonly classifier: DigitClassifier,
    /** The held-out digits' features, fitted. */
    readonly reference: GaussianStats,
    /** The held-out digits themselves, [n*784] in [0, 1]. */
    readonly heldOut: Float32Array,
  ) {}

  async score(samples: ArrayLike<number>, n: number): Promise<YardstickScore> {
    if (samples.length !== n * 784) throw new Error(`Yardstick: expected ${n}×784 values, got ${samples.length}`);
    for (let i = 0; i < samples.length; i++) {
      if (!(samples[i] >= 0 && samples[i] <= 1)) throw new Error(`Yardstick: sample values must lie in [0, 1]; value ${i} is ${samples[i]}`);
    }
    const { probs, features } = await this.classifier.classify(samples, n);
    return {
      confident: confidentShare(probs, n),
      labelEntropy: labelEntropy(probs, n),
      frechet: frechetDistance(gaussianStats(features, n, FEATURE_DIM), this.reference),
    };
  }

  dispose(): void {
    this.classifier.dispose();
  }
}

/** The shipped classifier and the held-out digits' feature statistics (caller disposes). */
export async function loadYardstick(loadAsset: (p: string) => Promise<ArrayBuffer>): Promise<Yardstick> {
  const classifier = await loadClassifier(loadAsset);
  const data = await decodeMnist(await loadAsset(MNIST_ASSET_PATH));
  const { test } = mnistSplit(data.count);
  const heldOut = mnistImages(data, test);
  const { features } = await classifier.classify(heldOut, test.length);
  return new Yardstick(classifier, gaussianStats(features, test.length, FEATURE_DIM), heldOut);
}
