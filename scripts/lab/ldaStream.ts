/**
 * `npm run lab -- lda --corpus FILE [--vocab sotu|build] [--k 10] [--mode vb|em] [--kappa 0.7]
 *   [--tau0 64] [--batch 256] [--passes 1] [--holdout 1000] [--shuffle 4096] [--seed 1] [--json]
 *   [--memory-every N]`
 *
 * Fits LDA to a text file with one document per line, streamed from disk in minibatches
 * (src/core/lda/stream.ts): memory does not grow with the number of documents, so the file may
 * be larger than memory. Tokens: src/core/lda/tokenize.ts. Vocabulary:
 * - `sotu` (default): the shipped State of the Union vocabulary (2,000 words, stop words and the
 *   corpus's most common words already left out); other words are dropped. One pass per epoch.
 * - `build`: a first pass over the file counts document frequencies and keeps the `--vocab-size`
 *   most frequent words found in at least `--min-df` documents and at most `--max-df` of them,
 *   minus the `stopword` package's English list (the rules of scripts/buildCorpus.ts). That pass
 *   holds one count per distinct word.
 * SVI (`--mode vb`) needs the number of documents D: counted by an extra pass when not built.
 * The first `--holdout` documents are held out and scored by document completion after each pass.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseParams, type ParamTable, type ParamValues } from '../../src/core/params';
import { onlineBeta, type OnlineMode } from '../../src/core/lda/online';
import { decodeSotuVocabulary, SOTU_ASSET_PATH } from '../../src/core/lda/sotu';
import { buildVocabulary, fitStream, type StreamFitHooks, type StreamFitResult } from '../../src/core/lda/stream';
import { topWordIds } from '../../src/core/lda/topics';
import { growth, sampleMemory, type MemorySample } from './memory';

export const ldaStreamParams = {
  vocab: { kind: 'select', label: 'Vocabulary', options: ['sotu', 'build'], default: 'sotu' },
  vocabSize: { kind: 'int', label: 'Vocabulary size (build)', min: 10, max: 100_000, default: 2000 },
  minDf: { kind: 'int', label: 'Minimum document frequency (build)', min: 1, max: 1_000_000, default: 10 },
  maxDf: { kind: 'number', label: 'Maximum document fraction (build)', min: 0.001, max: 1, default: 0.1 },
  k: { kind: 'int', label: 'Topics K', min: 2, max: 200, default: 10 },
  mode: { kind: 'select', label: 'Algorithm', options: ['vb', 'em'], optionLabels: { vb: 'SVI (online VB)', em: 'online EM' }, default: 'vb' },
  kappa: { kind: 'number', label: 'Forgetting rate κ', min: 0.51, max: 1, default: 0.7 },
  tau0: { kind: 'number', label: 'Delay τ₀', min: 1, max: 10_000, default: 64 },
  batch: { kind: 'int', label: 'Minibatch size B', min: 1, max: 100_000, default: 256 },
  passes: { kind: 'int', label: 'Passes over the file', min: 1, max: 1000, default: 1 },
  alpha: { kind: 'number', label: 'Starting α', min: 0.001, max: 10, default: 0.5 },
  holdout: { kind: 'int', label: 'Held-out documents (the first lines)', min: 0, max: 1_000_000, default: 1000 },
  shuffle: { kind: 'int', label: 'Shuffle buffer (documents)', min: 0, max: 10_000_000, default: 4096 },
  top: { kind: 'int', label: 'Top words printed per topic', min: 1, max: 50, default: 8 },
  memoryEvery: { kind: 'int', label: 'Sample memory every N minibatches (0 = never)', min: 0, max: 1_000_000, default: 0 },
} satisfies ParamTable;

export type LdaStreamOptions = ParamValues<typeof ldaStreamParams> & { corpus: string; seed: number };

/** The file's lines, trimmed, empty lines skipped; reopened by every call. */
export function fileLines(file: string): () => AsyncIterable<string> {
  return async function* () {
    const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of rl) {
      const t = line.trim();
      if (t.length > 0) yield t;
    }
  };
}

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export interface CorpusFileFit extends StreamFitResult {
  vocabulary: string[];
  memory: MemorySample[];
  seconds: number;
}

/** Vocabulary, then the streamed fit; samples memory every `memoryEvery` minibatches. */
export async function fitCorpusFile(o: LdaStreamOptions, hooks: StreamFitHooks = {}): Promise<CorpusFileFit> {
  await stat(o.corpus).catch(() => {
    throw new Error(`--corpus: cannot read "${o.corpus}"`);
  });
  const lines = fileLines(o.corpus);
  let vocabulary: string[];
  if (o.vocab === 'sotu') {
    const buf = await readFile(path.join(root, 'public', SOTU_ASSET_PATH));
    vocabulary = await decodeSotuVocabulary(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  } else {
    const stopWords = new Set<string>((require('stopword') as { eng: string[] }).eng);
    const built = await buildVocabulary(lines(), { size: o.vocabSize, minDf: o.minDf, maxDfFraction: o.maxDf, stopWords });
    vocabulary = built.vocabulary;
  }
  const memory: MemorySample[] = [];
  const t0 = performance.now();
  const result = await fitStream(
    lines,
    vocabulary,
    { mode: o.mode as OnlineMode, k: o.k, kappa: o.kappa, tau0: o.tau0, batch: o.batch, passes: o.passes, alpha0: o.alpha, learnAlpha: true, seed: o.seed, holdout: o.holdout, shuffle: o.shuffle },
    {
      onBatch(r, s) {
        if (o.memoryEvery > 0 && r.t % o.memoryEvery === 0) memory.push(sampleMemory(r.seen));
        hooks.onBatch?.(r, s);
      },
      onPass: hooks.onPass,
    },
  );
  return { ...result, vocabulary, memory, seconds: (performance.now() - t0) / 1000 };
}

/** Splits argv into --corpus, --seed, --json and the validated table values (clamped with notices). */
export function parseLdaStreamArgs(argv: readonly string[]): { opts: LdaStreamOptions; json: boolean; notices: string[] } {
  const raw: Record<string, string> = {};
  let corpus = '';
  let seed = 1;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const name = a.slice(2).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (name === 'json') {
      json = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`--${a.slice(2)} needs a value`);
    if (name === 'corpus') corpus = value;
    else if (name === 'seed') seed = Number(value);
    else raw[name] = value;
  }
  if (!corpus) throw new Error('usage: npm run lab -- lda --corpus FILE (one document per line) [--vocab sotu|build] [--k 10] [--mode vb|em] [--kappa 0.7] [--tau0 64] [--batch 256] [--passes 1] [--holdout 1000] [--shuffle 4096] [--json]');
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed needs a non-negative integer, not "${seed}"`);
  const { values, notices } = parseParams(ldaStreamParams, raw);
  return { opts: { ...values, corpus, seed }, json, notices: notices.map((n) => `--${n.name}: ${n.reason}`) };
}

export async function runLdaStream(argv: readonly string[]): Promise<void> {
  const { opts, json, notices } = parseLdaStreamArgs(argv);
  for (const n of notices) console.error(`notice: ${n}`);
  const fit = await fitCorpusFile(opts, {
    onPass: json ? undefined : (r) => console.log(`pass ${r.pass + 1}: ${r.seen} documents seen, ${r.docsPerSecond.toFixed(0)} docs/s, held-out log predictive ${r.heldOut.toFixed(4)} nats/word`),
  });
  const { state } = fit;
  const beta = onlineBeta(state);
  const topics = topWordIds(beta, opts.k, fit.vocabulary.length, opts.top).map((ids) => ids.map((w) => fit.vocabulary[w]));
  const heapGrowth = fit.memory.length > 3 ? growth(fit.memory, (m) => m.heapUsed + m.arrayBuffers) : null;
  const out = {
    corpus: opts.corpus,
    settings: opts,
    vocabulary: fit.vocabulary.length,
    trainDocs: fit.trainDocs,
    heldOutDocs: fit.heldOutDocs,
    skippedLines: fit.skipped,
    passes: fit.passes,
    seconds: fit.seconds,
    alpha: Array.from(state.alpha),
    topics,
    memory: fit.memory,
    heapGrowthPerThousandDocs: heapGrowth?.perThousandDocs ?? null,
  };
  if (json) {
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  console.log(`\n${opts.mode === 'vb' ? 'SVI (online VB)' : 'online EM'}, K = ${opts.k}, V = ${out.vocabulary}, ${out.trainDocs} training documents, ${out.heldOutDocs} held out, ${out.skippedLines} lines without a vocabulary word`);
  console.log(`α̂ = ${out.alpha.map((a) => a.toFixed(3)).join(' ')}`);
  topics.forEach((t, j) => console.log(`topic ${String(j + 1).padStart(2)}: ${t.join(' ')}`));
  if (heapGrowth) console.log(`memory: heap + array buffers after GC grew ${(heapGrowth.perThousandDocs / 1024).toFixed(1)} KB per 1,000 documents (least squares over ${fit.memory.length} samples)`);
}
