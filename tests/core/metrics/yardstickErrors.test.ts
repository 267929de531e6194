/**
 * The yardstick's standard errors against the spread they claim to measure: each is compared with
 * the standard deviation of the score over many independent sample sets of a known law.
 */
import { describe, expect, it } from 'vitest';
import { cholesky } from '../../../src/core/math/linalg';
import { frechetDistance, gaussianStats, type GaussianStats } from '../../../src/core/metrics/frechet';
import {
  binomialSE,
  differenceZ,
  entropyOfCounts,
  entropySE,
  frechetBootstrap,
  frechetSE,
  standardDeviation,
} from '../../../src/core/metrics/yardstickErrors';
import { createRng, type Rng } from '../../../src/core/random';

/** Label counts of n draws from p. */
function multinomial(rng: Rng, p: number[], n: number): number[] {
  const counts = new Array<number>(p.length).fill(0);
  for (let i = 0; i < n; i++) {
    let u = rng.uniform();
    let k = 0;
    while (k < p.length - 1 && u >= p[k]) u -= p[k++];
    counts[k]++;
  }
  return counts;
}

/** p on 10 labels: geometric-like weights r^k, normalized. */
function decaying(r: number): number[] {
  const w = Array.from({ length: 10 }, (_, k) => r ** k);
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}

describe('standard error of the confident share', () => {
  it('is √(p(1 − p)/n), and matches the spread of k/n over binomial draws', () => {
    expect(binomialSE(0.3, 100)).toBeCloseTo(Math.sqrt(0.21 / 100), 15);
    expect(binomialSE(0.5, 2000)).toBeCloseTo(Math.sqrt(0.25 / 2000), 15);
    expect(binomialSE(0, 50)).toBe(0);
    const rng = createRng(11);
    const [p, n] = [0.37, 2000];
    const shares = Array.from({ length: 2000 }, () => {
      let k = 0;
      for (let i = 0; i < n; i++) if (rng.uniform() < p) k++;
      return k / n;
    });
    // the spread of 2,000 replicates has a relative standard error of 1/√4000 ≈ 1.6%
    expect(standardDeviation(shares) / binomialSE(p, n)).toBeGreaterThan(0.95);
    expect(standardDeviation(shares) / binomialSE(p, n)).toBeLessThan(1.05);
  });
});

describe('delta-method standard error of the label entropy', () => {
  it('entropyOfCounts is the plug-in entropy over log K', () => {
    expect(entropyOfCounts([5, 5, 5, 5, 5, 5, 5, 5, 5, 5])).toBeCloseTo(1, 14);
    expect(entropyOfCounts([0, 7, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(0);
    expect(entropyOfCounts([3, 1])).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2), 14);
  });

  it('a degenerate histogram has no first-order spread; two labels give the closed form √(p(1−p)/n)·|log(p/(1−p))|/log K', () => {
    expect(entropySE([0, 100, 0])).toBe(0);
    // H = −p log p − (1−p) log(1−p), dH/dp = log((1−p)/p), Var p̂ = p(1−p)/n
    const [p, n] = [0.2, 500];
    expect(entropySE([p * n, (1 - p) * n])).toBeCloseTo((Math.sqrt((p * (1 - p)) / n) * Math.abs(Math.log(p / (1 - p)))) / Math.log(2), 14);
  });

  it.each([
    ['uneven (0.83)', 0.7, [0.8, 0.85]],
    ['near uniform (0.99)', 0.92, [0.985, 0.995]],
  ] as const)('matches the spread of the plug-in entropy over multinomial draws of known probabilities: %s', (_, r, [low, high]) => {
    const p = decaying(r);
    const n = 2000;
    const truth = entropySE(p.map((v) => v * n));
    const rng = createRng(12);
    const draws = Array.from({ length: 1500 }, () => multinomial(rng, p, n));
    const entropies = draws.map(entropyOfCounts);
    const spread = standardDeviation(entropies);
    // Monte Carlo: 1,500 replicates give the spread to ±1.8% (one standard error); the delta method
    // leaves out the second-order variance (K − 1)/(2n²) nats², 2% of the total at 0.99
    expect(spread / truth).toBeGreaterThan(0.93);
    expect(spread / truth).toBeLessThan(1.08);
    // and the standard error evaluated at one draw's p̂, as the yardstick computes it, is as good
    const plugIn = draws.slice(0, 50).map(entropySE);
    expect(plugIn.reduce((a, b) => a + b, 0) / plugIn.length / spread).toBeGreaterThan(0.9);
    expect(plugIn.reduce((a, b) => a + b, 0) / plugIn.length / spread).toBeLessThan(1.1);
    // the test's two cases are the regimes they are named for
    expect(entropyOfCounts(p)).toBeGreaterThan(low);
    expect(entropyOfCounts(p)).toBeLessThan(high);
  });
});

describe('bootstrap standard error of the Fréchet distance', () => {
  const d = 4;
  // the reference: a fixed law, as the yardstick's held-out features are a fixed set
  const reference: GaussianStats = {
    mean: Float64Array.from([0, 0, 0, 0]),
    cov: Float64Array.from([1, 0.3, 0, 0, 0.3, 1, 0, 0, 0, 0, 0.5, 0.1, 0, 0, 0.1, 2]),
    d,
  };
  // the samples' law
  const law: GaussianStats = {
    mean: Float64Array.from([0.8, -0.4, 0.3, 0.2]),
    cov: Float64Array.from([1.5, -0.2, 0.1, 0, -0.2, 0.7, 0, 0, 0.1, 0, 1, 0.3, 0, 0, 0.3, 1.2]),
    d,
  };
  const lower = cholesky(law.cov, d)!;

  function draw(rng: Rng, n: number): Float64Array {
    const x = new Float64Array(n * d);
    const z = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < d; k++) z[k] = rng.normal();
      for (let a = 0; a < d; a++) {
        let s = law.mean[a];
        for (let k = 0; k <= a; k++) s += lower[a * d + k] * z[k];
        x[i * d + a] = s;
      }
    }
    return x;
  }

  it('matches the spread of the distance over independent sample sets of a Gaussian law, centred near the closed form', () => {
    const n = 300;
    const closedForm = frechetDistance(law, reference);
    const rng = createRng(21);
    const sets = Array.from({ length: 1500 }, () => draw(rng, n));
    const distances = sets.map((x) => frechetDistance(gaussianStats(x, n, d), reference));
    const spread = standardDeviation(distances);
    const meanDistance = distances.reduce((a, b) => a + b, 0) / distances.length;
    // the plug-in distance is consistent: at n = 300 its mean is within 5% of the closed form
    expect(Math.abs(meanDistance - closedForm) / closedForm).toBeLessThan(0.05);
    expect(closedForm).toBeGreaterThan(5 * spread);
    // the bootstrap from one set at a time, averaged over 30 sets: within 10% of the true spread (1,500
    // replicates give the spread to ±1.8%; one set's bootstrap standard error varies by about ±10%
    // here, resampling included, so the average of 30 by ±2%)
    const boot = sets.slice(0, 30).map((x, j) => frechetSE(x, n, reference, { resamples: 200, seed: 100 + j }));
    const averageBoot = boot.reduce((a, b) => a + b, 0) / boot.length;
    expect(averageBoot / spread).toBeGreaterThan(0.9);
    expect(averageBoot / spread).toBeLessThan(1.1);
  });

  it('is reproducible from its seed, and each replicate is the distance of a resample', () => {
    const n = 50;
    const x = draw(createRng(5), n);
    const a = frechetBootstrap(x, n, reference, { resamples: 20, seed: 9 });
    const b = frechetBootstrap(x, n, reference, { resamples: 20, seed: 9 });
    expect(Array.from(a)).toEqual(Array.from(b));
    // replicate 0 by hand: the same index draws, the rows copied, the distance of their fit
    const rng = createRng(9);
    const rows = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const j = rng.int(n);
      rows.set(x.subarray(j * d, (j + 1) * d), i * d);
    }
    expect(a[0]).toBeCloseTo(frechetDistance(gaussianStats(rows, n, d), reference), 9);
    expect(standardDeviation(a)).toBeGreaterThan(0);
    expect(() => frechetBootstrap(x, n - 1, reference)).toThrow(/expected 49×4/);
  });
});

describe('z of a difference between two rows', () => {
  it('(a − b)/√(se_a² + se_b²)', () => {
    expect(differenceZ(3, 0.3, 2, 0.4)).toBeCloseTo(1 / 0.5, 14);
    expect(differenceZ(1, 0.1, 1, 0.2)).toBe(0);
  });
});
