/**
 * The ELBO-surgery bound of chapter 8 checked against quadrature: for mixtures of n one-dimensional
 * Gaussians q_i against p = N(0, 1), the average KL splits into the mutual information I_q(i; z)
 * and KL(q̄ ‖ p), both integrated numerically; I_q ≤ log n, so avgKL − log n never exceeds the
 * integrated KL(q̄ ‖ p), and it is tight when the q_i do not overlap.
 */
import { describe, expect, it } from 'vitest';
import { aggregateKlLowerBound } from '../../../src/core/vae/aggregatePosterior';
import { aggregatePosteriorNumbers, chapter7Numbers } from '../../../src/core/vae/chapterNumbers';
import { computedRegistry } from '../../../src/shell/computed';

const normalPdf = (z: number, m: number, v: number) => Math.exp(-((z - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);

/** avgKL in closed form; I_q and KL(q̄ ‖ p) by the midpoint rule on [−a, a]. */
function surgery(means: number[], vars: number[]) {
  const n = means.length;
  const avgKl = means.reduce((a, m, i) => a + 0.5 * (m * m + vars[i] - 1 - Math.log(vars[i])), 0) / n;
  const a = 20;
  const cells = 200_000;
  const h = (2 * a) / cells;
  let info = 0;
  let marginal = 0;
  for (let c = 0; c < cells; c++) {
    const z = -a + (c + 0.5) * h;
    const qi = means.map((m, i) => normalPdf(z, m, vars[i]));
    const qbar = qi.reduce((s, v) => s + v, 0) / n;
    if (qbar <= 0) continue;
    marginal += qbar * (Math.log(qbar) + 0.5 * z * z + 0.5 * Math.log(2 * Math.PI)) * h;
    for (const v of qi) if (v > 0) info += (v / n) * Math.log(v / qbar) * h;
  }
  return { avgKl, info, marginal };
}

describe('the aggregate posterior is at least (average KL − log n) from the prior', () => {
  it('the identity avgKL = I_q + KL(q̄ ‖ p) holds by quadrature, with I_q ≤ log n and the bound below KL(q̄ ‖ p)', () => {
    for (const [means, vars] of [
      [[-1.5, 0.2, 1.1], [0.3, 0.05, 0.6]],
      [[0, 0.1, -0.1, 0.05], [0.9, 1.1, 0.8, 1]],
      [[-3, 3], [2, 0.01]],
    ]) {
      const { avgKl, info, marginal } = surgery(means, vars);
      expect(Math.abs(avgKl - (info + marginal))).toBeLessThan(1e-6);
      expect(info).toBeLessThanOrEqual(Math.log(means.length) + 1e-9);
      expect(aggregateKlLowerBound(avgKl, means.length)).toBeLessThanOrEqual(marginal + 1e-9);
    }
  });

  it('is tight when the n posteriors do not overlap (I_q = log n), and zero when they all equal the prior', () => {
    const means = [-6, -2, 2, 6];
    const vars = [0.01, 0.01, 0.01, 0.01];
    const { avgKl, info, marginal } = surgery(means, vars);
    expect(info).toBeCloseTo(Math.log(4), 6);
    expect(aggregateKlLowerBound(avgKl, 4)).toBeCloseTo(marginal, 5);
    expect(aggregateKlLowerBound(0, 10)).toBe(0);
    expect(() => aggregateKlLowerBound(1, 0)).toThrow(/positive integer/);
    expect(() => aggregateKlLowerBound(-1, 3)).toThrow(/non-negative/);
  });

  it('chapter 8 quotes it for the shipped VAE on its held-out digits, rounded down', () => {
    const a = aggregatePosteriorNumbers();
    expect(a.n).toBe(1000);
    expect(a.avgKl).toBe(chapter7Numbers().default.testKl);
    expect(a.lowerBound).toBeCloseTo(a.avgKl - Math.log(1000), 12);
    // the point the chapter makes: most of the KL term cannot be mutual information
    expect(a.lowerBound).toBeGreaterThan(a.logN);
    const shown = Number(computedRegistry['ch8-surgery-kl-lower']());
    expect(shown).toBeLessThanOrEqual(a.lowerBound);
    expect(a.lowerBound - shown).toBeLessThan(0.1);
  });
});
