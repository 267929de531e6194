/**
 * Numbers quoted in the prose of chapters 1 and 2, computed by the same core code the widgets
 * run (src/shell/computed.ts formats them). Memoized: each is computed once per page.
 * The settings mirror the widgets' defaults so the prose and the figures agree.
 */
import { makeDataset, type DatasetName } from '../data/toy2d';
import { createRng } from '../random';
import { LOG_2PI } from '../math/gaussian';
import { emGmmParams } from './emGmmParams';
import { COVARIANCE_FLOOR, fitGaussianMixtureEM, initKMeansPlusPlus, restartSeed } from './gmm';
import { emStep, mcemStep } from './mcem';
import { mixture1dEmPath, mixture1dEmRate, mixture1dLogLik, mixture1dMle } from './mixture1d';
import { mixture1dDemoData, mixture1dParams } from './mixture1dDemo';
import { ppcaClosedForm, ppcaEmStep, ppcaInit, ppcaLogLikPerPoint, samplePpca, sampleCovariance, subspaceAngle } from './ppca';

/** The seed the chapters' widgets start with (the frame's default seed). */
export const CHAPTER_SEED = 1;

function memo<T>(f: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= f());
}

/**
 * Empirical EM rate: geometric mean of |θ_{t+1} − θ*| / |θ_t − θ*| over iterations with
 * |θ_t − θ*| ∈ (1e-8, 1e-3), θ* the path's last iterate (EM's own fixed point to rounding).
 */
export function empiricalRate(path: { mu1: number; mu2: number }[]): number {
  const end = path[path.length - 1];
  const dist = path.map((p) => Math.hypot(p.mu1 - end.mu1, p.mu2 - end.mu2));
  let s = 0;
  let c = 0;
  for (let t = 0; t + 1 < dist.length; t++) {
    if (dist[t] < 1e-3 && dist[t + 1] > 1e-8) {
      s += Math.log(dist[t + 1] / dist[t]);
      c++;
    }
  }
  return Math.exp(s / c);
}

export const chapter1Numbers = memo(() => {
  const n = mixture1dParams.n.default;
  const sep = mixture1dParams.separation.default;
  const x = mixture1dDemoData(n, sep, CHAPTER_SEED);
  const mle = mixture1dMle(x);
  let xbar = 0;
  for (const v of x) xbar += v / n;
  const close = mixture1dDemoData(n, 1, CHAPTER_SEED);
  const mleClose = mixture1dMle(close);
  return {
    n,
    separation: sep,
    mleMu1: mle.modes[0][0],
    mleMu2: mle.modes[0][1],
    mleLogLik: mle.logLik / n,
    diagonalLogLik: mixture1dLogLik(x, xbar, xbar) / n,
    closeMleGap: mleClose.modes[0][1] - mleClose.modes[0][0],
  };
});

export const chapter2Numbers = memo(() => {
  // EM on the default 'em-gmm' setting, float64 (the widget runs the same steps in float32)
  const g = emGmmParams;
  const n0 = g.n.default;
  const blobs = makeDataset(g.dataset.default as DatasetName, n0, createRng(CHAPTER_SEED), g.noise.default);
  const init = initKMeansPlusPlus(blobs, n0, 2, g.k.default, createRng(restartSeed(CHAPTER_SEED, 0)));
  const fit = fitGaussianMixtureEM(blobs, n0, 2, g.k.default, { init, maxSteps: g.maxSteps.default, tol: g.tol.default });

  // restarts on the rings with k = 5: different local maxima
  // (the same data and k-means++ draws as the chapter's restarts widget: rings, k = 5, 8 restarts)
  const rings = makeDataset('rings', n0, createRng(CHAPTER_SEED), 0.06);
  const finals = Array.from({ length: 8 }, (_, r) => {
    const start = initKMeansPlusPlus(rings, n0, 2, 5, createRng(restartSeed(CHAPTER_SEED, r)));
    return fitGaussianMixtureEM(rings, n0, 2, 5, { init: start, maxSteps: 300, tol: g.tol.default }).logLik.at(-1)! / n0;
  });

  // collapse: the most one collapsed point can add under the floor ψ
  const collapseBound = -LOG_2PI - Math.log(COVARIANCE_FLOOR);

  // EM rate on chapter 1's data: predicted (missing information) and observed (iterates)
  const rates = (sep: number) => {
    const x = mixture1dDemoData(100, sep, CHAPTER_SEED);
    const mle = mixture1dMle(x);
    const [a, b] = mle.modes[0];
    const path = mixture1dEmPath(x, [a - 1, b + 1], 1, 5000, 0);
    return { predicted: mixture1dEmRate(x, a, b), observed: empiricalRate(path) };
  };
  const r3 = rates(3);
  const r15 = rates(1.5);

  // MCEM: RMS error of one MC M-step's means around the exact M-step's, from the same start (40 draws)
  const mcx = makeDataset('moons', 300, createRng(CHAPTER_SEED), 0.2);
  const mcStart = initKMeansPlusPlus(mcx, 300, 2, 3, createRng(CHAPTER_SEED));
  const mcExact = emStep(mcx, 300, mcStart);
  const mcGap = (m: number) => {
    let s = 0;
    for (let r = 0; r < 40; r++) {
      const mc = mcemStep(mcx, 300, mcStart, m, createRng(1000 * m + r));
      for (let i = 0; i < mc.means.length; i++) s += (mc.means[i] - mcExact.means[i]) ** 2;
    }
    return Math.sqrt(s / (40 * mcStart.means.length));
  };

  // PPCA in d = 5, q = 2: steps until the subspace angle to the closed form is below 1e-6
  const d = 5;
  const q = 2;
  const W = Float64Array.from([1.5, 0.2, -0.8, 0.9, 0.3, -1.1, 1.2, 0.1, -0.4, 0.6]);
  const px = samplePpca(500, W, d, q, 0.25, createRng(CHAPTER_SEED));
  const S = sampleCovariance(px, 500, d);
  const mle = ppcaClosedForm(S, d, q);
  let p = ppcaInit(d, q, createRng(CHAPTER_SEED + 1));
  let ppcaSteps = 0;
  while (subspaceAngle(p.W, mle.W, d, q) > 1e-6 && ppcaSteps < 10000) {
    p = ppcaEmStep(S, p, d, q);
    ppcaSteps++;
  }

  return {
    emSteps: fit.steps,
    emLogLik: fit.logLik[fit.steps] / n0,
    emStartLogLik: fit.logLik[0] / n0,
    restartBest: Math.max(...finals),
    restartWorst: Math.min(...finals),
    restartDistinct: new Set(finals.map((v) => v.toFixed(3))).size,
    collapseBound,
    rateSep3Predicted: r3.predicted,
    rateSep3Observed: r3.observed,
    rateSep15Predicted: r15.predicted,
    rateSep15Observed: r15.observed,
    mcGap1: mcGap(1),
    mcGap100: mcGap(100),
    ppcaSteps,
    ppcaSigma2: mle.sigma2,
    ppcaLogLik: ppcaLogLikPerPoint(S, mle, d, q),
  };
});
