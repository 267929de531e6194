import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import { exactMoments } from '../../../../src/core/mcmc/gaussianTarget';
import { meanFieldGaussianKlShifted, meanFieldGaussianSweep, meanFieldVariances } from '../../../../src/core/vi/cavi/gaussianNd';
import { regressionPosterior } from '../../../../src/core/vi/cavi/regression';
import { correlatedGaussian, precisionOf, runGaussianCavi } from '../../../../src/core/vi/cavi/gaussian2d';

describe('mean-field CAVI on a d-dimensional Gaussian posterior', () => {
  it('the KL never increases and the means converge to the exact posterior mean (several seeds)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { target } = regressionPosterior(60, 8, 0.8, createRng(seed));
      const { mean } = exactMoments(target);
      const v = meanFieldVariances(target);
      const m = new Float64Array(8);
      let last = meanFieldGaussianKlShifted(target, m, v, mean);
      for (let s = 0; s < 3000; s++) {
        meanFieldGaussianSweep(target, m);
        const kl = meanFieldGaussianKlShifted(target, m, v, mean);
        expect(kl).toBeLessThanOrEqual(last + 1e-10);
        last = kl;
      }
      for (let j = 0; j < 8; j++) expect(m[j]).toBeCloseTo(mean[j], 8);
    }
  });

  it('agrees with the 2-D closed form and under-states every marginal variance', () => {
    const p = correlatedGaussian(0.7, 1.2, 0.8, [0.5, -1]);
    const [l11, l12, l22] = precisionOf(p);
    const target = {
      d: 2,
      precision: Float64Array.from([l11, l12, l12, l22]),
      shift: Float64Array.from([l11 * 0.5 + l12 * -1, l12 * 0.5 + l22 * -1]),
    };
    const m = Float64Array.from([2, 2]);
    for (let s = 0; s < 200; s++) meanFieldGaussianSweep(target, m);
    const two = runGaussianCavi(p, { m: [2, 2], v: [1, 1] }, 400).q;
    expect(m[0]).toBeCloseTo(two.m[0], 10);
    expect(m[1]).toBeCloseTo(two.m[1], 10);
    const { target: reg } = regressionPosterior(50, 6, 0.9, createRng(3));
    const { cov } = exactMoments(reg);
    const v = meanFieldVariances(reg);
    for (let j = 0; j < 6; j++) expect(v[j]).toBeLessThan(cov[j * 6 + j]);
  });
});
