import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/random';
import {
  caviSweep,
  gmmElbo,
  initGmmVariational,
  matchedMeanError,
  sampleGmmData,
  updateAssignments,
  updateMean,
  updateSigma2,
  type GmmProblem,
} from '../../../../src/core/vi/cavi/gmm';

describe('CAVI for the Bayesian Gaussian mixture', () => {
  it('the ELBO never decreases after any coordinate update (many seeds, σ² fixed or estimated)', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const rng = createRng(seed);
      const K = 2 + rng.int(4);
      const D = 1 + rng.int(2);
      const data = sampleGmmData(60, K, D, 1 + 4 * rng.uniform(), rng);
      const prob: GmmProblem = { x: data.x, n: 60, D, K, sigma2: 0.5 + 10 * rng.uniform() };
      const q = initGmmVariational(prob, rng);
      let last = gmmElbo(prob, q);
      for (let sweep = 0; sweep < 15; sweep++) {
        updateAssignments(prob, q);
        let now = gmmElbo(prob, q);
        expect(now).toBeGreaterThanOrEqual(last - 1e-8);
        last = now;
        for (let k = 0; k < K; k++) {
          updateMean(prob, q, k);
          now = gmmElbo(prob, q);
          expect(now).toBeGreaterThanOrEqual(last - 1e-8);
          last = now;
        }
        if (seed % 2 === 0) {
          prob.sigma2 = updateSigma2(prob, q);
          now = gmmElbo(prob, q);
          expect(now).toBeGreaterThanOrEqual(last - 1e-8);
          last = now;
        }
      }
    }
  });

  it('the ELBO formula agrees with a Monte Carlo average of log p(x, c, μ) − log q(c, μ)', () => {
    const rng = createRng(4);
    const data = sampleGmmData(20, 3, 2, 3, rng);
    const prob: GmmProblem = { x: data.x, n: 20, D: 2, K: 3, sigma2: 4 };
    const q = initGmmVariational(prob, rng);
    caviSweep(prob, q);
    // soften φ so that log q(c) matters
    for (let j = 0; j < q.phi.length; j++) q.phi[j] = 0.5 * q.phi[j] + 0.5 / 3;
    const L2P = Math.log(2 * Math.PI);
    const S = 40_000;
    let sum = 0;
    let sumSq = 0;
    const mu = new Float64Array(6);
    for (let s = 0; s < S; s++) {
      let v = 0;
      for (let k = 0; k < 3; k++) {
        for (let d = 0; d < 2; d++) {
          const e = rng.normal();
          mu[k * 2 + d] = q.m[k * 2 + d] + Math.sqrt(q.s2[k]) * e;
          v += -0.5 * (L2P + Math.log(4)) - mu[k * 2 + d] ** 2 / 8; // log p(μ)
          v -= -0.5 * (L2P + Math.log(q.s2[k])) - 0.5 * e * e; // − log q(μ)
        }
      }
      for (let i = 0; i < 20; i++) {
        let u = rng.uniform();
        let c = 0;
        while (c < 2 && (u -= q.phi[i * 3 + c]) >= 0) c++;
        v += -Math.log(3) - Math.log(q.phi[i * 3 + c]);
        for (let d = 0; d < 2; d++) v += -0.5 * L2P - 0.5 * (data.x[i * 2 + d] - mu[c * 2 + d]) ** 2;
      }
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / S;
    const se = Math.sqrt((sumSq / S - mean * mean) / S);
    expect(Math.abs(mean - gmmElbo(prob, q))).toBeLessThan(4 * se);
  });

  it('recovers well-separated means: matches each cluster sample mean to 0.02 (several seeds)', () => {
    const truth = Float64Array.from([-5, 0, 5, 0, 0, 6]);
    for (let seed = 1; seed <= 5; seed++) {
      const rng = createRng(seed);
      const n = 300;
      const x = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        const c = i % 3;
        x[2 * i] = truth[2 * c] + rng.normal();
        x[2 * i + 1] = truth[2 * c + 1] + rng.normal();
      }
      const prob: GmmProblem = { x, n, D: 2, K: 3, sigma2: 25 };
      const q = initGmmVariational(prob, rng);
      for (let s = 0; s < 50; s++) caviSweep(prob, q);
      // the oracle: each true cluster's sample mean (what the model would estimate knowing the labels)
      const oracle = new Float64Array(6);
      for (let i = 0; i < n; i++) for (let d = 0; d < 2; d++) oracle[2 * (i % 3) + d] += x[2 * i + d] / 100;
      expect(matchedMeanError(oracle, q.m, 3, 2)).toBeLessThan(0.02);
      expect(matchedMeanError(truth, q.m, 3, 2)).toBeLessThan(0.6);
      expect(Math.max(...q.s2)).toBeLessThan(1 / 90);
    }
  });

  it('matchedMeanError is permutation-invariant', () => {
    const a = Float64Array.from([0, 0, 1, 1, 2, 2]);
    const b = Float64Array.from([2, 2, 0, 0.1, 1, 1]);
    expect(matchedMeanError(a, b, 3, 2)).toBeCloseTo(0.1, 12);
  });

  it('each update is the maximizer of the ELBO in its block, as chapter 4 derives (zero derivatives, no better point on the simplex)', () => {
    const rng = createRng(13);
    const K = 3;
    const D = 2;
    const data = sampleGmmData(50, K, D, 3, rng);
    const prob: GmmProblem = { x: data.x, n: 50, D, K, sigma2: 6 };
    const q = initGmmVariational(prob, rng);
    caviSweep(prob, q);
    const h = 1e-5;
    const derivative = (arr: Float64Array, j: number): number => {
      const keep = arr[j];
      arr[j] = keep + h;
      const up = gmmElbo(prob, q);
      arr[j] = keep - h;
      const down = gmmElbo(prob, q);
      arr[j] = keep;
      return (up - down) / (2 * h);
    };
    for (let k = 0; k < K; k++) {
      updateMean(prob, q, k);
      // ∂L/∂m_k = 0 and ∂L/∂s²_k = 0 right after the mean update: the closed form is the stationary point.
      for (let d = 0; d < D; d++) expect(Math.abs(derivative(q.m, k * D + d))).toBeLessThan(1e-5);
      expect(Math.abs(derivative(q.s2, k))).toBeLessThan(1e-4);
    }
    updateAssignments(prob, q);
    const best = gmmElbo(prob, q);
    // Moving mass between two labels of one point (staying on the simplex) can only lower the ELBO.
    for (let i = 0; i < 50; i += 7) {
      for (let a = 0; a < K; a++) {
        for (let b = 0; b < K; b++) {
          if (a === b) continue;
          const move = Math.min(1e-3, q.phi[i * K + a]);
          q.phi[i * K + a] -= move;
          q.phi[i * K + b] += move;
          expect(gmmElbo(prob, q)).toBeLessThanOrEqual(best + 1e-12);
          q.phi[i * K + a] += move;
          q.phi[i * K + b] -= move;
        }
      }
    }
  });
});

