/**
 * Evaluates the shipped pretrained VAEs with the book's core code and writes the numbers that
 * chapter 7 quotes to src/core/vae/chapterNumbers.json (read by <Computed name="ch7-…" />).
 * Deterministic: fixed seeds, fixed test digits. Run after `npm run lab -- make-weights vae`:
 *   npx tsx scripts/vaeNumbers.ts [--gapDigits 100]
 *   npx tsx scripts/vaeNumbers.ts --check-only   (rewrites only the `check` block, in a minute)
 * The `check` block (scripts/vaeNumbersCheck.ts) is what tests/core/vae/chapterNumbers.test.ts
 * recomputes to catch weights and numbers drifting apart.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { useBackend } from '../tests/support/tf';
import { loadPretrained } from '../src/core/vae/loadPretrained';
import { disposeWeights } from '../src/core/vae/model';
import { IWAE_KS } from '../src/core/vae/iwaeDemo';
import { gapOfDigit, heldOutElbo, iwaeCurve, numbersCheck } from './vaeNumbersCheck';

const OUT = 'src/core/vae/chapterNumbers.json';

const loadAsset = async (path: string) => {
  const b = readFileSync(`public/${path}`);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
};

async function modelNumbers(name: 'default' | 'latent2') {
  const { weights, shape, data, meta } = await loadPretrained(loadAsset, name);
  const curve = await iwaeCurve(weights, shape, data.testImages);
  const history = (meta.history as { trainElbo: number; testElbo: number }[]) ?? [];
  const last = history[history.length - 1];
  return {
    weights,
    shape,
    data,
    out: {
      ...(await heldOutElbo(weights, shape, data.testImages)),
      iwae: curve,
      iwae500: curve[curve.length - 1],
      finalTrainElbo: last?.trainElbo ?? NaN,
      finalEpochTestElbo: last?.testElbo ?? NaN,
      msPerStepTraining: Number((meta.summary as { msPerStep?: number } | undefined)?.msPerStep ?? NaN),
    },
  };
}

async function main(): Promise<void> {
  await useBackend('wasm');
  if (process.argv.includes('--check-only')) {
    const current = JSON.parse(readFileSync(OUT, 'utf8')) as Record<string, unknown>;
    const check = await numbersCheck(loadAsset);
    writeFileSync(OUT, JSON.stringify({ ...current, check }, null, 2) + '\n');
    console.log(JSON.stringify(check));
    return;
  }
  const i = process.argv.indexOf('--gapDigits');
  const gapDigits = i >= 0 ? Number(process.argv[i + 1]) : 100;
  const def = await modelNumbers('default');
  disposeWeights(def.weights);
  console.log('default', JSON.stringify(def.out));
  const l2 = await modelNumbers('latent2');
  console.log('latent2', JSON.stringify(l2.out));
  let logPx = 0;
  let approx = 0;
  let amort = 0;
  let elboEnc = 0;
  for (let d = 0; d < gapDigits; d++) {
    const { g } = await gapOfDigit(l2.weights, l2.shape, l2.data.testImages, d);
    logPx += g.logPx / gapDigits;
    approx += g.approximationGap / gapDigits;
    amort += g.amortizationGap / gapDigits;
    elboEnc += g.elboAmortized / gapDigits;
    if ((d + 1) % 10 === 0) console.log(`gaps ${d + 1}/${gapDigits}: log p(x) ${logPx * (gapDigits / (d + 1))}`);
  }
  disposeWeights(l2.weights);
  const out = {
    iwaeKs: IWAE_KS,
    default: def.out,
    latent2: l2.out,
    gaps: { digits: gapDigits, logPx, elboAmortized: elboEnc, approximationGap: approx, amortizationGap: amort },
    check: await numbersCheck(loadAsset),
  };
  writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
  console.log(JSON.stringify(out.gaps));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
