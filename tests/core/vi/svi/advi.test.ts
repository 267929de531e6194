import { describe, expect, it } from 'vitest';
import {
  ADVI_EXAMPLE,
  adviElbo,
  adviOptimum,
  fitAdvi,
  poissonGammaLogEvidence,
} from '../../../../src/core/vi/svi/advi';
import { logGamma } from '../../../../src/core/vi/svi/logGamma';
import { expectStandardNormal } from '../../../../src/core/vi/gradients';

const p = ADVI_EXAMPLE;
const A = p.a + p.counts.reduce((x, y) => x + y, 0);
const B = p.b + p.counts.length;

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(6)).toBeCloseTo(Math.log(120), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(20.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)) + Array.from({ length: 20 }, (_, k) => Math.log(k + 0.5)).reduce((a, b) => a + b), 9);
  });
});

describe('ADVI on the Poisson–Gamma example', () => {
  it('the closed-form ELBO agrees with a quadrature of E_q[log p(x, ζ)] + H(q)', () => {
    const m = 0.8;
    const logS = -0.9;
    const s = Math.exp(logS);
    const C = p.a * Math.log(p.b) - logGamma(p.a) - p.counts.reduce((acc, x) => acc + logGamma(x + 1), 0);
    const energy = expectStandardNormal((e) => A * (m + s * e) - B * Math.exp(m + s * e) + C, 40);
    expect(adviElbo(p, m, logS)).toBeCloseTo(energy + logS + 0.5 * Math.log(2 * Math.PI * Math.E), 9);
  });

  it('the ELBO bounds log p(x), with a small gap at the optimum', () => {
    const opt = adviOptimum(p);
    const elbo = adviElbo(p, opt.m, opt.logS);
    const logEv = poissonGammaLogEvidence(p);
    expect(elbo).toBeLessThan(logEv);
    expect(logEv - elbo).toBeLessThan(0.05);
    for (const [dm, dw] of [[0.02, 0], [-0.02, 0], [0, 0.05], [0, -0.05]]) {
      expect(adviElbo(p, opt.m + dm, opt.logS + dw)).toBeLessThan(elbo);
    }
  });

  it('stochastic ADVI converges to the closed-form optimum; E_q[λ] is the posterior mean A/B', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const fit = fitAdvi(p, { steps: 20000, samples: 4, lr: 0.1, seed });
      const opt = adviOptimum(p);
      expect(Math.abs(fit.m - opt.m)).toBeLessThan(0.01);
      expect(Math.abs(fit.logS - opt.logS)).toBeLessThan(0.03);
      expect(Math.abs(fit.meanLambda - A / B) / (A / B)).toBeLessThan(0.01);
    }
  });

  it('without the Jacobian term it lands on the posterior mode (A − 1)/B instead of the mean', () => {
    const fit = fitAdvi(p, { steps: 20000, samples: 4, lr: 0.1, seed: 9, jacobian: false });
    expect(Math.abs(fit.meanLambda - (A - 1) / B)).toBeLessThan(0.01 * (A / B));
    expect(Math.abs(fit.meanLambda - A / B)).toBeGreaterThan(0.05);
  });
});
