/**
 * Numbers that chapter prose quotes, computed by src/core at render time: <Computed name="…" />.
 * Each entry is a pure function returning the text to show (format it here, e.g. toFixed(3)).
 * Add one entry per number; never type a computed result into a chapter.
 */
import { chapter3Numbers } from '../core/vi/elbo/chapterNumbers';
import { chapter4Numbers } from '../core/vi/cavi/chapterNumbers';
import { chapter1Numbers, chapter2Numbers } from '../core/em/chapterNumbers';
import { chapter8Numbers } from '../core/diffusion/chapterNumbers';

export const computedRegistry: Record<string, () => string> = {
  'ch8-alphabar-T-linear': () => chapter8Numbers().alphaBarTLinear.toExponential(1),
  'ch8-alphabar-T-cosine': () => chapter8Numbers().alphaBarTCosine.toExponential(1),
  'ch8-halfway-linear': () => chapter8Numbers().halfwaySignalLinear.toFixed(2),
  'ch8-halfway-cosine': () => chapter8Numbers().halfwaySignalCosine.toFixed(2),
  'ch8-weight-ratio': () => chapter8Numbers().weightRatio.toFixed(1),
  'ch8-var-ratio-T10-tilde': () => chapter8Numbers().varRatioT10Tilde.toFixed(3),
  'ch8-var-ratio-T10-beta': () => chapter8Numbers().varRatioT10Beta.toFixed(3),
  'ch8-var-ratio-T100-beta': () => chapter8Numbers().varRatioT100Beta.toFixed(3),
  'ch8-var-ratio-T1000-beta': () => chapter8Numbers().varRatioT1000Beta.toFixed(4),
  'ch1-n': () => String(chapter1Numbers().n),
  'ch1-separation': () => String(chapter1Numbers().separation),
  'ch1-mle-mu1': () => chapter1Numbers().mleMu1.toFixed(2),
  'ch1-mle-mu2': () => chapter1Numbers().mleMu2.toFixed(2),
  'ch1-mle-loglik': () => chapter1Numbers().mleLogLik.toFixed(3),
  'ch1-diagonal-loglik': () => chapter1Numbers().diagonalLogLik.toFixed(3),
  'ch1-close-gap': () => chapter1Numbers().closeMleGap.toFixed(2),
  'ch2-em-steps': () => String(chapter2Numbers().emSteps),
  'ch2-em-loglik': () => chapter2Numbers().emLogLik.toFixed(3),
  'ch2-em-start-loglik': () => chapter2Numbers().emStartLogLik.toFixed(3),
  'ch2-restart-best': () => chapter2Numbers().restartBest.toFixed(3),
  'ch2-restart-worst': () => chapter2Numbers().restartWorst.toFixed(3),
  'ch2-restart-distinct': () => String(chapter2Numbers().restartDistinct),
  'ch2-collapse-bound': () => chapter2Numbers().collapseBound.toFixed(2),
  'ch2-rate-sep3-predicted': () => chapter2Numbers().rateSep3Predicted.toFixed(3),
  'ch2-rate-sep3-observed': () => chapter2Numbers().rateSep3Observed.toFixed(3),
  'ch2-rate-sep15-predicted': () => chapter2Numbers().rateSep15Predicted.toFixed(3),
  'ch2-rate-sep15-observed': () => chapter2Numbers().rateSep15Observed.toFixed(3),
  'ch2-mc-error-1': () => chapter2Numbers().mcGap1.toFixed(4),
  'ch2-mc-error-100': () => chapter2Numbers().mcGap100.toFixed(4),
  'ch2-ppca-steps': () => String(chapter2Numbers().ppcaSteps),
  'ch2-ppca-sigma2': () => chapter2Numbers().ppcaSigma2.toFixed(4),
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
