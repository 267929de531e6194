/**
 * LDA on the State of the Union corpus (chapter 10), K = 10: documents per second and time per
 * minibatch step for batch variational EM, online EM and SVI in Node (B = 256, same documents),
 * SVI streamed from a simulated file on disk (`npm run lab -- lda --corpus`), and the lda-topics
 * widget's own docs/s in headless Chromium (all runs of its race together, worker messaging and
 * held-out scoring included).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { advanceRun, raceRuns, startRun } from '../../src/core/lda/race';
import { simulateTextLines } from '../../src/core/lda/simulate';
import { decodeSotu, SOTU_ASSET_PATH } from '../../src/core/lda/sotu';
import { fitStream } from '../../src/core/lda/stream';
import { fileLines } from '../lab/ldaStream';
import { errorCell } from './browserJobs';
import type { BenchContext, BenchEntry, BenchResult } from './types';

const K = 10;
const STEPS = 12;
const BATCH = 256;

/** Node: per-step ms and docs/s of each algorithm over STEPS minibatches of BATCH documents. */
export async function measureLdaNode(root: string, steps = STEPS): Promise<BenchResult> {
  const buf = readFileSync(path.join(root, 'public', SOTU_ASSET_PATH));
  const c = await decodeSotu(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  const out: BenchResult = {};
  for (const spec of raceRuns('algorithms', { batch: BATCH, kappa: 0.7, tau0: 64 })) {
    const r = startRun(spec, c.train, { k: K, alpha0: 0.5, seed: 1 });
    advanceRun(r, c.train, BATCH, 1); // warm-up (JIT)
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) advanceRun(r, c.train, BATCH, 1);
    const ms = (performance.now() - t0) / steps;
    const key = spec.kind === 'batch' ? 'batch_em' : spec.kind === 'em' ? 'online_em' : 'svi';
    out[`${key}_ms_per_${BATCH}_docs`] = ms;
    out[`${key}_docs_per_s`] = (1000 * BATCH) / ms;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'lda-bench-'));
  try {
    const file = path.join(dir, 'corpus.txt');
    const docs = steps * BATCH * 2;
    writeFileSync(file, [...simulateTextLines({ k: K, v: c.vocabulary.length, docs, length: 26, alpha: 0.2, eta: 0.05, seed: 5 }, c.vocabulary)].join('\n') + '\n');
    const fit = await fitStream(fileLines(file), c.vocabulary, { mode: 'vb', k: K, kappa: 0.7, tau0: 64, batch: BATCH, passes: 1, alpha0: 0.5, learnAlpha: true, seed: 1, holdout: 0, shuffle: 1024, docs });
    out.svi_streamed_docs_per_s = fit.passes[0].docsPerSecond;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** Browser: the lda-topics widget's docs/s after `seconds` of play at full speed. */
async function measureLdaTab(ctx: BenchContext, seconds = 15): Promise<BenchResult> {
  const page = await ctx.newPage();
  await page.goto(`${ctx.baseURL}/topic-models/`);
  const w = page.locator('.widget-slot[data-widget-kind="lda-topics"] [data-widget]').first();
  await w.waitFor({ timeout: 60_000 });
  await w.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => el?.getAttribute('data-backend'), await w.elementHandle(), { timeout: 120_000 });
  await w.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(seconds * 1000);
  const metrics = JSON.parse((await w.getAttribute('data-metrics')) ?? '{}') as Record<string, number>;
  await w.getByRole('button', { name: 'Pause', exact: true }).click();
  return { tab_docs_per_s_all_runs: metrics.docsPerSecond ?? NaN, tab_runs: 3, tab_docs_seen_per_run: metrics.seen ?? NaN };
}

export const ldaBench: BenchEntry = {
  name: 'lda',
  async run(ctx) {
    const node = await measureLdaNode(ctx.root);
    let tab: BenchResult;
    try {
      tab = await measureLdaTab(ctx);
    } catch (err) {
      tab = { tab_docs_per_s_all_runs: errorCell(err) };
    }
    return { ...node, ...tab };
  },
};
