/**
 * Numbers quoted in chapter 9 (src/shell/computed.ts formats them). Closed forms from
 * asymptotics.ts, and Monte Carlo summaries of the same experiment the repeated-sampling widget
 * runs with its defaults (n = 100 groups, R = 1,000 data sets, seed 1), at J = 1 and J = 100.
 * Memoized; the two Monte Carlo runs take well under a second.
 */
import { asymptotics, limitExpansion, waldCoverage } from './asymptotics';
import { experimentOf, repeatedSamplingParams } from './demo';
import { runExperiment, summarize } from './repeatedSampling';
import type { EstimatorKind } from './randomEffectsEstimators';

const SEED = 1;

function defaults() {
  const p = repeatedSamplingParams;
  return { n: p.n.default, J: p.J.default, c: p.c.default, tau2: p.tau2.default, R: p.R.default };
}

function monteCarlo(J: number) {
  const d = defaults();
  const e = experimentOf({ ...d, J });
  const res = runExperiment(e, SEED, d.R);
  const th = { mle: asymptotics('mle', d.tau2, e), variational: asymptotics('variational', d.tau2, e) };
  const s = (k: EstimatorKind, p: 'mu' | 'tau2') => summarize(res[k][p], p === 'mu' ? e.mu : e.tau2, p === 'mu' ? e.mu : th[k].tau2Limit);
  return { mleMu: s('mle', 'mu'), mleTau2: s('mle', 'tau2'), vemMu: s('variational', 'mu'), vemTau2: s('variational', 'tau2') };
}

let cached: ReturnType<typeof compute> | undefined;

function compute() {
  const d = defaults();
  const at = (J: number, c = d.c) => experimentOf({ ...d, J, c });
  const limit = (J: number, c = d.c) => asymptotics('variational', d.tau2, at(J, c)).tau2Limit;
  const e1 = at(1);
  const vem1 = asymptotics('variational', d.tau2, e1);
  const mle1 = asymptotics('mle', d.tau2, e1);
  const sdOf = (v: number) => Math.sqrt(v / d.n);
  return {
    n: d.n,
    R: d.R,
    c: d.c,
    v0: d.c, // σ² = 1, J = 1
    limitM1: limit(1),
    limitM10: limit(10),
    limitM100: limit(100),
    expansionM10: limitExpansion(d.tau2, at(10)),
    expansionM100: limitExpansion(d.tau2, at(100)),
    limitM1C1: limit(1, 1),
    // asymptotic sds and SEs at n groups, J = 1
    vemTau2SandwichSd: sdOf(vem1.sandwichVar[1]),
    vemTau2NaiveSe: sdOf(vem1.naiveVar[1]),
    vemTau2CurvatureSe: sdOf(vem1.curvatureVar[1]),
    vemMuNaiveSe: sdOf(vem1.naiveVar[0]),
    vemMuCurvatureSe: sdOf(vem1.curvatureVar[0]),
    muSd: sdOf(vem1.sandwichVar[0]),
    mleTau2Sd: sdOf(mle1.sandwichVar[1]),
    // coverage the theory predicts for the naive intervals for μ (unbiased, sd ratio √(t/S))
    mleMuNaiveCoverageTheory: waldCoverage(0, 1, Math.sqrt(mle1.naiveVar[0] / mle1.sandwichVar[0])),
    vemMuNaiveCoverageTheory: waldCoverage(0, 1, Math.sqrt(vem1.naiveVar[0] / vem1.sandwichVar[0])),
    mc1: monteCarlo(1),
    mc100: monteCarlo(100),
  };
}

export function chapter9Numbers() {
  return (cached ??= compute());
}
