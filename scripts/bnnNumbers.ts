/**
 * Runs chapter 11's experiments (src/core/bnn/chapterExperiments.ts) and writes
 * src/core/bnn/chapterNumbers.json, read by <Computed name="ch11-…" />. Deterministic (fixed
 * seeds, float64 twin). Takes a few minutes on a busy two-core machine:
 *   npx tsx scripts/bnnNumbers.ts [--steps 20000]
 *   npx tsx scripts/bnnNumbers.ts --seeds-only   (reruns only the `seeds` block: the default fit at seeds 2 and 3)
 *   npx tsx scripts/bnnNumbers.ts --linearized-only   (reruns only the `linearized` block: the full-covariance family)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chapterConfig, linearExperiment, linearFullExperiment, networkExperiment, numbersCheck, seedSummary } from '../src/core/bnn/chapterExperiments';
import { bnnParams } from '../src/core/bnn/demo';

const OUT = 'src/core/bnn/chapterNumbers.json';
const i = process.argv.indexOf('--steps');
const steps = i > 0 ? Number(process.argv[i + 1]) : bnnParams.steps.default;

/** The default fit at other seeds (new data, initial values and noise draws): how much the gap ratios move. */
function seedsBlock(steps: number) {
  return [2, 3].map((seed) => {
    const e = networkExperiment(chapterConfig(), steps, seed);
    return { seed, widthRatio: e.widthRatio, functionSdRatio: e.functionSdRatio, coverageGapVi: e.coverageGapVi, coverageGapMle: e.coverageGapMle };
  });
}

/**
 * The linearized full-covariance family, s estimated (the type-II ML fit) and fixed at 1, each at
 * seeds 1–3, and the exact check on the linear model.
 */
function linearizedBlock(steps: number) {
  const fits = (prior: 'estimate' | 'fixed') =>
    [1, 2, 3].map((seed) => {
      const e = networkExperiment(chapterConfig({ family: 'linearized', prior }), steps, seed);
      console.log(`linearized, s ${prior}, seed ${seed}: width ratio ${e.widthRatio.toFixed(3)}`);
      return e;
    });
  const estimated = fits('estimate');
  const fixed = fits('fixed');
  return {
    estimated: estimated[0],
    fixed: fixed[0],
    // with s estimated, each seed's ŝ_l, ELBO and KL too: the chapter reports how far a collapsed seed's ŝ_l fall. (Not the
    // active-unit count: under a full-covariance q an output weight's marginal sd is large along directions the data leave
    // free even when the function is pinned, so |m| > sd does not say whether a unit is used.)
    seeds: estimated.map((e, k) => ({ ...seedSummary(e, k + 1), priorSds: e.priorSds, elbo: e.elbo, kl: e.kl })),
    fixedSeeds: fixed.map((e, k) => seedSummary(e, k + 1)),
    linear: linearFullExperiment(4000),
  };
}

if (process.argv.includes('--linearized-only')) {
  const stored = JSON.parse(readFileSync(OUT, 'utf8')) as { steps: number };
  const out = { ...stored, linearized: linearizedBlock(stored.steps) };
  writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out.linearized, null, 2));
  process.exit(0);
}

if (process.argv.includes('--seeds-only')) {
  const stored = JSON.parse(readFileSync(OUT, 'utf8')) as { steps: number };
  const out = { ...stored, seeds: seedsBlock(stored.steps) };
  writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out.seeds, null, 2));
  process.exit(0);
}

const t0 = Date.now();
const log = (what: string) => console.log(`${what} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
const linear = linearExperiment(4000);
log('linear');
const fixed = networkExperiment(chapterConfig(), steps);
log('s fixed');
const estimated = networkExperiment(chapterConfig({ prior: 'estimate' }), steps);
log('s estimated');
const wide = networkExperiment(chapterConfig({ hidden: 50 }), steps);
log('50 units, s fixed');
const seeds = seedsBlock(steps);
log('seeds 2 and 3');
const linearized = linearizedBlock(steps);
log('linearized family, seeds 1–3');
const out = { steps, linear, fixed, estimated, wide, seeds, linearized, check: numbersCheck() };
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
