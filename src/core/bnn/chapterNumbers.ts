/**
 * Numbers quoted in chapter 11 (<Computed name="ch11-…" />), read from chapterNumbers.json, which
 * scripts/bnnNumbers.ts writes from the experiments in chapterExperiments.ts (tests/core/bnn/
 * chapterNumbers.test.ts recomputes its `check` block and the claims the prose makes).
 */
import numbers from './chapterNumbers.json';
import { GAP_HI, GAP_LO } from './data';
import { bnnParams } from './demo';
import { CHAPTER_HELD_OUT } from './chapterExperiments';
import { parameterCount } from './linearizedFloat64';
import { architecture } from './run';

export type Chapter11Numbers = typeof numbers;

export function chapter11Numbers(): Chapter11Numbers {
  return numbers;
}

const n = numbers;
const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** The default fit's gap ratios at seed 1 (the chapter's run) and seeds 2 and 3. */
const ratios = (key: 'widthRatio' | 'functionSdRatio') => [n.fixed[key], ...n.seeds.map((r) => r[key])];
const coverages = (key: 'coverageGapVi' | 'coverageGapMle') => [n.fixed[key], ...n.seeds.map((r) => r[key])];
/** The linearized full-covariance family at seeds 1–3: s estimated (`seeds`) and s fixed at 1 (`fixedSeeds`). */
const fc = n.linearized;
type FcSeed = (typeof fc.fixedSeeds)[number];
/** A fit whose σ̂ is over twice the truth has let the noise absorb the signal (the pruned fit). */
export const collapsedFit = (r: FcSeed) => r.viNoiseSd > 2 * bnnParams.trueNoiseSd.default;
const fcWide = fc.seeds.filter((r) => !collapsedFit(r));
const fcCollapsed = fc.seeds.filter(collapsedFit);
/** The estimated prior sds ŝ_l (layer l) and the KL to the prior, over a set of s-estimated linearized fits. */
const fcSd = (rows: typeof fc.seeds, l: number) => rows.map((r) => r.priorSds[l]);
const fcKl = (rows: typeof fc.seeds) => rows.map((r) => r.kl);
const range = (rows: FcSeed[], key: 'widthRatio' | 'functionSdRatio' | 'coverageGapVi' | 'coverageGapMle' | 'coverageDataVi' | 'viNoiseSd') => rows.map((r) => r[key]);
/** Weights and biases of the default network: the dimension of the full-covariance q. */
const fcD = parameterCount(architecture('one-layer', bnnParams.hidden.default));

/** The chapter's entries of the computed registry (src/shell/computed.ts spreads them in). */
export const chapter11Computed: Record<string, () => string> = {
  'ch11-n': () => String(bnnParams.n.default),
  'ch11-hidden': () => String(bnnParams.hidden.default),
  'ch11-hidden-wide': () => String(n.wide.hidden),
  'ch11-noise': () => String(bnnParams.trueNoiseSd.default),
  'ch11-gap-lo': () => String(GAP_LO),
  'ch11-gap-hi': () => String(GAP_HI),
  'ch11-steps': () => n.steps.toLocaleString('en-US'),
  'ch11-held-out': () => CHAPTER_HELD_OUT.toLocaleString('en-US'),
  'ch11-cov-gap-vi': () => pct(n.fixed.coverageGapVi),
  'ch11-cov-gap-mle': () => pct(n.fixed.coverageGapMle),
  'ch11-cov-data-vi': () => pct(n.fixed.coverageDataVi),
  'ch11-cov-data-mle': () => pct(n.fixed.coverageDataMle),
  'ch11-lpd-gap-vi': () => f2(n.fixed.lpdGapVi),
  'ch11-lpd-gap-mle': () => f2(n.fixed.lpdGapMle),
  'ch11-lpd-data-vi': () => f2(n.fixed.lpdDataVi),
  'ch11-lpd-data-mle': () => f2(n.fixed.lpdDataMle),
  'ch11-sigma-vi': () => f3(n.fixed.viNoiseSd),
  'ch11-sigma-mle': () => f3(n.fixed.mleNoiseSd),
  'ch11-width-ratio': () => f2(n.fixed.widthRatio),
  'ch11-fsd-ratio': () => f2(n.fixed.functionSdRatio),
  'ch11-fsd-gap': () => f3(n.fixed.functionSdGap),
  'ch11-fsd-data': () => f3(n.fixed.functionSdData),
  'ch11-active-fixed': () => String(n.fixed.activeUnits),
  'ch11-elbo-fixed': () => n.fixed.elbo.toFixed(1),
  'ch11-kl-fixed': () => n.fixed.kl.toFixed(1),
  'ch11-ell-fixed': () => n.fixed.expectedLogLik.toFixed(1),
  'ch11-mle-loglik': () => n.fixed.mleLogLik.toFixed(1),
  'ch11-est-s1': () => f3(n.estimated.priorSds[0]),
  'ch11-est-s2': () => f3(n.estimated.priorSds[1]),
  'ch11-est-sigma': () => f3(n.estimated.viNoiseSd),
  'ch11-est-elbo': () => n.estimated.elbo.toFixed(1),
  'ch11-est-kl': () => n.estimated.kl.toFixed(1),
  'ch11-est-ell': () => n.estimated.expectedLogLik.toFixed(1),
  'ch11-est-active': () => String(n.estimated.activeUnits),
  'ch11-est-cov-gap': () => pct(n.estimated.coverageGapVi),
  'ch11-est-cov-data': () => pct(n.estimated.coverageDataVi),
  'ch11-est-lpd-gap': () => f2(n.estimated.lpdGapVi),
  'ch11-est-lpd-data': () => f2(n.estimated.lpdDataVi),
  'ch11-wide-sigma': () => f3(n.wide.viNoiseSd),
  'ch11-wide-elbo': () => n.wide.elbo.toFixed(1),
  'ch11-wide-kl': () => n.wide.kl.toFixed(1),
  'ch11-wide-cov-gap': () => pct(n.wide.coverageGapVi),
  'ch11-wide-cov-data': () => pct(n.wide.coverageDataVi),
  'ch11-wide-fsd-ratio': () => f2(n.wide.functionSdRatio),
  'ch11-seeds-width-min': () => f2(Math.min(...ratios('widthRatio'))),
  'ch11-seeds-width-max': () => f2(Math.max(...ratios('widthRatio'))),
  'ch11-seeds-fsd-min': () => f2(Math.min(...ratios('functionSdRatio'))),
  'ch11-seeds-fsd-max': () => f2(Math.max(...ratios('functionSdRatio'))),
  'ch11-seeds-cov-vi-min': () => pct(Math.min(...coverages('coverageGapVi'))),
  'ch11-seeds-cov-mle-max': () => pct(Math.max(...coverages('coverageGapMle'))),
  'ch11-lin-rho': () => f3(n.linear.rho),
  'ch11-lin-var-ratio': () => f3(n.linear.varianceRatio),
  'ch11-lin-kl-gap': () => n.linear.klGap.toFixed(4),
  'ch11-lin-mean-err': () => f3(n.linear.meanError),
  'ch11-lin-var-err': () => pct(n.linear.varError),
  'ch11-fc-d': () => String(fcD),
  'ch11-fc-chol': () => (((fcD + 1) * fcD) / 2).toLocaleString('en-US'),
  'ch11-fc-width-ratio': () => f2(fc.estimated.widthRatio),
  'ch11-fc-fsd-gap': () => f3(fc.estimated.functionSdGap),
  'ch11-fc-fsd-data': () => f3(fc.estimated.functionSdData),
  'ch11-fc-fsd-ratio': () => f2(fc.estimated.functionSdRatio),
  'ch11-fc-cov-gap': () => pct(fc.estimated.coverageGapVi),
  'ch11-fc-cov-data': () => pct(fc.estimated.coverageDataVi),
  'ch11-fc-lpd-gap': () => f2(fc.estimated.lpdGapVi),
  'ch11-fc-lpd-data': () => f2(fc.estimated.lpdDataVi),
  'ch11-fc-sigma': () => f3(fc.estimated.viNoiseSd),
  'ch11-fc-s1': () => f2(fc.estimated.priorSds[0]),
  'ch11-fc-s2': () => f2(fc.estimated.priorSds[1]),
  'ch11-fc-est-widened': () => String(fcWide.length),
  'ch11-fc-est-collapsed': () => String(fcCollapsed.length),
  'ch11-fc-est-width-min': () => f2(Math.min(...range(fcWide, 'widthRatio'))),
  'ch11-fc-est-width-max': () => f2(Math.max(...range(fcWide, 'widthRatio'))),
  'ch11-fc-est-cov-gap-min': () => pct(Math.min(...range(fcWide, 'coverageGapVi'))),
  'ch11-fc-collapsed-sigma': () => f3(Math.min(...range(fcCollapsed, 'viNoiseSd'))),
  'ch11-fc-collapsed-width': () => f2(Math.max(...range(fcCollapsed, 'widthRatio'))),
  'ch11-fc-collapsed-cov-gap': () => pct(Math.max(...range(fcCollapsed, 'coverageGapVi'))),
  'ch11-fc-collapsed-s1': () => f2(Math.max(...fcSd(fcCollapsed, 0))),
  'ch11-fc-collapsed-s2': () => f2(Math.max(...fcSd(fcCollapsed, 1))),
  'ch11-fc-collapsed-kl': () => Math.max(...fcKl(fcCollapsed)).toFixed(1),
  'ch11-fc-collapsed-lpd-data': () => f2(Math.max(...fcCollapsed.map((r) => r.lpdDataVi))),
  'ch11-fc-collapsed-mle-cov-gap': () => pct(Math.max(...range(fcCollapsed, 'coverageGapMle'))),
  // the s-fixed fit of the same family on the collapsed seed's data set
  'ch11-fc-collapsed-fixed-lpd-data': () => f2(Math.max(...fc.fixedSeeds.filter((r) => fcCollapsed.some((c) => c.seed === r.seed)).map((r) => r.lpdDataVi))),
  'ch11-fc-wide-s1-min': () => f2(Math.min(...fcSd(fcWide, 0))),
  'ch11-fc-wide-s2-min': () => f2(Math.min(...fcSd(fcWide, 1))),
  'ch11-fc-wide-kl-min': () => Math.min(...fcKl(fcWide)).toFixed(1),
  'ch11-fc-fixed-width-min': () => f2(Math.min(...range(fc.fixedSeeds, 'widthRatio'))),
  'ch11-fc-fixed-width-max': () => f2(Math.max(...range(fc.fixedSeeds, 'widthRatio'))),
  'ch11-fc-fixed-fsd-min': () => f2(Math.min(...range(fc.fixedSeeds, 'functionSdRatio'))),
  'ch11-fc-fixed-cov-gap-min': () => pct(Math.min(...range(fc.fixedSeeds, 'coverageGapVi'))),
  'ch11-fc-fixed-cov-data-min': () => pct(Math.min(...range(fc.fixedSeeds, 'coverageDataVi'))),
  'ch11-fc-fixed-cov-data-max': () => pct(Math.max(...range(fc.fixedSeeds, 'coverageDataVi'))),
  'ch11-fc-fixed-sigma-max': () => f3(Math.max(...range(fc.fixedSeeds, 'viNoiseSd'))),
  'ch11-fc-mle-cov-gap-max': () => pct(Math.max(...range([...fc.seeds, ...fc.fixedSeeds], 'coverageGapMle'))),
  'ch11-fc-lin-rho': () => f3(fc.linear.rhoTrained),
};
