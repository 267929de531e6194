import { describe, expect, it } from 'vitest';
import {
  exactSingleDrawVariance,
  gradientVarianceStudy,
  toyElbo,
  toyExactGradient,
  varianceRatio,
  ESTIMATORS,
  type GaussianToy,
} from '../../../../src/core/vi/gradients';

const TOYS: GaussianToy[] = [
  { m: 1, logS: 0, mu0: 0, sigma0: 1 },
  { m: -0.5, logS: -0.7, mu0: 0.3, sigma0: 0.8 },
  { m: 2, logS: 0.4, mu0: -1, sigma0: 1.5 },
  { m: 0.5, logS: -0.3, mu0: 0, sigma0: 1, logZ: 4 },
];

describe('the Gaussian toy', () => {
  it('exact gradient equals a finite difference of the closed-form ELBO', () => {
    for (const t of TOYS) {
      const h = 1e-6;
      const [gm, gw] = toyExactGradient(t);
      expect(gm).toBeCloseTo((toyElbo({ ...t, m: t.m + h }) - toyElbo({ ...t, m: t.m - h })) / (2 * h), 6);
      expect(gw).toBeCloseTo((toyElbo({ ...t, logS: t.logS + h }) - toyElbo({ ...t, logS: t.logS - h })) / (2 * h), 6);
    }
  });
});

describe('score-function and reparameterization gradient estimators', () => {
  it('are unbiased within Monte Carlo error (4 standard errors), every estimator and component', () => {
    for (const [k, toy] of TOYS.entries()) {
      const R = 4000;
      const study = gradientVarianceStudy({ toy, samples: 4, repeats: R, seed: 100 + k });
      for (const name of ESTIMATORS) {
        for (const [c, exact] of [['m', study.exact[0]], ['logS', study.exact[1]]] as const) {
          const { mean, variance } = study.summary[name][c];
          const se = Math.sqrt(variance / R);
          expect(Math.abs(mean - exact)).toBeLessThan(4 * se + 1e-12);
        }
      }
    }
  });

  it('single-draw variances by quadrature match the closed forms for the reparameterization estimator', () => {
    for (const t of TOYS) {
      const s2 = Math.exp(2 * t.logS);
      const v02 = t.sigma0 ** 4;
      expect(exactSingleDrawVariance(t, 'reparameterization', 'm')).toBeCloseTo(s2 / v02, 10);
      // Var[p'(z) s ε] = (s²/σ₀⁴) Var[(m − μ₀) ε + s ε²] = (s²/σ₀⁴) ((m − μ₀)² + 2 s²).
      expect(exactSingleDrawVariance(t, 'reparameterization', 'logS')).toBeCloseTo((s2 / v02) * ((t.m - t.mu0) ** 2 + 2 * s2), 10);
    }
  });

  it('measured variances agree with the exact variance / S', () => {
    const S = 5;
    const R = 6000;
    for (const [k, toy] of TOYS.entries()) {
      const study = gradientVarianceStudy({ toy, samples: S, repeats: R, seed: 7 + k });
      for (const c of ['m', 'logS'] as const) {
        const rep = exactSingleDrawVariance(toy, 'reparameterization', c) / S;
        const sf = exactSingleDrawVariance(toy, 'score', c) / S;
        expect(study.summary.reparameterization[c].variance / rep).toBeGreaterThan(0.9);
        expect(study.summary.reparameterization[c].variance / rep).toBeLessThan(1.1);
        expect(study.summary.score[c].variance / sf).toBeGreaterThan(0.75);
        expect(study.summary.score[c].variance / sf).toBeLessThan(1.25);
        // The ratio the widget prints, against the ratio of exact variances.
        const ratio = varianceRatio(study, 'score', c);
        expect(ratio / (sf / rep)).toBeGreaterThan(0.7);
        expect(ratio / (sf / rep)).toBeLessThan(1.3);
      }
    }
  });

  it('gives a variance ratio that is consistent across seeds and favours reparameterization', () => {
    const ratios = [1, 2, 3, 4].map((seed) =>
      varianceRatio(gradientVarianceStudy({ toy: TOYS[0], samples: 10, repeats: 3000, seed }), 'score', 'm'),
    );
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    for (const r of ratios) expect(Math.abs(r - mean) / mean).toBeLessThan(0.25);
    const exact = exactSingleDrawVariance(TOYS[0], 'score', 'm') / exactSingleDrawVariance(TOYS[0], 'reparameterization', 'm');
    expect(Math.abs(mean / exact - 1)).toBeLessThan(0.15);
    expect(mean).toBeGreaterThan(1.5);
  });

  it('control variates (baseline, leave-one-out) reduce the score-function variance when f is far from 0', () => {
    // f = log p̃ − log q far from zero on average: q far from the target, or log Z ≠ 0.
    for (const [k, toy] of [TOYS[2], TOYS[3], { ...TOYS[0], logZ: -3 }, { ...TOYS[1], logZ: 2 }].entries()) {
      const study = gradientVarianceStudy({ toy, samples: 8, repeats: 3000, seed: 50 + k });
      for (const c of ['m', 'logS'] as const) {
        const none = study.summary.score[c].variance;
        expect(study.summary['score-baseline'][c].variance).toBeLessThan(none);
        expect(study.summary['score-loo'][c].variance).toBeLessThan(none);
      }
    }
  });

  it('a constant baseline b = E[f] is not optimal: near the target it can add variance', () => {
    // q close to a normalized target: f hovers around 0 and the baseline's own noise dominates.
    const study = gradientVarianceStudy({ toy: TOYS[1], samples: 8, repeats: 3000, seed: 9 });
    expect(study.summary['score-baseline'].m.variance).toBeGreaterThan(study.summary.score.m.variance);
  });

  it('shifting log p̃ by a constant leaves reparameterization untouched and inflates the score function', () => {
    const a = gradientVarianceStudy({ toy: TOYS[0], samples: 8, repeats: 2000, seed: 4 });
    const b = gradientVarianceStudy({ toy: { ...TOYS[0], logZ: 5 }, samples: 8, repeats: 2000, seed: 4 });
    expect(b.summary.reparameterization.m.variance).toBeCloseTo(a.summary.reparameterization.m.variance, 12);
    expect(b.summary.score.m.variance).toBeGreaterThan(5 * a.summary.score.m.variance);
    expect(b.summary['score-loo'].m.variance).toBeLessThan(2 * a.summary['score-loo'].m.variance);
  });
});
