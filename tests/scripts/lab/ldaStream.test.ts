/**
 * `npm run lab -- lda --corpus FILE` on a simulated 100,000-document file: the process's memory
 * stays flat while the documents stream by, and the detector that says so does fire on a
 * deliberate leak of 4 KB per minibatch (16 bytes per document).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { growth, slope, type MemorySample } from '../../../scripts/lab/memory';
import { parseLdaStreamArgs } from '../../../scripts/lab/ldaStream';
import { simulateTextLines } from '../../../src/core/lda/simulate';
import { decodeSotuVocabulary, SOTU_ASSET_PATH } from '../../../src/core/lda/sotu';

const DOCS = 100_000;
const BATCH = 256;
const LEAK_BYTES = 4096;
/** flat = the fitted growth of heap + ArrayBuffers over the whole run is below this */
const FLAT_BYTES = 512 * 1024;

const dir = mkdtempSync(path.join(tmpdir(), 'lda-stream-'));
const file = path.join(dir, 'corpus.txt');

interface ChildResult {
  memory: MemorySample[];
  passes: { docsPerSecond: number; seen: number; heldOut: number }[];
  trainDocs: number;
  alpha: number[];
  retained: number;
}

function runChild(leak: number): ChildResult {
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/support/ldaStreamMemory.ts', file, String(leak)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as ChildResult;
}

const live = (m: MemorySample) => m.heapUsed + m.arrayBuffers;

describe('npm run lab -- lda --corpus FILE streams a corpus larger than its memory', () => {
  beforeAll(async () => {
    const buf = await readFile(path.join('public', SOTU_ASSET_PATH));
    const words = await decodeSotuVocabulary(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
    const fd = openSync(file, 'w');
    let chunk: string[] = [];
    for (const line of simulateTextLines({ k: 5, v: 2000, docs: DOCS, length: 40, alpha: 0.2, eta: 0.05, seed: 3 }, words)) {
      chunk.push(line);
      if (chunk.length === 5000) {
        writeSync(fd, chunk.join('\n') + '\n');
        chunk = [];
      }
    }
    if (chunk.length) writeSync(fd, chunk.join('\n') + '\n');
    closeSync(fd);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('100,000 documents: heap + ArrayBuffers after GC flat (fitted growth under 512 KB over the run), RSS flat within 8 MB; a 4 KB-per-minibatch leak is detected and sized', () => {
    const clean = runChild(0);
    const leaky = runChild(LEAK_BYTES);
    const fileBytes = statSync(file).size;
    const g = growth(clean.memory, live);
    const rss = growth(clean.memory, (m) => m.rss);
    const gl = growth(leaky.memory, live);
    const span = clean.memory[clean.memory.length - 1].docs - clean.memory[2].docs;
    const expectedLeak = (LEAK_BYTES * span) / BATCH;
    console.log(
      `streamed ${clean.trainDocs} documents (${(fileBytes / 1e6).toFixed(1)} MB) at ${clean.passes[0].docsPerSecond.toFixed(0)} docs/s; ` +
        `heap+buffers ${(live(clean.memory[0]) / 1e6).toFixed(2)} MB, growth ${(g.overRun / 1024).toFixed(1)} KB; RSS growth ${(rss.overRun / 1e6).toFixed(2)} MB; ` +
        `leaky run growth ${(gl.overRun / 1e6).toFixed(2)} MB (leak put in ${(expectedLeak / 1e6).toFixed(2)} MB)`,
    );
    expect(clean.trainDocs).toBe(DOCS - 500);
    expect(clean.memory.length).toBeGreaterThanOrEqual(20);
    // the corpus is not held: what lives after GC is a fraction of the file
    expect(live(clean.memory[clean.memory.length - 1])).toBeLessThan(fileBytes / 2);
    expect(Math.abs(g.overRun)).toBeLessThan(FLAT_BYTES);
    expect(Math.abs(rss.overRun)).toBeLessThan(8e6);
    // the detector: the same run with a leak of 16 bytes per document is flagged and its size recovered
    expect(leaky.retained).toBeGreaterThan(0);
    expect(gl.overRun).toBeGreaterThan(FLAT_BYTES);
    expect(gl.overRun / expectedLeak).toBeGreaterThan(0.7);
    expect(gl.overRun / expectedLeak).toBeLessThan(1.5);
    // and the fit itself: the simulated α = 0.2 is recovered to within 0.05
    for (const a of clean.alpha) expect(Math.abs(a - 0.2)).toBeLessThan(0.05);
  }, 300_000);
});

describe('memory slope', () => {
  it('is the least-squares slope', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 12);
    expect(slope([0, 1, 2, 3], [5, 5, 5, 5])).toBe(0);
    const s = [0, 1, 2, 3, 4, 5].map((i) => ({ docs: 1000 * i, heapUsed: 100 + 7 * i, arrayBuffers: 0, rss: 0 }));
    expect(growth(s, (m) => m.heapUsed, 2).overRun).toBeCloseTo(21, 9);
    expect(growth(s, (m) => m.heapUsed, 2).perThousandDocs).toBeCloseTo(7, 9);
  });
});

describe('parseLdaStreamArgs', () => {
  it('needs --corpus, maps kebab names, clamps bad values with a notice', () => {
    expect(() => parseLdaStreamArgs(['--k', '5'])).toThrow(/--corpus FILE/);
    const { opts, notices, json } = parseLdaStreamArgs(['--corpus', 'x.txt', '--kappa', '0.3', '--vocab-size', '500', '--json']);
    expect(opts.corpus).toBe('x.txt');
    expect(opts.vocabSize).toBe(500);
    expect(opts.kappa).toBe(0.51);
    expect(json).toBe(true);
    expect(notices.join()).toMatch(/kappa/);
  });
});
