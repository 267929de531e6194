/**
 * Numbers that chapter prose quotes, computed by src/core at render time: <Computed name="…" />.
 * Each entry is a pure function returning the text to show (format it here, e.g. toFixed(3)).
 * Add one entry per number; never type a computed result into a chapter.
 */
import { chapter3Numbers } from '../core/vi/elbo/chapterNumbers';
import { chapter4Numbers } from '../core/vi/cavi/chapterNumbers';
import { chapter1Numbers, chapter2Numbers } from '../core/em/chapterNumbers';
import { chapter2StandardErrorNumbers } from '../core/em/standardErrorNumbers';
import { chapter9Numbers } from '../core/vi/estimator/chapterNumbers';
import { chapter8Numbers } from '../core/diffusion/chapterNumbers';
import { leastFavourZ, SAMPLE_SETS, UNET_DDIM_STEPS, YARDSTICK_DDIM_STEPS, YARDSTICK_DIFFERENCES, yardstickDifferenceZ, yardstickNumbers } from '../core/diffusion/yardstickNumbers';
import { aggregatePosteriorNumbers, chapter7Numbers } from '../core/vae/chapterNumbers';
import { chapter5Numbers } from '../core/vi/svi/chapterNumbers';
import { chapter6Numbers } from '../core/vi/amortized/chapterNumbers';
import { chapter10Computed } from '../core/lda/chapterNumbers';
import { chapter11Computed } from '../core/bnn/chapterNumbers';
import { collapseComputed, hvaeComputed } from '../core/vae/hvae/chapterNumbers';

/**
 * A strict upper bound on a positive number with one significant digit, as "7e-5", for prose that
 * says a quantity is "below" it (toExponential(0) rounds to nearest, which can fall below the value).
 */
export function upperBoundOneDigit(v: number): string {
  if (!(v > 0) || !Number.isFinite(v)) throw new Error(`upperBoundOneDigit needs a positive finite number, got ${v}`);
  let e = Math.floor(Math.log10(v));
  let m = Math.floor(v / 10 ** e + 1e-9) + 1;
  if (m >= 10) {
    m = 1;
    e += 1;
  }
  return `${m}e${e}`;
}

/**
 * "0.923 ± 0.004": a value to `decimals` places and its standard error to as many, or to one
 * significant digit where that many would show 0; the value alone when no standard error is stored.
 */
export function plusMinus(value: number, se: number | undefined, decimals: number): string {
  if (se === undefined) return value.toFixed(decimals);
  const shown = Number(se.toFixed(decimals)) > 0 ? se.toFixed(decimals) : se.toPrecision(1);
  return `${value.toFixed(decimals)} ± ${shown}`;
}

/** A z statistic: one decimal below 10 (as rounded: 9.97 reads 10), none above. */
export const zText = (z: number): string => (Number(z.toFixed(1)) < 10 ? z.toFixed(1) : z.toFixed(0));

/** A coverage as a percentage with one decimal. */
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export const computedRegistry: Record<string, () => string> = {
  'ch5-var-ratio': () => chapter5Numbers().varianceRatioMeasured.toFixed(2),
  'ch5-var-ratio-exact': () => chapter5Numbers().varianceRatioExact.toFixed(2),
  'ch5-var-ratio-logz5': () => chapter5Numbers().varianceRatioLogZ5.toFixed(1),
  'ch5-var-ratio-logz5-exact': () => chapter5Numbers().varianceRatioLogZ5Exact.toFixed(2),
  'ch5-loo-reduction-logz5': () => chapter5Numbers().looReductionLogZ5.toFixed(2),
  'ch5-svi-opt-mu': () => chapter5Numbers().sviOptimumMu.toFixed(3),
  'ch5-svi-opt-tau': () => chapter5Numbers().sviOptimumTau.toFixed(3),
  'ch5-svi-err-07': () => chapter5Numbers().sviErrorKappa07.toFixed(3),
  'ch5-svi-err-03': () => chapter5Numbers().sviErrorKappa03.toFixed(3),
  'ch5-svi-err-15': () => chapter5Numbers().sviErrorKappa15.toFixed(2),
  'ch5-total-step-15': () => chapter5Numbers().totalStepKappa15.toFixed(2),
  'ch5-advi-mean': () => chapter5Numbers().adviMeanLambda.toFixed(4),
  'ch5-post-mean': () => chapter5Numbers().posteriorMeanLambda.toFixed(4),
  'ch5-post-mode': () => chapter5Numbers().posteriorModeLambda.toFixed(4),
  'ch5-advi-gap': () => chapter5Numbers().adviGap.toFixed(4),
  'ch5-mf-kl': () => chapter5Numbers().meanFieldKl.toFixed(3),
  'ch5-banana-logz': () => chapter5Numbers().bananaLogZ.toFixed(3),
  'ch6-sigma': () => String(chapter6Numbers().sigma),
  'ch6-phi': () => String(chapter6Numbers().phi),
  'ch6-conj-slope': () => chapter6Numbers().conjugateSlope.toFixed(2),
  'ch6-conj-sd': () => chapter6Numbers().conjugateSd.toFixed(3),
  'ch6-chain-approx-gap': () => chapter6Numbers().chainApproximationGap.toFixed(3),
  'ch6-chain-same-x-spread': () => chapter6Numbers().chainSameXMeanSpread.toFixed(2),
  'ch8-alphabar-T-linear': () => chapter8Numbers().alphaBarTLinear.toExponential(1),
  'ch8-alphabar-T-cosine': () => chapter8Numbers().alphaBarTCosine.toExponential(1),
  'ch8-halfway-linear': () => chapter8Numbers().halfwaySignalLinear.toFixed(2),
  'ch8-halfway-cosine': () => chapter8Numbers().halfwaySignalCosine.toFixed(2),
  'ch8-weight-ratio': () => chapter8Numbers().weightRatio.toFixed(1),
  'ch8-var-ratio-T10-tilde': () => chapter8Numbers().varRatioT10Tilde.toFixed(3),
  'ch8-var-ratio-T10-beta': () => chapter8Numbers().varRatioT10Beta.toFixed(3),
  'ch8-var-ratio-T100-beta': () => chapter8Numbers().varRatioT100Beta.toFixed(3),
  'ch8-var-ratio-T1000-beta': () => chapter8Numbers().varRatioT1000Beta.toFixed(4),
  'ch8-clip-largest-T': () => String(chapter8Numbers().clipLargestT),
  'ch8-T10-beta-first': () => chapter8Numbers().t10BetaFirst.toFixed(2),
  'ch8-T10-beta-last': () => chapter8Numbers().t10BetaLast.toFixed(3),
  'ch8-T10-beta-unclipped': () => chapter8Numbers().t10BetaUnclipped.toFixed(0),
  'ch8-T10-alphabar': () => chapter8Numbers().t10AlphaBar.toExponential(1),
  'ch8-surgery-n': () => aggregatePosteriorNumbers().n.toLocaleString('en-US'),
  'ch8-surgery-logn': () => aggregatePosteriorNumbers().logN.toFixed(1),
  // a lower bound, so rounded down
  'ch8-surgery-kl-lower': () => (Math.floor(aggregatePosteriorNumbers().lowerBound * 10) / 10).toFixed(1),
  'ch8-yard-n': () => yardstickNumbers().n.toLocaleString('en-US'),
  'ch8-yard-share-se': () => Math.sqrt(0.25 / yardstickNumbers().n).toFixed(3),
  'ch8-ddim-steps': () => String(YARDSTICK_DDIM_STEPS),
  'ch8-pixel28-steps': () => yardstickNumbers().pixel28Model.steps.toLocaleString('en-US'),
  'ch8-pixel28-params': () => (yardstickNumbers().pixel28Model.parameters / 1e6).toFixed(1),
  'ch8-pixel28-width': () => String(yardstickNumbers().pixel28Model.width),
  'ch8-pixel28-blocks': () => String(yardstickNumbers().pixel28Model.blocks),
  'ch8-pixel28-T': () => String(yardstickNumbers().pixel28Model.T),
  'ch8-pixel28-batch': () => String(yardstickNumbers().pixel28Model.batch),
  'ch8-unet-steps': () => yardstickNumbers().unetModel.steps.toLocaleString('en-US'),
  'ch8-unet-steps-first': () => yardstickNumbers().unetModel.initSteps.toLocaleString('en-US'),
  'ch8-unet-steps-second': () => (yardstickNumbers().unetModel.steps - yardstickNumbers().unetModel.initSteps).toLocaleString('en-US'),
  'ch8-unet-params': () => yardstickNumbers().unetModel.parameters.toLocaleString('en-US'),
  'ch8-unet-channels': () => String(yardstickNumbers().unetModel.channels),
  'ch8-unet-channels2': () => String(2 * yardstickNumbers().unetModel.channels),
  'ch8-unet-batch': () => String(yardstickNumbers().unetModel.batch),
  'ch8-unet-check-chains': () => String(yardstickNumbers().unetCheck.chains),
  /** each U-Net row beats the pixel Gaussian and every perceptron row on every number by at least this many standard errors of the difference */
  'ch8-yard-unet-least-z': () => zText(leastFavourZ(['unet', 'unet-ddim'], ['gaussian', 'pixel14', 'pixel28', 'pixel14-ddim', 'pixel28-ddim'])),
  /** the U-Net's ancestral row beats the VAE prior's samples on every number by at least this many */
  'ch8-yard-unet-least-z-prior': () => zText(leastFavourZ(['unet'], ['vae-prior'])),
  'ch8-unet-ddim-steps': () => String(UNET_DDIM_STEPS),
  'ch8-yard-bootstrap-b': () => String(yardstickNumbers().bootstrap.resamples),
  /** the standard error of the difference between the two ancestral perceptron rows' label entropies */
  'ch8-yard-entropy-pixel28-pixel14-se': () => {
    const { rows } = yardstickNumbers();
    return Math.hypot(rows.pixel28.se.labelEntropy, rows.pixel14.se.labelEntropy).toFixed(3);
  },
  /** |z| of a difference between two rows' numbers from their standard errors (the chapter says which side) */
  ...Object.fromEntries(
    YARDSTICK_DIFFERENCES.map(([metric, a, b]) => [`ch8-yard-dz-${metric}-${a}-${b}`, () => zText(Math.abs(yardstickDifferenceZ(metric, a, b)))]),
  ),
  ...Object.fromEntries(
    SAMPLE_SETS.flatMap((set) => {
      const row = () => yardstickNumbers().rows[set];
      return [
        [`ch8-yard-${set}-confident`, () => row().confident.toFixed(3)],
        [`ch8-yard-${set}-entropy`, () => row().labelEntropy.toFixed(3)],
        [`ch8-yard-${set}-frechet`, () => row().frechet.toFixed(1)],
        // the table's cells: each number ± its standard error
        [`ch8-yard-${set}-confident-pm`, () => plusMinus(row().confident, row().se.confident, 3)],
        [`ch8-yard-${set}-entropy-pm`, () => plusMinus(row().labelEntropy, row().se.labelEntropy, 3)],
        [`ch8-yard-${set}-frechet-pm`, () => plusMinus(row().frechet, row().se.frechet, 1)],
      ];
    }),
  ),
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
  'ch2-se-p': () => String(chapter2StandardErrorNumbers().p),
  'ch2-se-weight': () => chapter2StandardErrorNumbers().weight.toFixed(3),
  'ch2-se-weight-se': () => chapter2StandardErrorNumbers().weightSe.toFixed(3),
  'ch2-se-weight-se-complete': () => chapter2StandardErrorNumbers().weightSeComplete.toFixed(3),
  'ch2-se-weight-lower': () => chapter2StandardErrorNumbers().weightLower.toFixed(3),
  'ch2-se-weight-upper': () => chapter2StandardErrorNumbers().weightUpper.toFixed(3),
  'ch2-se-mean-se': () => chapter2StandardErrorNumbers().meanSe.toFixed(3),
  'ch2-se-mean-se-complete': () => chapter2StandardErrorNumbers().meanSeComplete.toFixed(3),
  'ch2-se-max-score': () => upperBoundOneDigit(chapter2StandardErrorNumbers().maxAbsScore),
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
  'ch7-params': () => chapter7Numbers().defaultParameterCount.toLocaleString('en-US'),
  'ch7-test-elbo': () => chapter7Numbers().default.testElbo.toFixed(1),
  'ch7-test-recon': () => chapter7Numbers().default.testRecon.toFixed(1),
  'ch7-test-kl': () => chapter7Numbers().default.testKl.toFixed(1),
  'ch7-train-elbo-final': () => chapter7Numbers().default.finalTrainElbo.toFixed(1),
  'ch7-active-units': () => String(chapter7Numbers().default.activeUnits),
  'ch7-iwae500': () => chapter7Numbers().default.iwae500.toFixed(1),
  'ch7-iwae-gain': () => (chapter7Numbers().default.iwae500 - chapter7Numbers().default.iwae[0]).toFixed(1),
  'ch7-l2-test-elbo': () => chapter7Numbers().latent2.testElbo.toFixed(1),
  'ch7-l2-iwae500': () => chapter7Numbers().latent2.iwae500.toFixed(1),
  'ch7-gap-digits': () => String(chapter7Numbers().gaps.digits),
  'ch7-gap-logpx': () => chapter7Numbers().gaps.logPx.toFixed(1),
  'ch7-gap-approx': () => chapter7Numbers().gaps.approximationGap.toFixed(2),
  'ch7-gap-amort': () => chapter7Numbers().gaps.amortizationGap.toFixed(2),
  'ch9-n': () => String(chapter9Numbers().n),
  'ch9-R': () => chapter9Numbers().R.toLocaleString('en-US'),
  'ch9-c': () => String(chapter9Numbers().c),
  'ch9-v0': () => String(chapter9Numbers().v0),
  'ch9-limit-m1': () => chapter9Numbers().limitM1.toFixed(3),
  'ch9-limit-m10': () => chapter9Numbers().limitM10.toFixed(3),
  'ch9-limit-m100': () => chapter9Numbers().limitM100.toFixed(4),
  'ch9-expansion-m10': () => chapter9Numbers().expansionM10.toFixed(3),
  'ch9-expansion-m100': () => chapter9Numbers().expansionM100.toFixed(4),
  'ch9-limit-m1-c1': () => chapter9Numbers().limitM1C1.toFixed(3),
  'ch9-vem-tau2-sd-theory': () => chapter9Numbers().vemTau2SandwichSd.toFixed(3),
  'ch9-vem-tau2-naive-theory': () => chapter9Numbers().vemTau2NaiveSe.toFixed(3),
  'ch9-vem-tau2-curv-theory': () => chapter9Numbers().vemTau2CurvatureSe.toFixed(3),
  'ch9-vem-mu-naive-theory': () => chapter9Numbers().vemMuNaiveSe.toFixed(3),
  'ch9-vem-mu-curv-theory': () => chapter9Numbers().vemMuCurvatureSe.toFixed(3),
  'ch9-mu-sd-theory': () => chapter9Numbers().muSd.toFixed(3),
  'ch9-mle-tau2-sd-theory': () => chapter9Numbers().mleTau2Sd.toFixed(3),
  'ch9-mle-mu-naive-cov-theory': () => pct(chapter9Numbers().mleMuNaiveCoverageTheory),
  'ch9-vem-mu-naive-cov-theory': () => pct(chapter9Numbers().vemMuNaiveCoverageTheory),
  'ch9-mc1-mle-tau2-mean': () => chapter9Numbers().mc1.mleTau2.mean.toFixed(3),
  'ch9-mc1-mle-tau2-sd': () => chapter9Numbers().mc1.mleTau2.sd.toFixed(3),
  'ch9-mc1-mle-tau2-se-curv': () => chapter9Numbers().mc1.mleTau2.meanSe.curvature.toFixed(3),
  'ch9-mc1-mle-tau2-cov': () => pct(chapter9Numbers().mc1.mleTau2.coverage.curvature),
  'ch9-mc1-mle-mu-cov': () => pct(chapter9Numbers().mc1.mleMu.coverage.curvature),
  'ch9-mc1-mle-mu-cov-naive': () => pct(chapter9Numbers().mc1.mleMu.coverage.naive),
  'ch9-mc1-mle-tau2-cov-naive': () => pct(chapter9Numbers().mc1.mleTau2.coverage.naive),
  'ch9-mc1-vem-tau2-mean': () => chapter9Numbers().mc1.vemTau2.mean.toFixed(3),
  'ch9-mc1-vem-tau2-sd': () => chapter9Numbers().mc1.vemTau2.sd.toFixed(3),
  'ch9-mc1-vem-tau2-sandwich': () => chapter9Numbers().mc1.vemTau2.meanSe.sandwich.toFixed(3),
  'ch9-mc1-vem-tau2-naive': () => chapter9Numbers().mc1.vemTau2.meanSe.naive.toFixed(3),
  'ch9-mc1-vem-tau2-curv': () => chapter9Numbers().mc1.vemTau2.meanSe.curvature.toFixed(3),
  'ch9-mc1-vem-tau2-cov-sandwich': () => pct(chapter9Numbers().mc1.vemTau2.coverage.sandwich),
  'ch9-mc1-vem-tau2-cov-limit': () => pct(chapter9Numbers().mc1.vemTau2.coverageOfLimit),
  'ch9-mc1-vem-mu-cov-naive': () => pct(chapter9Numbers().mc1.vemMu.coverage.naive),
  'ch9-mc1-vem-mu-cov-curv': () => pct(chapter9Numbers().mc1.vemMu.coverage.curvature),
  'ch9-mc1-vem-mu-cov-sandwich': () => pct(chapter9Numbers().mc1.vemMu.coverage.sandwich),
  'ch9-mc100-vem-tau2-mean': () => chapter9Numbers().mc100.vemTau2.mean.toFixed(3),
  'ch9-mc100-vem-tau2-cov-sandwich': () => pct(chapter9Numbers().mc100.vemTau2.coverage.sandwich),
  'ch9-mc100-mle-tau2-cov': () => pct(chapter9Numbers().mc100.mleTau2.coverage.curvature),
  ...chapter10Computed,
  ...chapter11Computed,
  ...hvaeComputed,
  ...collapseComputed,
};
