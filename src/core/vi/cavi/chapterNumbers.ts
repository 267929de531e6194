/**
 * Numbers quoted in chapter 4's prose, computed from the same core the widgets run (their
 * default settings, seed 1).
 */
import { exactMoments } from '../../mcmc/gaussianTarget';
import { gibbsSweep } from '../../mcmc/gibbs';
import { RunningMoments } from '../../mcmc/moments';
import { createRng } from '../../random';
import { correlatedGaussian, meanFieldVarianceRatio, runGaussianCavi } from './gaussian2d';
import { meanFieldGaussianSweep, meanFieldVariances } from './gaussianNd';
import { caviSweep, gmmElbo, initGmmVariational, matchedMeanError, sampleGmmData, type GmmProblem } from './gmm';
import { fitReverseKlMultiStart, momentMatch, twoModeTarget } from './klDirection';
import { regressionPosterior } from './regression';

export interface Chapter4Numbers {
  varianceRatio09: number;
  /** Coordinate updates CAVI needs at ρ = 0.9 to bring the mean within 1e-6 of the target's. */
  updatesToConverge09: number;
  updatesToConverge05: number;
  /** Separation 5: KL(q ‖ p) at the mode-seeking optimum (≈ log 2), the moment-matched fit's total variance vs a component's. */
  reverseKl5: number;
  forwardVarianceInflation5: number;
  gmmSweeps: number;
  gmmMeanError: number;
  /** Race, 10 coefficients, ρ = 0.9: errors (posterior sds) after 200 sweeps each. */
  raceCaviError200: number;
  raceGibbsError200: number;
  raceGibbsError20000: number;
  raceVarianceRatio: number;
}

let cache: Chapter4Numbers | undefined;

function updatesTo(rho: number, tol: number): number {
  const p = correlatedGaussian(rho);
  const run = runGaussianCavi(p, { m: [-2.5, 2], v: [1, 1] }, 2000);
  return run.path.findIndex(([a, b]) => Math.hypot(a, b) < tol);
}

export function chapter4Numbers(): Chapter4Numbers {
  if (cache) return cache;
  const p5 = twoModeTarget(5);
  const mm = momentMatch(p5);
  const comp = p5.components[0].cov;

  const rng = createRng(1);
  const data = sampleGmmData(200, 3, 2, 3, rng);
  const prob: GmmProblem = { x: data.x, n: 200, D: 2, K: 3, sigma2: 25 };
  const q = initGmmVariational(prob, rng);
  let sweeps = 0;
  let last = gmmElbo(prob, q);
  for (; sweeps < 500; ) {
    caviSweep(prob, q);
    sweeps++;
    const e = gmmElbo(prob, q);
    if (Math.abs(e - last) < 1e-8) break;
    last = e;
  }

  const race = createRng(1);
  const { target } = regressionPosterior(100, 10, 0.9, race.fork());
  const exact = exactMoments(target);
  const sd = Array.from({ length: 10 }, (_, j) => Math.sqrt(exact.cov[j * 11]));
  const err = (est: ArrayLike<number>) => Math.sqrt(sd.reduce((s, v, j) => s + ((est[j] - exact.mean[j]) / v) ** 2, 0) / 10);
  const m = new Float64Array(10);
  for (let s = 0; s < 200; s++) meanFieldGaussianSweep(target, m);
  const z = new Float64Array(10);
  const chain = race.fork();
  const moments = new RunningMoments(10);
  let gibbs200 = 0;
  for (let s = 1; s <= 20_000; s++) {
    gibbsSweep(target, z, chain);
    moments.push(z);
    if (s === 200) gibbs200 = err(moments.mean);
  }
  const qv = meanFieldVariances(target);

  cache = {
    varianceRatio09: meanFieldVarianceRatio(correlatedGaussian(0.9)),
    updatesToConverge09: updatesTo(0.9, 1e-6),
    updatesToConverge05: updatesTo(0.5, 1e-6),
    reverseKl5: fitReverseKlMultiStart(p5).best.kl,
    forwardVarianceInflation5: (mm.cov[0] + mm.cov[2]) / (comp[0] + comp[2]),
    gmmSweeps: sweeps,
    gmmMeanError: matchedMeanError(data.means, q.m, 3, 2),
    raceCaviError200: err(m),
    raceGibbsError200: gibbs200,
    raceGibbsError20000: err(moments.mean),
    raceVarianceRatio: qv.reduce((s, v, j) => s + v / exact.cov[j * 11], 0) / 10,
  };
  return cache;
}
