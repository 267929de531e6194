/**
 * Computes the numbers chapter 10 quotes and writes src/core/lda/chapterNumbers.json (read by
 * <Computed name="ch10-…" />): the race on the State of the Union corpus (batch EM, online EM,
 * SVI; K = 10, B = 256, κ = 0.7, τ₀ = 64, held-out log predictive per word after each pass),
 * batch EM run on to convergence, SVI after one pass at several κ, τ₀ and B, the rates in
 * documents per second (in memory and streamed from a file), and the bias of α̂ on simulated
 * corpora. Deterministic apart from the timings. Takes tens of minutes on the shared machine, so
 * it runs in four parts side by side, then merges them:
 *   for p in race batch grid rest; do nice -n 10 npx tsx scripts/ldaNumbers.ts $p & done; wait
 *   npx tsx scripts/ldaNumbers.ts merge
 * (`npx tsx scripts/ldaNumbers.ts` alone runs everything in one process.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { ALPHA_STUDY, alphaBias, chapterSplit, meanLength, raceCurve } from '../src/core/lda/numbersRun';
import { RACE_BATCHES, RACE_KAPPAS, RACE_TAU0S, raceRuns } from '../src/core/lda/race';
import { LDA_ALPHA0 } from '../src/core/lda/raceDemo';
import { simulateTextLines } from '../src/core/lda/simulate';
import { decodeSotu, SOTU_ASSET_PATH, SOTU_SPLIT_SEED } from '../src/core/lda/sotu';
import { fitStream } from '../src/core/lda/stream';
import { fileLines } from './lab/ldaStream';

const OUT = 'src/core/lda/chapterNumbers.json';
const K = 10;
const SEED = 1;
const BASE = { batch: 256, kappa: 0.7, tau0: 64 };
const RACE_PASSES = 3;
const BATCH_PASSES = 12;

type Part = 'race' | 'batch' | 'grid' | 'rest';

/** Runs one part (or all) and writes its JSON; `merge` combines the parts into OUT. */
async function main(): Promise<void> {
  const part = (process.argv[2] ?? 'all') as Part | 'all' | 'merge';
  if (part === 'merge') return merge();
  const t0 = Date.now();
  const buf = readFileSync(path.join('public', SOTU_ASSET_PATH));
  const c = await decodeSotu(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  const split = chapterSplit(c.test, SOTU_SPLIT_SEED);
  const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0)} s] ${s}`);

  const [batchSpec, emSpec, vbSpec] = raceRuns('algorithms', BASE);
  const want = (p: Part) => part === 'all' || part === p;
  const out: Record<string, unknown> = {};
  if (want('race')) {
    const em = raceCurve(emSpec, c.train, split, K, RACE_PASSES, SEED, LDA_ALPHA0);
    log(`online EM ${em.heldOut.map((x) => x.toFixed(4))} ${em.docsPerSecond.toFixed(0)} docs/s`);
    const vb = raceCurve(vbSpec, c.train, split, K, RACE_PASSES, SEED, LDA_ALPHA0);
    log(`SVI ${vb.heldOut.map((x) => x.toFixed(4))} ${vb.docsPerSecond.toFixed(0)} docs/s`);
    const words = (ids: number[][]) => ids.map((t) => t.map((w) => c.vocabulary[w]));
    Object.assign(out, { onlineEm: em, svi: { ...vb, topics: words(vb.topWords) } });
  }
  if (want('batch')) {
    const batch = raceCurve(batchSpec, c.train, split, K, BATCH_PASSES, SEED, LDA_ALPHA0);
    log(`batch ${batch.heldOut.map((x) => x.toFixed(4)).join(' ')} ${batch.docsPerSecond.toFixed(0)} docs/s`);
    out.batchEm = batch;
  }
  if (want('grid')) {
    const grid: Record<string, number> = {};
    for (const kappa of RACE_KAPPAS) grid[`kappa${kappa}`] = raceCurve({ ...vbSpec, kappa }, c.train, split, K, 1, SEED, LDA_ALPHA0).heldOut[0];
    for (const tau0 of RACE_TAU0S) grid[`tau0${tau0}`] = raceCurve({ ...vbSpec, tau0 }, c.train, split, K, 1, SEED, LDA_ALPHA0).heldOut[0];
    for (const batchSize of RACE_BATCHES) grid[`batch${batchSize}`] = raceCurve({ ...vbSpec, batch: batchSize }, c.train, split, K, 1, SEED, LDA_ALPHA0).heldOut[0];
    log(`grid ${JSON.stringify(grid)}`);
    out.grid = grid;
  }
  if (want('rest')) {
    // streamed from a file: a simulated corpus over the same vocabulary with the corpus's mean length
    const length = Math.round(meanLength(c.train));
    const dir = mkdtempSync(path.join(tmpdir(), 'lda-numbers-'));
    const file = path.join(dir, 'corpus.txt');
    const streamDocs = 20_000;
    writeFileSync(file, [...simulateTextLines({ k: K, v: c.vocabulary.length, docs: streamDocs, length, alpha: 0.2, eta: 0.05, seed: 5 }, c.vocabulary)].join('\n') + '\n');
    const streamed = await fitStream(fileLines(file), c.vocabulary, { mode: 'vb', k: K, kappa: 0.7, tau0: 64, batch: 256, passes: 1, alpha0: LDA_ALPHA0, learnAlpha: true, seed: SEED, holdout: 0, shuffle: 4096, docs: streamDocs });
    rmSync(dir, { recursive: true, force: true });
    log(`streamed ${streamed.passes[0].docsPerSecond.toFixed(0)} docs/s`);

    const bias = alphaBias(ALPHA_STUDY.lengths, ALPHA_STUDY);
    log(`alpha bias ${JSON.stringify(bias)}`);
    Object.assign(out, {
      settings: { k: K, ...BASE, seed: SEED, alpha0: LDA_ALPHA0, racePasses: RACE_PASSES, batchPasses: BATCH_PASSES },
      corpus: { trainDocs: c.train.docs, testDocs: c.test.docs, heldOutDocs: split.observed.docs, vocab: c.vocabulary.length, meanLength: meanLength(c.train) },
      stream: { docs: streamDocs, length, docsPerSecond: streamed.passes[0].docsPerSecond },
      alphaStudy: { ...ALPHA_STUDY, rows: bias },
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, load: loadavg()[0] },
    });
  }
  const file = part === 'all' ? OUT : `${OUT}.${part}`;
  writeFileSync(file, JSON.stringify({ ...out, [`seconds_${part}`]: (Date.now() - t0) / 1000 }, null, 2) + '\n');
  log(`wrote ${file}`);
}

/** Combines the parts written by `race`, `batch`, `grid` and `rest` (run side by side) into OUT. */
function merge(): void {
  const parts = (['race', 'batch', 'grid', 'rest'] as const).map((p) => JSON.parse(readFileSync(`${OUT}.${p}`, 'utf8')) as Record<string, unknown>);
  const merged = Object.assign({}, ...parts) as { settings: { batchPasses: number }; batchEm: { heldOut: number[] } };
  merged.settings.batchPasses = merged.batchEm.heldOut.length; // the parts may have been started with different settings
  writeFileSync(OUT, JSON.stringify(merged, null, 2) + '\n');
  for (const p of ['race', 'batch', 'grid', 'rest']) rmSync(`${OUT}.${p}`);
}

void main();
