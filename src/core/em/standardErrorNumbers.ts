/**
 * Numbers quoted in chapter 2's section "standard-errors": Louis standard errors at the MLE of the
 * default em-gmm setting (blobs, n = 400, K = 3, seed 1; the widget's fit, polished in float64),
 * and the standard errors one would report by inverting the complete-data information alone.
 */
import { makeDataset, type DatasetName } from '../data/toy2d';
import { inverse } from '../math/linalg';
import { createRng } from '../random';
import { CHAPTER_SEED } from './chapterNumbers';
import { emGmmParams } from './emGmmParams';
import { fitGaussianMixtureEM, initKMeansPlusPlus, restartSeed } from './gmm';
import { louisInformation, parameterLayout } from './louis';
import { mixtureStandardErrors } from './mixtureStandardErrors';

let cached: ReturnType<typeof compute> | undefined;

function compute() {
  const g = emGmmParams;
  const n = g.n.default;
  const k = g.k.default;
  const x = makeDataset(g.dataset.default as DatasetName, n, createRng(CHAPTER_SEED), g.noise.default);
  const init = initKMeansPlusPlus(x, n, 2, k, createRng(restartSeed(CHAPTER_SEED, 0)));
  const fit = fitGaussianMixtureEM(x, n, 2, k, { init, maxSteps: g.maxSteps.default, tol: g.tol.default });
  const inf = mixtureStandardErrors(x, n, fit.model);
  if (!inf.ok) throw new Error(`chapter 2 standard errors: ${inf.reason}`);
  // complete-data ("labels known") standard errors at the same polished MLE
  const polished = fitGaussianMixtureEM(x, n, 2, k, { init: fit.model, floor: 0, tol: 1e-13, maxSteps: 5000 }).model;
  const info = louisInformation(x, n, polished);
  const Vc = inverse(info.complete, info.p);
  const L = parameterLayout(k, 2);
  const t = L.meanIndex(0, 0);
  const c0 = inf.components[0];
  return {
    p: info.p,
    weightSe: c0.weight.se,
    weightSeComplete: Math.sqrt(Vc[0]),
    meanSe: c0.mean[0].se,
    meanSeComplete: Math.sqrt(Vc[t * info.p + t]),
    weight: c0.weight.estimate,
    weightLower: c0.weight.lower,
    weightUpper: c0.weight.upper,
    maxAbsScore: inf.maxAbsScore,
  };
}

export function chapter2StandardErrorNumbers() {
  return (cached ??= compute());
}
