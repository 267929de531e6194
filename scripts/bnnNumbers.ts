/**
 * Runs chapter 11's experiments (src/core/bnn/chapterExperiments.ts) and writes
 * src/core/bnn/chapterNumbers.json, read by <Computed name="ch11-…" />. Deterministic (fixed
 * seeds, float64 twin). Takes a few minutes on a busy two-core machine:
 *   npx tsx scripts/bnnNumbers.ts [--steps 20000]
 *   npx tsx scripts/bnnNumbers.ts --seeds-only   (reruns only the `seeds` block: the default fit at seeds 2 and 3)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chapterConfig, linearExperiment, networkExperiment, numbersCheck } from '../src/core/bnn/chapterExperiments';
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
const out = { steps, linear, fixed, estimated, wide, seeds, check: numbersCheck() };
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
