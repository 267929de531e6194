import { describe, expect, it } from 'vitest';
import { gaussHermiteNormal } from '../../../../src/core/vi/cavi/gaussHermite';
import {
  fitReverseKl,
  forwardKl,
  gaussianFromParams,
  mixtureLogDensity,
  momentMatch,
  paramsFromGaussian,
  reverseKl,
  twoModeTarget,
  type Gaussian2,
} from '../../../../src/core/vi/cavi/klDirection';

const rule = gaussHermiteNormal(30);

describe('KL directions on a two-mode target', () => {
  it('moment matching is the optimum of KL(p ‖ q): the closed form beats every perturbation', () => {
    const p = twoModeTarget(3, 0.4);
    const q = momentMatch(p);
    // closed form for this symmetric target: mean 0, covariance S + a aᵀ with a = ±mean of a component
    const a = p.components[0].mean;
    const S = p.components[0].cov;
    expect(q.mean[0]).toBeCloseTo(0, 12);
    expect(q.cov[0]).toBeCloseTo(S[0] + a[0] * a[0], 12);
    expect(q.cov[1]).toBeCloseTo(S[1] + a[0] * a[1], 12);
    const best = forwardKl(p, q, rule);
    const x = paramsFromGaussian(q);
    for (let i = 0; i < 5; i++) {
      for (const d of [-0.02, 0.02]) {
        const y = Float64Array.from(x);
        y[i] += d;
        expect(forwardKl(p, gaussianFromParams(y), rule)).toBeGreaterThan(best);
      }
    }
  });

  it('the quadrature gradient of KL(q ‖ p) matches finite differences', () => {
    const p = twoModeTarget(2.5, 0.3);
    const x = Float64Array.from([0.3, -0.2, Math.log(0.8), 0.2, Math.log(1.1)]);
    const g = new Float64Array(5);
    reverseKl(p, x, rule, g);
    for (let i = 0; i < 5; i++) {
      const up = Float64Array.from(x);
      const dn = Float64Array.from(x);
      up[i] += 1e-6;
      dn[i] -= 1e-6;
      expect(g[i]).toBeCloseTo((reverseKl(p, up, rule) - reverseKl(p, dn, rule)) / 2e-6, 6);
    }
  });

  it('KL(q ‖ p) locks onto one mode of a well-separated target (KL → log 2)', () => {
    const p = twoModeTarget(8, 0.5);
    const start: Gaussian2 = { mean: [0.5, 0.2], cov: [1, 0, 1] };
    const fit = fitReverseKl(p, start);
    const mode = p.components[0];
    expect(fit.q.mean[0]).toBeCloseTo(mode.mean[0], 4);
    expect(fit.q.mean[1]).toBeCloseTo(mode.mean[1], 4);
    for (let i = 0; i < 3; i++) expect(fit.q.cov[i]).toBeCloseTo(mode.cov[i], 4);
    expect(fit.kl).toBeCloseTo(Math.log(2), 4);
    // and the moment-matched fit, centred between the modes, is far worse in this direction
    expect(reverseKl(p, paramsFromGaussian(momentMatch(p)), rule)).toBeGreaterThan(fit.kl + 1);
  });

  it('on an overlapping (unimodal) target the KL(q ‖ p) fit is centred but narrower than moment matching', () => {
    const p = twoModeTarget(1, 0);
    const fit = fitReverseKl(p, { mean: [0.4, 0.3], cov: [1, 0, 1] });
    expect(Math.abs(fit.q.mean[0])).toBeLessThan(1e-4);
    expect(fit.q.cov[0]).toBeLessThan(momentMatch(p).cov[0]);
  });

  it('the mixture log-density integrates to one and its gradient matches finite differences', () => {
    const p = twoModeTarget(3, 1);
    let mass = 0;
    const h = 0.05;
    for (let a = -10; a <= 10; a += h) for (let b = -10; b <= 10; b += h) mass += Math.exp(mixtureLogDensity(p, a, b)) * h * h;
    expect(mass).toBeCloseTo(1, 6);
    const g = new Float64Array(2);
    mixtureLogDensity(p, 0.3, 0.7, g);
    expect(g[0]).toBeCloseTo((mixtureLogDensity(p, 0.3 + 1e-6, 0.7) - mixtureLogDensity(p, 0.3 - 1e-6, 0.7)) / 2e-6, 6);
  });
});
