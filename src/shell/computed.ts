/**
 * Numbers that chapter prose quotes, computed by src/core at render time: <Computed name="…" />.
 * Each entry is a pure function returning the text to show (format it here, e.g. toFixed(3)).
 * Add one entry per number; never type a computed result into a chapter.
 */
import { chapter3Numbers } from '../core/vi/elbo/chapterNumbers';
import { chapter4Numbers } from '../core/vi/cavi/chapterNumbers';

export const computedRegistry: Record<string, () => string> = {
  'ch3-mle-tau2': () => chapter3Numbers().mleTau2.toFixed(3),
  'ch3-sample-variance': () => chapter3Numbers().sampleVariance.toFixed(3),
  'ch3-posterior-var-at-mle': () => chapter3Numbers().posteriorVarAtMle.toFixed(3),
  'ch3-vem-tau2-narrow': () => chapter3Numbers().variationalTau2Narrow.toFixed(3),
  'ch3-vem-loglik-gap-narrow': () => chapter3Numbers().logLikGapNarrow.toFixed(2),
  'ch3-vem-tau2-wide': () => chapter3Numbers().variationalTau2Wide.toFixed(3),
  'ch3-mc-mean-exact-tau2': () => chapter3Numbers().meanExactTau2.toFixed(3),
  'ch3-mc-mean-vem-tau2': () => chapter3Numbers().meanVariationalTau2.toFixed(3),
  'ch4-variance-ratio-09': () => chapter4Numbers().varianceRatio09.toFixed(2),
  'ch4-updates-09': () => String(chapter4Numbers().updatesToConverge09),
  'ch4-updates-05': () => String(chapter4Numbers().updatesToConverge05),
  'ch4-reverse-kl-5': () => chapter4Numbers().reverseKl5.toFixed(3),
  'ch4-log2': () => Math.LN2.toFixed(3),
  'ch4-forward-variance-inflation-5': () => chapter4Numbers().forwardVarianceInflation5.toFixed(1),
  'ch4-gmm-sweeps': () => String(chapter4Numbers().gmmSweeps),
  'ch4-gmm-mean-error': () => chapter4Numbers().gmmMeanError.toFixed(2),
  'ch4-race-cavi-200': () => chapter4Numbers().raceCaviError200.toFixed(3),
  'ch4-race-gibbs-200': () => chapter4Numbers().raceGibbsError200.toFixed(2),
  'ch4-race-gibbs-20000': () => chapter4Numbers().raceGibbsError20000.toFixed(3),
  'ch4-race-variance-ratio': () => chapter4Numbers().raceVarianceRatio.toFixed(2),
};
