/**
 * Scores every sample set of src/core/diffusion/sampleSets.ts with the digit yardstick and writes
 * src/core/diffusion/yardstickNumbers.json (read by <Computed name="ch8-yard-…" />). Deterministic:
 * fixed seeds (YARDSTICK_SEEDS), fixed held-out digits, the shipped weights. Run after remaking the
 * VAE, latent, 14×14, 28×28 or classifier weights:
 *   npx tsx scripts/yardstickNumbers.ts
 *   npx tsx scripts/yardstickNumbers.ts --check-only   (keeps the rows, rewrites the `check` block)
 *   npx tsx scripts/yardstickNumbers.ts --rows gaussian,latent   (rewrites those rows and their `check` rows)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { drawSampleSet, SAMPLE_SETS, type SampleSetName } from '../src/core/diffusion/sampleSets';
import { CHECK_N, CHECK_SETS, YARDSTICK_N, YARDSTICK_SEEDS, type YardstickTable } from '../src/core/diffusion/yardstickNumbers';
import { loadYardstick, type YardstickScore } from '../src/core/metrics/yardstick';
import { pixelModelFacts, PIXEL_WEIGHTS_PATH } from '../src/core/diffusion/pixelDigits';
import { useBackend } from '../tests/support/tf';
import { nodeAssetLoader } from './lab/run';

const OUT = 'src/core/diffusion/yardstickNumbers.json';

async function main(): Promise<void> {
  await useBackend('wasm');
  const load = nodeAssetLoader(process.cwd());
  const yardstick = await loadYardstick(load);
  const rows = {} as Record<SampleSetName, YardstickScore>;
  const at = process.argv.indexOf('--rows');
  const redo = process.argv.includes('--check-only') ? [] : at >= 0 ? process.argv[at + 1].split(',') : [...SAMPLE_SETS];
  const previous = redo.length < SAMPLE_SETS.length ? (JSON.parse(readFileSync(OUT, 'utf8')) as YardstickTable) : null;
  for (const name of SAMPLE_SETS) {
    if (previous && !redo.includes(name)) {
      rows[name] = previous.rows[name];
      continue;
    }
    const t0 = performance.now();
    const x = await drawSampleSet(name, YARDSTICK_N, YARDSTICK_SEEDS[name], load);
    rows[name] = await yardstick.score(x, YARDSTICK_N);
    const r = rows[name];
    console.log(`${name.padEnd(14)} confident ${r.confident.toFixed(3)}  entropy ${r.labelEntropy.toFixed(3)}  Fréchet ${r.frechet.toFixed(2)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const check: YardstickTable['check'] = { n: CHECK_N, rows: {} };
  for (const name of CHECK_SETS) {
    const kept = at >= 0 && previous && !redo.includes(name) ? previous.check.rows[name] : undefined;
    check.rows[name] = kept ?? (await yardstick.score(await drawSampleSet(name, CHECK_N, YARDSTICK_SEEDS[name], load), CHECK_N));
  }
  yardstick.dispose();
  const table: YardstickTable = { n: YARDSTICK_N, seeds: YARDSTICK_SEEDS, rows, check, pixel28Model: pixelModelFacts(await load(PIXEL_WEIGHTS_PATH)) };
  writeFileSync(OUT, JSON.stringify(table, null, 2) + '\n');
  console.log(`wrote ${OUT}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
