import { describe, expect, it } from 'vitest';
import {
  loadingsDistance,
  ppcaClosedForm,
  ppcaCovariance,
  ppcaEmStep,
  ppcaInit,
  ppcaLogLikPerPoint,
  samplePpca,
  sampleCovariance,
  subspaceAngle,
} from '../../../src/core/em/ppca';
import { logNormalNd } from '../../../src/core/math/gaussian';
import { createRng } from '../../../src/core/random';
import demo from '../../../src/core/em/ppcaDemo';
import { defaultParams } from '../../../src/core/params';

const d = 5;
const q = 2;
const Wtrue = Float64Array.from([1.5, 0.2, -0.8, 0.9, 0.3, -1.1, 1.2, 0.1, -0.4, 0.6]);
const n = 500;
const x = samplePpca(n, Wtrue, d, q, 0.25, createRng(1));
const S = sampleCovariance(x, n, d);

describe('probabilistic PCA', () => {
  it('log-likelihood per point equals the average of d-D Gaussian log-densities at the sample mean', () => {
    const p = ppcaInit(d, q, createRng(2));
    const mu = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mu[j] += x[i * d + j] / n;
    const C = ppcaCovariance(p, d, q);
    let s = 0;
    for (let i = 0; i < n; i++) s += logNormalNd(x.subarray(i * d, (i + 1) * d), mu, C, d);
    expect(ppcaLogLikPerPoint(S, p, d, q)).toBeCloseTo(s / n, 10);
  });

  it('closed form: σ² is the mean discarded eigenvalue and the score vanishes (finite differences)', () => {
    const mle = ppcaClosedForm(S, d, q);
    const ev = mle.eigenvalues;
    expect(mle.sigma2).toBeCloseTo((ev[2] + ev[3] + ev[4]) / 3, 12);
    const f = (W: Float64Array, s2: number) => ppcaLogLikPerPoint(S, { W, sigma2: s2 }, d, q);
    const h = 1e-6;
    for (let i = 0; i < d * q; i++) {
      const a = mle.W.slice();
      const b = mle.W.slice();
      a[i] += h;
      b[i] -= h;
      expect(Math.abs((f(a, mle.sigma2) - f(b, mle.sigma2)) / (2 * h))).toBeLessThan(1e-6);
    }
    expect(Math.abs((f(mle.W, mle.sigma2 + h) - f(mle.W, mle.sigma2 - h)) / (2 * h))).toBeLessThan(1e-6);
    // and it beats random parameters
    for (let t = 0; t < 20; t++) {
      const p = ppcaInit(d, q, createRng(50 + t));
      expect(ppcaLogLikPerPoint(S, p, d, q)).toBeLessThan(f(mle.W, mle.sigma2));
    }
  });

  it('EM increases ℓ monotonically and converges to the closed-form MLE (σ² to 1e-4, angle < 1e-3)', () => {
    const mle = ppcaClosedForm(S, d, q);
    const best = ppcaLogLikPerPoint(S, mle, d, q);
    let p = ppcaInit(d, q, createRng(3));
    let prev = ppcaLogLikPerPoint(S, p, d, q);
    for (let t = 0; t < 2000; t++) {
      p = ppcaEmStep(S, p, d, q);
      const ll = ppcaLogLikPerPoint(S, p, d, q);
      expect(ll).toBeGreaterThanOrEqual(prev - 1e-12);
      prev = ll;
    }
    expect(Math.abs(p.sigma2 - mle.sigma2)).toBeLessThan(1e-4);
    expect(subspaceAngle(p.W, mle.W, d, q)).toBeLessThan(1e-3);
    expect(loadingsDistance(p.W, mle.W, d, q)).toBeLessThan(1e-3);
    expect(prev).toBeCloseTo(best, 8);
    // the EM W is the MLE only up to a rotation: W Wᵀ matches, W itself need not
  });

  it('subspaceAngle: 0 for the same span, π/2 for orthogonal, exact for a known rotation', () => {
    expect(subspaceAngle([1, 0, 0], [2, 0, 0], 3, 1)).toBeCloseTo(0, 12);
    expect(subspaceAngle([1, 0, 0], [0, 1, 0], 3, 1)).toBeCloseTo(Math.PI / 2, 12);
    const th = 1e-5;
    expect(subspaceAngle([1, 0], [Math.cos(th), Math.sin(th)], 2, 1)).toBeCloseTo(th, 14);
    // spans equal under a rotation R of the columns
    expect(subspaceAngle([1, 0, 0, 1, 0, 0], [0.6, 0.8, -0.8, 0.6, 0, 0], 3, 2)).toBeLessThan(1e-12);
  });

  it("demo 'ppca-em' reaches the closed form and reports a shrinking distance", async () => {
    const s = await demo.create({ params: { ...defaultParams(demo.params), d: 4, q: 2 }, seed: 5 });
    const first = await s.step();
    let last = first;
    while (!s.isDone!()) last = await s.step();
    expect(last.gap).toBeLessThan(1e-9);
    expect(last.angle).toBeLessThan(1e-3);
    expect(last.sigma2Error).toBeLessThan(1e-4);
    expect(last.distance).toBeLessThan(first.distance);
  });
});
