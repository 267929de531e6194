/**
 * Runs chapter 11's experiments (src/core/bnn/chapterExperiments.ts) and writes
 * src/core/bnn/chapterNumbers.json, read by <Computed name="ch11-…" />. Deterministic (fixed
 * seeds, float64 twin). Takes a few minutes on a busy two-core machine:
 *   npx tsx scripts/bnnNumbers.ts [--steps 20000]
 */
import { writeFileSync } from 'node:fs';
import { chapterConfig, linearExperiment, networkExperiment, numbersCheck } from '../src/core/bnn/chapterExperiments';
import { bnnParams } from '../src/core/bnn/demo';

const OUT = 'src/core/bnn/chapterNumbers.json';
const i = process.argv.indexOf('--steps');
const steps = i > 0 ? Number(process.argv[i + 1]) : bnnParams.steps.default;

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
const out = { steps, linear, fixed, estimated, wide, check: numbersCheck() };
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
