import { describe, expect, it } from 'vitest';
import { asymptotics, waldCoverage } from '../../../../src/core/vi/estimator/asymptotics';
import { histogram, runExperiment, summarize, type Experiment } from '../../../../src/core/vi/estimator/repeatedSampling';

const R = 2000;
/** Monte Carlo SE of a coverage near p over R data sets */
const mcse = (p: number) => Math.sqrt((p * (1 - p)) / R);

describe('repeated sampling (R = 2,000 data sets, n = 1,000 groups, J = 1, chapter 3 settings)', () => {
  const e: Experiment = { n: 1000, J: 1, c: 0.25, sigma2: 1, mu: 0, tau2: 1 };
  const res = runExperiment(e, 7, R);
  const th = { mle: asymptotics('mle', 1, e), variational: asymptotics('variational', 1, e) };
  const sum = (k: 'mle' | 'variational', p: 'mu' | 'tau2') => summarize(res[k][p], p === 'mu' ? 0 : 1, p === 'mu' ? 0 : th[k].tau2Limit);

  it("the MLE's Wald intervals (observed information) cover within 3 Monte Carlo SEs of 95%", () => {
    for (const p of ['mu', 'tau2'] as const) {
      const s = sum('mle', p);
      expect(Math.abs(s.coverage.curvature - 0.95)).toBeLessThan(3 * mcse(0.95));
      expect(Math.abs(s.coverage.sandwich - 0.95)).toBeLessThan(3 * mcse(0.95));
    }
  });

  it('the variational estimate averages its closed-form limit θ†, far from θ*', () => {
    const s = sum('variational', 'tau2');
    const sdMean = s.sd / Math.sqrt(R);
    // bias of order 1/n remains; allow it beside 4 Monte Carlo SEs
    expect(Math.abs(s.mean - th.variational.tau2Limit)).toBeLessThan(4 * sdMean + 2 / e.n);
    expect(s.bias).toBeLessThan(-0.5);
  });

  it('the sandwich SE matches the empirical sd within Monte Carlo error, and so does its closed form', () => {
    for (const k of ['mle', 'variational'] as const) {
      for (const [j, p] of (['mu', 'tau2'] as const).entries()) {
        const s = sum(k, p);
        const tol = 3 * (s.sd / Math.sqrt(2 * (R - 1))) + 0.02 * s.sd; // MC error of an sd, plus O(1/n)
        expect(Math.abs(s.meanSe.sandwich - s.sd)).toBeLessThan(tol);
        expect(Math.abs(Math.sqrt(th[k].sandwichVar[j] / e.n) - s.sd)).toBeLessThan(tol);
      }
    }
    // and the sandwich intervals cover the estimate's own limit
    expect(Math.abs(sum('variational', 'tau2').coverageOfLimit - 0.95)).toBeLessThan(3 * mcse(0.95) + 0.005);
    expect(Math.abs(sum('variational', 'mu').coverage.sandwich - 0.95)).toBeLessThan(3 * mcse(0.95));
  });

  it('the naive SE under-covers where the theory says it must, at the coverage the theory predicts', () => {
    for (const k of ['mle', 'variational'] as const) {
      const s = sum(k, 'mu');
      const predicted = waldCoverage(0, 1, Math.sqrt(th[k].naiveVar[0] / th[k].sandwichVar[0]));
      expect(predicted).toBeLessThan(0.9);
      expect(Math.abs(s.coverage.naive - predicted)).toBeLessThan(3 * mcse(predicted) + 0.005);
      expect(s.coverage.naive).toBeLessThan(0.95 - 3 * mcse(0.95));
    }
    // for the MLE of τ² too: the naive variance is the complete-data one, 2τ⁴/n against 2(τ² + a)²/n
    expect(sum('mle', 'tau2').coverage.naive).toBeLessThan(0.8);
    // the variational estimate of τ² does not cover θ* with any of its standard errors
    for (const v of Object.values(sum('variational', 'tau2').coverage)) expect(v).toBeLessThan(0.05);
  });
});

describe('repeated sampling as J grows (n = 100, J = 100)', () => {
  it('the variational estimate becomes consistent: its sandwich intervals cover θ* near 95% (bias (c − 1)/J is small beside the sd)', () => {
    const e: Experiment = { n: 100, J: 100, c: 0.25, sigma2: 1, mu: 0, tau2: 1 };
    const res = runExperiment(e, 11, R);
    const th = asymptotics('variational', 1, e);
    const s = summarize(res.variational.tau2, 1, th.tau2Limit);
    expect(Math.abs(s.mean - 1)).toBeLessThan(0.03);
    expect(s.coverage.sandwich).toBeGreaterThan(0.88);
  });
});

describe('histogram', () => {
  it('counts every value, putting those outside the range in the end bins', () => {
    const h = histogram([-5, 0.05, 0.5, 0.95, 7], 0, 1, 10);
    expect(Array.from(h.counts).reduce((a, b) => a + b, 0)).toBe(5);
    expect(h.outside).toBe(2);
    expect(h.counts[0]).toBe(2);
    expect(h.counts[9]).toBe(2);
  });
});
