/**
 * Scores a set of digit samples with the yardstick classifier (digitClassifier.ts):
 *   (a) confident: the share of samples it classifies with probability ≥ CONFIDENT_AT;
 *   (b) labelEntropy: the entropy of the histogram of predicted labels over log 10
 *       (1 when every digit is drawn equally often, 0 when one digit is drawn always);
 *   (c) frechet: the Fréchet distance between Gaussians fitted to its penultimate-layer features of
 *       the samples and of the held-out digits (an FID on the classifier's features).
 * scoreWithErrors adds each number's standard error over sample sets of the same size (./yardstickErrors.ts).
 * Samples are intensities in [0, 1], 784 per row.
 */
import { decodeMnist, MNIST_ASSET_PATH, mnistImages, mnistSplit } from '../data/mnist';
import { loadClassifier } from './classifierFile';
import { argmax, CLASSES, DigitClassifier, FEATURE_DIM } from './digitClassifier';
import { frechetDistance, gaussianStats, type GaussianStats } from './frechet';
import { binomialSE, entropyOfCounts, entropySE, FRECHET_BOOTSTRAP, frechetSE, type BootstrapOptions, type YardstickErrors } from './yardstickErrors';

export const CONFIDENT_AT = 0.9;

export interface YardstickScore {
  confident: number;
  labelEntropy: number;
  frechet: number;
}

/** YardstickScore with its standard errors (./yardstickErrors.ts). */
export interface YardstickScoreWithErrors extends YardstickScore {
  se: YardstickErrors;
}

/** The histogram of predicted (argmax) labels. @param probs [n*10] @returns [10] */
export function labelCounts(probs: ArrayLike<number>, n: number): number[] {
  const counts = new Array<number>(CLASSES).fill(0);
  for (let i = 0; i < n; i++) counts[argmax(probs, i)]++;
  return counts;
}

/** Entropy of the predicted-label histogram over log 10. @param probs [n*10] */
export function labelEntropy(probs: ArrayLike<number>, n: number): number {
  return entropyOfCounts(labelCounts(probs, n));
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
    return scoreOf(await this.classify(samples, n), n, this.reference);
  }

  /** score, and the three numbers' standard errors (the Fréchet distance's by FRECHET_BOOTSTRAP). */
  async scoreWithErrors(samples: ArrayLike<number>, n: number, bootstrap: BootstrapOptions = FRECHET_BOOTSTRAP): Promise<YardstickScoreWithErrors> {
    const { probs, features } = await this.classify(samples, n);
    const score = scoreOf({ probs, features }, n, this.reference);
    const se: YardstickErrors = {
      confident: binomialSE(score.confident, n),
      labelEntropy: entropySE(labelCounts(probs, n)),
      frechet: frechetSE(features, n, this.reference, bootstrap),
    };
    return { ...score, se };
  }

  private async classify(samples: ArrayLike<number>, n: number): Promise<{ probs: Float32Array; features: Float32Array }> {
    if (samples.length !== n * 784) throw new Error(`Yardstick: expected ${n}×784 values, got ${samples.length}`);
    for (let i = 0; i < samples.length; i++) {
      if (!(samples[i] >= 0 && samples[i] <= 1)) throw new Error(`Yardstick: sample values must lie in [0, 1]; value ${i} is ${samples[i]}`);
    }
    return this.classifier.classify(samples, n);
  }

  dispose(): void {
    this.classifier.dispose();
  }
}

function scoreOf({ probs, features }: { probs: Float32Array; features: Float32Array }, n: number, reference: GaussianStats): YardstickScore {
  return {
    confident: confidentShare(probs, n),
    labelEntropy: labelEntropy(probs, n),
    frechet: frechetDistance(gaussianStats(features, n, FEATURE_DIM), reference),
  };
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
