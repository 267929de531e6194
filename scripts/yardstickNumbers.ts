/**
 * Scores every sample set of src/core/diffusion/sampleSets.ts with the digit yardstick and writes
 * src/core/diffusion/yardstickNumbers.json (read by <Computed name="ch8-yard-…" />). Deterministic:
 * fixed seeds (YARDSTICK_SEEDS), fixed held-out digits, the shipped weights. Run after remaking the
 * VAE, latent, 14×14, 28×28 or classifier weights:
 *   npx tsx scripts/yardstickNumbers.ts
 *   npx tsx scripts/yardstickNumbers.ts --check-only   (keeps the rows, rewrites the `check` block)
 *   npx tsx scripts/yardstickNumbers.ts --rows gaussian,latent   (rewrites those rows and their `check` rows)
 * Every row it scores gets its three standard errors (`se`; the Fréchet distance's bootstrapped with
 * FRECHET_BOOTSTRAP, about a minute a row); a re-scored row's change from the stored one is printed.
 * The U-Net's rows (TORCH_SETS) evaluate ε_θ with the network's PyTorch twin (scripts/lab/torchUnet.ts;
 * needs python3-torch): about 20 minutes for both on this 2-core machine, against hours in tfjs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { drawSampleSet, SAMPLE_SETS, type SampleSetName } from '../src/core/diffusion/sampleSets';
import { CHECK_N, CHECK_SETS, TORCH_SETS, UNET_CHECK_CHAINS, YARDSTICK_N, YARDSTICK_SEEDS, type ChainCheck, type YardstickRow, type YardstickTable } from '../src/core/diffusion/yardstickNumbers';
import { loadYardstick, type Yardstick } from '../src/core/metrics/yardstick';
import { FRECHET_BOOTSTRAP } from '../src/core/metrics/yardstickErrors';
import { argmax } from '../src/core/metrics/digitClassifier';
import { unetModelFacts, UNET_WEIGHTS_PATH } from '../src/core/diffusion/unetWeights';
import { torchUnetPredictor } from './lab/torchUnet';
import { pixelModelFacts, PIXEL_WEIGHTS_PATH } from '../src/core/diffusion/pixelDigits';
import { useBackend } from '../tests/support/tf';
import { nodeAssetLoader } from './lab/run';

const OUT = 'src/core/diffusion/yardstickNumbers.json';
const METRICS = ['confident', 'labelEntropy', 'frechet'] as const;

async function main(): Promise<void> {
  await useBackend('wasm');
  const load = nodeAssetLoader(process.cwd());
  const yardstick = await loadYardstick(load);
  const rows = {} as Record<SampleSetName, YardstickRow>;
  const unetCheck: YardstickTable['unetCheck'] = { chains: UNET_CHECK_CHAINS, rows: {} };
  const at = process.argv.indexOf('--rows');
  const redo = process.argv.includes('--check-only') ? [] : at >= 0 ? process.argv[at + 1].split(',') : [...SAMPLE_SETS];
  const previous = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as YardstickTable) : null;
  for (const name of SAMPLE_SETS) {
    if (previous && !redo.includes(name)) {
      rows[name] = previous.rows[name];
      if (previous.unetCheck?.rows[name]) unetCheck.rows[name] = previous.unetCheck.rows[name];
      continue;
    }
    const t0 = performance.now();
    const torch = TORCH_SETS.includes(name) ? () => torchUnetPredictor(process.cwd(), `public/${UNET_WEIGHTS_PATH}`) : undefined;
    const x = await drawSampleSet(name, YARDSTICK_N, YARDSTICK_SEEDS[name], load, torch);
    const r = await yardstick.scoreWithErrors(x, YARDSTICK_N);
    rows[name] = r;
    if (torch) unetCheck.rows[name] = await chainCheck(yardstick, x, UNET_CHECK_CHAINS);
    const { se } = r;
    console.log(
      `${name.padEnd(14)} confident ${r.confident.toFixed(3)} ± ${se.confident.toFixed(4)}  entropy ${r.labelEntropy.toFixed(3)} ± ${se.labelEntropy.toFixed(4)}  ` +
        `Fréchet ${r.frechet.toFixed(2)} ± ${se.frechet.toFixed(2)}  (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    const was = previous?.rows[name];
    if (was) console.log(`${''.padEnd(14)} change from the stored row: ${METRICS.map((m) => `${m} ${(r[m] - was[m]).toExponential(2)}`).join('  ')}`);
  }
  const check: YardstickTable['check'] = { n: CHECK_N, rows: {} };
  for (const name of CHECK_SETS) {
    const kept = at >= 0 && previous && !redo.includes(name) ? previous.check.rows[name] : undefined;
    check.rows[name] = kept ?? (await yardstick.score(await drawSampleSet(name, CHECK_N, YARDSTICK_SEEDS[name], load), CHECK_N));
  }
  yardstick.dispose();
  const table: YardstickTable = {
    n: YARDSTICK_N,
    seeds: YARDSTICK_SEEDS,
    rows,
    bootstrap: FRECHET_BOOTSTRAP,
    check,
    pixel28Model: pixelModelFacts(await load(PIXEL_WEIGHTS_PATH)),
    unetCheck,
    unetModel: unetModelFacts(await load(UNET_WEIGHTS_PATH)),
  };
  writeFileSync(OUT, JSON.stringify(table, null, 2) + '\n');
  console.log(`wrote ${OUT}`);
}

/** The classifier's labels and the mean intensities of the first k samples. */
async function chainCheck(yardstick: Yardstick, x: Float32Array, k: number): Promise<ChainCheck> {
  const first = x.subarray(0, k * 784);
  const { probs } = await yardstick.classifier.classify(first, k);
  const labels = Array.from({ length: k }, (_, i) => argmax(probs, i));
  const means = Array.from({ length: k }, (_, i) => first.subarray(i * 784, (i + 1) * 784).reduce((a, v) => a + v, 0) / 784);
  return { labels, means };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
