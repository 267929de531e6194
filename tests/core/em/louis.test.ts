import { describe, expect, it } from 'vitest';
import { makeDataset } from '../../../src/core/data/toy2d';
import { fitGaussianMixtureEM, type GaussianMixture } from '../../../src/core/em/gmm';
import { louisInformation, parameterLayout } from '../../../src/core/em/louis';
import { createRng } from '../../../src/core/random';

/**
 * Independent observed log-likelihood of a 2-D mixture as a function of the free parameter vector
 * θ = (π_1…π_{K−1}, μ_1…μ_K, (σ11, σ12, σ22)_1…_K), π_K = 1 − Σ π_j, with explicit 2×2 inverses.
 */
function logLikAt(x: Float64Array, n: number, k: number, th: Float64Array): number {
  const w: number[] = [];
  let rest = 1;
  for (let j = 0; j < k - 1; j++) {
    w.push(th[j]);
    rest -= th[j];
  }
  w.push(rest);
  let s = 0;
  for (let i = 0; i < n; i++) {
    let dens = 0;
    for (let c = 0; c < k; c++) {
      const mx = th[k - 1 + 2 * c];
      const my = th[k - 1 + 2 * c + 1];
      const o = k - 1 + 2 * k + 3 * c;
      const [a, b, dd] = [th[o], th[o + 1], th[o + 2]];
      const det = a * dd - b * b;
      const ex = x[2 * i] - mx;
      const ey = x[2 * i + 1] - my;
      const q = (dd * ex * ex - 2 * b * ex * ey + a * ey * ey) / det;
      dens += (w[c] * Math.exp(-0.5 * q)) / (2 * Math.PI * Math.sqrt(det));
    }
    s += Math.log(dens);
  }
  return s;
}

function pack(m: GaussianMixture): Float64Array {
  const { k } = m;
  const th: number[] = [];
  for (let j = 0; j < k - 1; j++) th.push(m.weights[j]);
  for (let t = 0; t < 2 * k; t++) th.push(m.means[t]);
  for (let c = 0; c < k; c++) th.push(m.covariances[4 * c], m.covariances[4 * c + 1], m.covariances[4 * c + 3]);
  return Float64Array.from(th);
}

/** −∇²ℓ by central second differences (4-point formula for mixed partials), float64. */
function finiteDifferenceInformation(f: (t: Float64Array) => number, th: Float64Array, h: number): Float64Array {
  const p = th.length;
  const out = new Float64Array(p * p);
  const at = (da: number, ia: number, db: number, ib: number) => {
    const t = Float64Array.from(th);
    t[ia] += da;
    t[ib] += db;
    return f(t);
  };
  const f0 = f(th);
  for (let a = 0; a < p; a++) {
    out[a * p + a] = -(at(h, a, 0, a) - 2 * f0 + at(-h, a, 0, a)) / (h * h);
    for (let b = a + 1; b < p; b++) {
      const v = (at(h, a, h, b) - at(h, a, -h, b) - at(-h, a, h, b) + at(-h, a, -h, b)) / (4 * h * h);
      out[a * p + b] = out[b * p + a] = -v;
    }
  }
  return out;
}

function frobenius(a: Float64Array): number {
  return Math.sqrt(a.reduce((s, v) => s + v * v, 0));
}

describe("Louis's observed information for the Gaussian mixture", () => {
  const n = 240;
  const x = makeDataset('blobs', n, createRng(3), 0.5);
  const fit = fitGaussianMixtureEM(x, n, 2, 3, { seed: 4, floor: 0, tol: 1e-14, maxSteps: 5000 });

  it('EM reaches a fixed point where the score Σ_i ḡ_i is zero', () => {
    expect(fit.converged).toBe(true);
    const info = louisInformation(x, n, fit.model);
    // the score at the start of EM is large; at the fixed point it is round-off
    const start = louisInformation(x, n, fitGaussianMixtureEM(x, n, 2, 3, { seed: 4, floor: 0, maxSteps: 0 }).model);
    const maxStart = Math.max(...Array.from(start.score, Math.abs));
    const maxEnd = Math.max(...Array.from(info.score, Math.abs));
    expect(maxStart).toBeGreaterThan(1);
    expect(maxEnd).toBeLessThan(1e-5);
  });

  it('I_obs = E[I_c|x] − Var(S_c|x) equals a central-difference Hessian of ℓ to 1e-4 (relative), at the MLE and away from it', () => {
    const away: GaussianMixture = {
      ...fit.model,
      weights: Float64Array.from([0.25, 0.35, 0.4]),
      means: fit.model.means.map((v, i) => v + 0.1 * Math.sin(i + 1)),
      covariances: fit.model.covariances.map((v, i) => v * (i % 4 === 1 || i % 4 === 2 ? 0.8 : 1.2)),
    };
    for (const m of [fit.model, away]) {
      const info = louisInformation(x, n, m);
      const fd = finiteDifferenceInformation((t) => logLikAt(x, n, 3, t), pack(m), 1e-4);
      expect(info.p).toBe(fd.length ** 0.5);
      const diff = info.observed.map((v, i) => v - fd[i]);
      expect(frobenius(diff) / frobenius(fd)).toBeLessThan(1e-4);
    }
  });

  it('the missing information is positive semi-definite and the complete information exceeds the observed on the means', () => {
    const info = louisInformation(x, n, fit.model);
    const { p } = info;
    const L = parameterLayout(3, 2);
    for (let c = 0; c < 3; c++) {
      const t = L.meanIndex(c, 0);
      expect(info.missing[t * p + t]).toBeGreaterThan(0);
      expect(info.complete[t * p + t]).toBeGreaterThan(info.observed[t * p + t]);
    }
  });
});
