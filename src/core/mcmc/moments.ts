/**
 * Running moments of a chain (Welford) and the batch-means Monte Carlo standard error, which
 * accounts for autocorrelation: split the chain into B batches, SE = sd(batch means) / √B.
 */
export class RunningMoments {
  readonly mean: Float64Array;
  private readonly m2: Float64Array;
  count = 0;

  constructor(readonly d: number) {
    this.mean = new Float64Array(d);
    this.m2 = new Float64Array(d);
  }

  push(z: ArrayLike<number>): void {
    this.count++;
    for (let j = 0; j < this.d; j++) {
      const delta = z[j] - this.mean[j];
      this.mean[j] += delta / this.count;
      this.m2[j] += delta * (z[j] - this.mean[j]);
    }
  }

  /** Sample variances (divisor count − 1) [d]. */
  variance(): Float64Array {
    return this.m2.map((v) => (this.count > 1 ? v / (this.count - 1) : 0));
  }

  restore(mean: ArrayLike<number>, m2: ArrayLike<number>, count: number): void {
    this.mean.set(mean);
    this.m2.set(m2);
    this.count = count;
  }

  state(): { mean: Float64Array; m2: Float64Array; count: number } {
    return { mean: Float64Array.from(this.mean), m2: Float64Array.from(this.m2), count: this.count };
  }
}

/** Batch-means standard error of the mean of a scalar series. */
export function batchMeansStandardError(series: ArrayLike<number>, batches = 30): number {
  const size = Math.floor(series.length / batches);
  if (size < 2) throw new Error('series too short for batch means');
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += series[i];
    means.push(s / size);
  }
  const grand = means.reduce((a, c) => a + c, 0) / batches;
  const v = means.reduce((a, c) => a + (c - grand) ** 2, 0) / (batches - 1);
  return Math.sqrt(v / batches);
}
