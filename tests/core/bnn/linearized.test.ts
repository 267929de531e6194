/**
 * The linearized full-covariance family (src/core/bnn/linearizedFloat64.ts, linearized.ts):
 * the KL term against the Gaussian KL computed from Σ = L Lᵀ by elimination, the expected
 * log-likelihood against a finite-difference Jacobian, every gradient against central finite
 * differences, the tfjs run against its float64 twin step by step, and, with no hidden layer,
 * the trained q against the exact Bayesian linear regression posterior (mean and full covariance).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../support/tf';
import { createRng } from '../../../src/core/random';
import { LOG_2PI } from '../../../src/core/math/gaussian';
import { trainingData } from '../../../src/core/bnn/data';
import { initialWeights } from '../../../src/core/bnn/network';
import { evaluateNet } from '../../../src/core/bnn/predictive';
import { linearMoments } from '../../../src/core/bnn/evaluate';
import { linearPosterior } from '../../../src/core/bnn/linearClosedForm';
import { choleskyOf, covarianceOf, flatten, jacobian, layerRanges, linearizedDraws, linearizedElbo, parameterCount, unflatten, type LinearizedState, type LinearizedValues } from '../../../src/core/bnn/linearizedFloat64';
import { createFloat64Run } from '../../../src/core/bnn/float64Run';
import { createBnnRun, type BnnConfig } from '../../../src/core/bnn/run';

beforeAll(async () => {
  await useBackend('wasm');
});

const SIZES = [1, 4, 1];

/** A state with non-trivial means, off-diagonal and diagonal entries. */
function randomState(sizes: number[], seed: number): LinearizedState {
  const rng = createRng(seed);
  const D = parameterCount(sizes);
  const mean = flatten({ sizes, layers: initialWeights(sizes, rng).map((w, l) => ({ w: Float64Array.from(w), b: Float64Array.from({ length: sizes[l + 1] }, () => 0.3 * rng.normal()) })) });
  const off = Float64Array.from({ length: D * D }, () => 0.1 * rng.normal());
  const logDiag = Float64Array.from({ length: D }, () => -2 + rng.uniform());
  return { sizes, mean, off, logDiag };
}

function data(n: number, seed: number) {
  return trainingData(n, 0.2, createRng(seed));
}

/** log det of a symmetric positive-definite matrix by Gaussian elimination (no Cholesky). */
function logDet(A: Float64Array, D: number): number {
  const M = Float64Array.from(A);
  let ld = 0;
  for (let k = 0; k < D; k++) {
    const p = M[k * D + k];
    ld += Math.log(p);
    for (let i = k + 1; i < D; i++) {
      const f = M[i * D + k] / p;
      for (let j = k; j < D; j++) M[i * D + j] -= f * M[k * D + j];
    }
  }
  return ld;
}

describe('the linearized ELBO', () => {
  it('has the Gaussian KL to N(0, S), for fixed and estimated S', () => {
    const q = randomState(SIZES, 1);
    const { x, y } = data(15, 2);
    const D = q.mean.length;
    const Sigma = covarianceOf({ kind: 'linearized', sizes: SIZES, mean: unflatten(SIZES, q.mean), chol: choleskyOf(q.off, q.logDiag) });
    const klRef = (s2: number[]) => {
      // ½ [tr(S⁻¹Σ) + mᵀS⁻¹m − D + log det S − log det Σ], S = diag(s_l²) by layer
      let t = -D - logDet(Sigma, D);
      layerRanges(SIZES).forEach(([a, b], l) => {
        for (let j = a; j < b; j++) t += (Sigma[j * D + j] + q.mean[j] ** 2) / s2[l] + Math.log(s2[l]);
      });
      return 0.5 * t;
    };
    for (const v of [0.3, 1, 4]) {
      const e = linearizedElbo(q, x, y, 0.25, { kind: 'fixed', variance: v });
      expect(e.kl).toBeCloseTo(klRef([v, v]), 9);
    }
    const est = linearizedElbo(q, x, y, 0.25, { kind: 'estimate' });
    expect(est.kl).toBeCloseTo(klRef(est.priorVars), 9);
    // the M-step maximizes the ELBO in s²: moving each s_l² away lowers it
    for (const factor of [0.8, 1.25]) expect(klRef(est.priorVars.map((s) => s * factor))).toBeGreaterThan(est.kl);
  });

  it('has the exact expected log-likelihood of the linearized network (Jacobian by finite differences)', () => {
    const q = randomState(SIZES, 3);
    const { x, y } = data(12, 4);
    const D = q.mean.length;
    const sigma = 0.3;
    const f0 = evaluateNet(unflatten(SIZES, q.mean), x);
    const h = 1e-6;
    const J = new Float64Array(x.length * D);
    for (let j = 0; j < D; j++) {
      const up = Float64Array.from(q.mean);
      const dn = Float64Array.from(q.mean);
      up[j] += h;
      dn[j] -= h;
      const fu = evaluateNet(unflatten(SIZES, up), x);
      const fd = evaluateNet(unflatten(SIZES, dn), x);
      for (let i = 0; i < x.length; i++) J[i * D + j] = (fu[i] - fd[i]) / (2 * h);
    }
    const Sigma = covarianceOf({ kind: 'linearized', sizes: SIZES, mean: unflatten(SIZES, q.mean), chol: choleskyOf(q.off, q.logDiag) });
    let ref = 0;
    for (let i = 0; i < x.length; i++) {
      let quad = 0;
      for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) quad += J[i * D + a] * Sigma[a * D + b] * J[i * D + b];
      ref += -0.5 * (LOG_2PI + Math.log(sigma ** 2)) - ((y[i] - f0[i]) ** 2 + quad) / (2 * sigma ** 2);
    }
    expect(linearizedElbo(q, x, y, sigma, { kind: 'fixed', variance: 1 }).expectedLogLik).toBeCloseTo(ref, 6);
  });

  for (const prior of [{ kind: 'fixed' as const, variance: 0.8 }, { kind: 'estimate' as const }]) {
    it(`has the gradient of central finite differences (J held fixed), s ${prior.kind}`, () => {
      const q = randomState(SIZES, 5);
      const { x, y } = data(20, 6);
      const sigma = 0.35;
      const at = Float64Array.from(q.mean);
      const e = linearizedElbo(q, x, y, sigma, prior, at);
      const elboAt = (s: LinearizedState, sd = sigma) => linearizedElbo(s, x, y, sd, prior, at).elbo;
      const h = 1e-5;
      const check = (field: 'mean' | 'off' | 'logDiag', grad: Float64Array) => {
        let worst = 0;
        for (let j = 0; j < grad.length; j++) {
          if (field === 'off' && j % q.logDiag.length >= Math.floor(j / q.logDiag.length)) {
            expect(grad[j]).toBe(0); // the upper part and diagonal of `off` are unused
            continue;
          }
          const up = { ...q, [field]: Float64Array.from(q[field]) };
          const dn = { ...q, [field]: Float64Array.from(q[field]) };
          up[field][j] += h;
          dn[field][j] -= h;
          const fd = (elboAt(up) - elboAt(dn)) / (2 * h);
          worst = Math.max(worst, Math.abs(fd - grad[j]) / Math.max(1, Math.abs(fd)));
        }
        expect(worst).toBeLessThan(1e-5);
      };
      check('mean', e.gMean);
      check('off', e.gOff);
      check('logDiag', e.gLogDiag);
      const fdSigma = (elboAt(q, sigma * Math.exp(h)) - elboAt(q, sigma * Math.exp(-h))) / (2 * h);
      expect(Math.abs(fdSigma - e.gLogNoiseSd) / Math.abs(fdSigma)).toBeLessThan(1e-5);
    });
  }
});

/** Solves A X = B for a square A [k × k] and B [k × c], both row-major, by elimination with partial pivoting. */
function solve(A: Float64Array, B: Float64Array, k: number, c: number): Float64Array {
  const M = Float64Array.from(A);
  const X = Float64Array.from(B);
  for (let p = 0; p < k; p++) {
    let piv = p;
    for (let i = p + 1; i < k; i++) if (Math.abs(M[i * k + p]) > Math.abs(M[piv * k + p])) piv = i;
    for (let j = 0; j < k; j++) [M[p * k + j], M[piv * k + j]] = [M[piv * k + j], M[p * k + j]];
    for (let j = 0; j < c; j++) [X[p * c + j], X[piv * c + j]] = [X[piv * c + j], X[p * c + j]];
    for (let i = 0; i < k; i++) {
      if (i === p) continue;
      const f = M[i * k + p] / M[p * k + p];
      for (let j = 0; j < k; j++) M[i * k + j] -= f * M[p * k + j];
      for (let j = 0; j < c; j++) X[i * c + j] -= f * X[p * c + j];
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < c; j++) X[i * c + j] /= M[i * k + i];
  return X;
}

/** The lower Cholesky factor of a symmetric positive-definite A [k × k] (Cholesky–Banachiewicz). */
function cholesky(A: Float64Array, k: number): Float64Array {
  const C = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let t = A[i * k + j];
      for (let r = 0; r < j; r++) t -= C[i * k + r] * C[j * k + r];
      C[i * k + j] = i === j ? Math.sqrt(t) : t / C[j * k + j];
    }
  }
  return C;
}

/**
 * The section's closed forms for a network with a hidden layer, J by finite differences and every
 * matrix step written here: with m held and J = J(m), the L-gradient vanishes at the Cholesky factor
 * of Λ⁻¹, Λ = JᵀJ/σ² + S⁻¹; the m-gradient is Λ(μ − m), μ the posterior mean of the model linearized
 * at m (so its zeros are the m that equal their own linearized posterior mean); and there the ELBO is
 * the linearized model's log-likelihood log N(y; f_m − J m, σ²I + J S Jᵀ) minus ½(m − μ)ᵀΛ(m − μ),
 * which is KL(N(m, Λ⁻¹) ‖ N(μ, Λ⁻¹)).
 */
describe('the linearized optimum in closed form (one hidden layer, J held at m)', () => {
  it('Σ = (JᵀJ/σ² + S⁻¹)⁻¹ zeroes the L-gradient, the m-gradient is Λ(μ − m), and the ELBO is the linearized log-likelihood minus the KL', () => {
    const q0 = randomState(SIZES, 11);
    const { x, y } = data(12, 12);
    const n = x.length;
    const D = q0.mean.length;
    const sigma = 0.3;
    const v = 0.8;
    const h = 1e-6;
    const f0 = evaluateNet(unflatten(SIZES, q0.mean), x);
    const J = new Float64Array(n * D);
    for (let j = 0; j < D; j++) {
      const up = Float64Array.from(q0.mean);
      const dn = Float64Array.from(q0.mean);
      up[j] += h;
      dn[j] -= h;
      const fu = evaluateNet(unflatten(SIZES, up), x);
      const fd = evaluateNet(unflatten(SIZES, dn), x);
      for (let i = 0; i < n; i++) J[i * D + j] = (fu[i] - fd[i]) / (2 * h);
    }
    const Lambda = new Float64Array(D * D);
    for (let a = 0; a < D; a++) {
      for (let b = 0; b < D; b++) {
        for (let i = 0; i < n; i++) Lambda[a * D + b] += (J[i * D + a] * J[i * D + b]) / sigma ** 2;
        if (a === b) Lambda[a * D + b] += 1 / v;
      }
    }
    const eye = Float64Array.from({ length: D * D }, (_, k) => (k % D === Math.floor(k / D) ? 1 : 0));
    const C = cholesky(solve(Lambda, eye, D, D), D);
    const q: LinearizedState = { ...q0, off: C, logDiag: Float64Array.from({ length: D }, (_, j) => Math.log(C[j * D + j])) };
    const e = linearizedElbo(q, x, y, sigma, { kind: 'fixed', variance: v });
    // the L-gradient (off-diagonal and log-diagonal) vanishes
    for (const g of [...e.gOff, ...e.gLogDiag]) expect(Math.abs(g)).toBeLessThan(1e-6);
    // and it is a maximum in L: scaling L either way lowers the ELBO
    for (const c of [0.97, 1.03]) {
      const scaled = { ...q, off: q.off.map((t) => c * t), logDiag: q.logDiag.map((t) => t + Math.log(c)) };
      expect(linearizedElbo(scaled, x, y, sigma, { kind: 'fixed', variance: v }).elbo).toBeLessThan(e.elbo);
    }
    // μ = Λ⁻¹ Jᵀ(y − f_m + J m)/σ², the posterior mean of the model linearized at m
    const z = Float64Array.from({ length: n }, (_, i) => {
      let t = y[i] - f0[i];
      for (let j = 0; j < D; j++) t += J[i * D + j] * q.mean[j];
      return t;
    });
    const rhs = Float64Array.from({ length: D }, (_, j) => {
      let t = 0;
      for (let i = 0; i < n; i++) t += (J[i * D + j] * z[i]) / sigma ** 2;
      return t;
    });
    const mu = solve(Lambda, rhs, D, 1);
    const dm = Float64Array.from({ length: D }, (_, j) => mu[j] - q.mean[j]);
    for (let a = 0; a < D; a++) {
      let t = 0;
      for (let b = 0; b < D; b++) t += Lambda[a * D + b] * dm[b];
      expect(Math.abs(e.gMean[a] - t)).toBeLessThan(1e-6 * Math.max(1, Math.abs(t)));
    }
    // log N(z; 0, K) with K = σ²I + v J Jᵀ (z = y − f_m + J m), by elimination
    const K = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        for (let j = 0; j < D; j++) K[i * n + k] += v * J[i * D + j] * J[k * D + j];
        if (i === k) K[i * n + k] += sigma ** 2;
      }
    }
    const Kz = solve(K, z, n, 1);
    let quad = 0;
    for (let i = 0; i < n; i++) quad += z[i] * Kz[i];
    const logEvidence = -0.5 * (n * LOG_2PI + logDet(K, n) + quad);
    let klToPosterior = 0;
    for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) klToPosterior += 0.5 * dm[a] * Lambda[a * D + b] * dm[b];
    expect(klToPosterior).toBeGreaterThan(1e-3); // a random m is not a fixed point: the identity is not 0 = 0
    expect(e.elbo).toBeCloseTo(logEvidence - klToPosterior, 6);
  });
});

describe('the linearized predictive', () => {
  it('whole-function draws have mean f_m(x) and variance J(x) Σ J(x)ᵀ', () => {
    const q = randomState(SIZES, 8);
    const v: LinearizedValues = { kind: 'linearized', sizes: SIZES, mean: unflatten(SIZES, q.mean), chol: choleskyOf(q.off, q.logDiag) };
    const xs = [-1.2, -0.3, 0.2, 0.9];
    const S = 4000;
    const draws = linearizedDraws(v, xs, S, createRng(9));
    const { f, J } = jacobian(v.mean, xs);
    const Sigma = covarianceOf(v);
    const D = q.mean.length;
    xs.forEach((_, k) => {
      let quad = 0;
      for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) quad += J[k * D + a] * Sigma[a * D + b] * J[k * D + b];
      let m = 0;
      for (let s = 0; s < S; s++) m += draws[s * xs.length + k] / S;
      let ss = 0;
      for (let s = 0; s < S; s++) ss += (draws[s * xs.length + k] - m) ** 2;
      expect(Math.abs(m - f[k])).toBeLessThan(4 * Math.sqrt(quad / S));
      expect(Math.abs(Math.sqrt(ss / (S - 1)) / Math.sqrt(quad) - 1)).toBeLessThan(0.06);
    });
  });
});

const BASE: BnnConfig = { model: 'one-layer', family: 'linearized', hidden: 6, prior: 'fixed', priorSd: 1, noise: 'estimate', n: 40, trueNoiseSd: 0.2, lr: 0.01, initSd: 0.1, heldOut: 10 };

/**
 * tfjs autodiff (J computed before the tape opens) against the hand-written float64 gradient:
 * the same seed gives the same data and start, so the Adam steps agree up to float32 rounding.
 */
describe('the tfjs linearized run against its float64 twin', () => {
  const cases: [string, Partial<BnnConfig>][] = [
    ['one hidden layer, s fixed, σ estimated', {}],
    ['one hidden layer, s estimated', { prior: 'estimate' }],
    ['two hidden layers, s estimated, σ known', { model: 'two-layer', hidden: 4, prior: 'estimate', noise: 'fixed' }],
    ['linear', { model: 'linear' }],
  ];
  for (const [name, over] of cases) {
    it(name, async () => {
      const config = { ...BASE, ...over };
      const a = createBnnRun(config, 7);
      const b = createFloat64Run(config, 7);
      for (let t = 0; t < 15; t++) {
        const ma = await a.step();
        const mb = b.step();
        for (const key of Object.keys(mb)) expect(Math.abs(ma[key] - mb[key])).toBeLessThan(2e-4 * Math.max(1, Math.abs(mb[key])));
      }
      const va = (await a.values()).q;
      const vb = b.values().q;
      if (!('kind' in va) || !('kind' in vb)) throw new Error('linearized values expected');
      va.chol.forEach((c, j) => expect(Math.abs(c - vb.chol[j])).toBeLessThan(1e-4));
      va.mean.layers.forEach((L, l) => L.w.forEach((w, j) => expect(Math.abs(w - vb.mean.layers[l].w[j])).toBeLessThan(1e-4)));
      a.dispose();
    }, 60_000);
  }
});

const LINEAR: BnnConfig = { ...BASE, model: 'linear', prior: 'fixed', noise: 'fixed', n: 100 };

/** Trains with the step size cut tenfold twice; returns the trained (m, C) and the exact posterior. */
async function trainLinear(run: { step(): unknown; setLearningRate(lr: number): void; values(): unknown; train: { x: Float64Array; y: Float64Array } }, perStage: number) {
  for (const lr of [0.01, 0.001, 0.0001]) {
    run.setLearningRate(lr);
    for (let t = 0; t < perStage; t++) await run.step();
  }
  const v = (await run.values()) as { q: Parameters<typeof linearMoments>[0] };
  return { trained: linearMoments(v.q), post: linearPosterior(run.train.x, run.train.y, 0.04, 1) };
}

describe('no hidden layer: the linearized optimum is the exact posterior', () => {
  it('float64 run: mean and full covariance', async () => {
    const { trained, post } = await trainLinear(createFloat64Run(LINEAR, 2), 4000);
    const sd = [Math.sqrt(post.cov[0]), Math.sqrt(post.cov[2])];
    for (let j = 0; j < 2; j++) expect(Math.abs(trained.mean[j] - post.mean[j])).toBeLessThan(0.01 * sd[j]);
    // every entry, the off-diagonal included, within 1% of the exact sds' scale
    trained.cov.forEach((c, k) => expect(Math.abs(c - post.cov[k])).toBeLessThan(0.01 * sd[0] * sd[1] + (k === 0 ? 0.01 * post.cov[0] : k === 2 ? 0.01 * post.cov[2] : 0)));
    const rho = post.cov[1] / (sd[0] * sd[1]);
    expect(Math.abs(rho)).toBeGreaterThan(0.05); // the data make the correlation one worth matching
    expect(trained.cov[1] / Math.sqrt(trained.cov[0] * trained.cov[2])).toBeCloseTo(rho, 2);
  });

  it('tfjs run: mean and full covariance', async () => {
    const run = createBnnRun(LINEAR, 2);
    const { trained, post } = await trainLinear(run, 1500);
    const sd = [Math.sqrt(post.cov[0]), Math.sqrt(post.cov[2])];
    for (let j = 0; j < 2; j++) expect(Math.abs(trained.mean[j] - post.mean[j])).toBeLessThan(0.05 * sd[j]);
    trained.cov.forEach((c, k) => expect(Math.abs(c - post.cov[k])).toBeLessThan(0.05 * sd[0] * sd[1]));
    run.dispose();
  }, 300_000);
});
