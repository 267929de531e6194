/**
 * Demo 'lda-race' (chapter 10): batch variational EM, online EM and SVI fitted to the State of
 * the Union passages (sotu.ts), or SVI at several κ, τ₀ or minibatch sizes against batch EM.
 * Each step gives every run the same number of documents; every `evalEvery` documents each run's
 * (β̂, α̂) is scored by document completion on the first `evalDocs` held-out passages.
 * Metrics: each run's latest held-out log predictive per word (heldOut0…), the documents each
 * run has seen, documents per second over all runs, each run's cumulative training ms.
 * Snapshot: the score traces, each run's topics as words, α̂, and the topic proportions θ̂ of
 * the held-out passage `doc` (a live setting: clicking a passage changes it without a restart).
 */
import { defineDemo, type Plain } from '../demo';
import type { ParamTable } from '../params';
import { completionSplit, type CompletionSplit } from './corpus';
import { heldOutLogPredictive, topicProportions } from './heldout';
import { advanceRun, raceRuns, runEstimate, runSeen, startRun, type RaceKind, type Run } from './race';
import { restoreRun, runCheckpoint } from './raceCheckpoint';
import { decodeSotu, SOTU_ASSET_PATH, SOTU_SPLIT_SEED, type SotuCorpus } from './sotu';
import { topWordIds } from './topics';

export const ldaRaceParams = {
  race: {
    kind: 'select',
    label: 'Race',
    options: ['algorithms', 'kappa', 'tau0', 'batch'],
    optionLabels: { algorithms: 'batch EM vs online EM vs SVI', kappa: 'SVI at κ = 0.55, 0.75, 1', tau0: 'SVI at τ₀ = 1, 64, 1024', batch: 'SVI at B = 16, 64, 256' },
    default: 'algorithms',
  },
  k: { kind: 'int', label: 'Topics K', min: 2, max: 30, default: 10 },
  batch: { kind: 'int', label: 'Minibatch size B', min: 4, max: 1024, default: 256 },
  kappa: { kind: 'number', label: 'Forgetting rate κ', min: 0.51, max: 1, step: 0.01, default: 0.7 },
  tau0: { kind: 'number', label: 'Delay τ₀', min: 1, max: 1024, step: 1, default: 64 },
  passes: { kind: 'int', label: 'Passes over the corpus', min: 1, max: 50, default: 3 },
  evalDocs: { kind: 'int', label: 'Held-out passages scored', min: 50, max: 1495, default: 400 },
  evalEvery: { kind: 'int', label: 'Score every … documents', min: 256, max: 16384, step: 256, default: 2048 },
  doc: { kind: 'int', label: 'Held-out passage shown', min: 0, max: 1494, default: 0 },
} satisfies ParamTable;

export const LDA_ALPHA0 = 0.5;
/** passages offered for clicking: evenly spaced through the held-out set (it is in address order) */
export const DOC_CHOICES = 8;
const TOP_WORDS = 8;

let corpusPromise: Promise<SotuCorpus> | null = null;
/** The corpus is decoded once per worker (a reset reuses it). */
export function loadSotu(loadAsset: (p: string) => Promise<ArrayBuffer>): Promise<SotuCorpus> {
  corpusPromise ??= loadAsset(SOTU_ASSET_PATH).then(decodeSotu);
  corpusPromise.catch(() => (corpusPromise = null));
  return corpusPromise;
}

export interface LdaRaceSnapshot extends Record<string, Plain> {
  labels: string[];
  /** documents seen by every run at each evaluation [P] */
  traceDocs: Float64Array;
  /** held-out log predictive per word, [runs][P] */
  traceHeldOut: Float64Array[];
  /** [runs][K][TOP_WORDS] */
  topics: string[][][];
  alpha: Float64Array[];
  doc: number;
  docLabel: string;
  /** the passage's most frequent vocabulary words */
  docWords: string[];
  /** θ̂ of the passage under each run's estimate, [runs][K] */
  docTheta: Float64Array[];
  /** clickable passages: index and label */
  choiceDocs: Float64Array;
  choiceLabels: string[];
  seen: number;
}

function docLabel(c: SotuCorpus, d: number): string {
  const a = c.addresses[c.testAddress[d]];
  return `${a.year} ${a.president}`;
}

function docTopWords(c: SotuCorpus, d: number, n: number): string[] {
  const t = c.test;
  const idx: number[] = [];
  for (let p = t.start[d]; p < t.start[d + 1]; p++) idx.push(p);
  idx.sort((a, b) => t.counts[b] - t.counts[a] || t.ids[a] - t.ids[b]);
  return idx.slice(0, n).map((p) => c.vocabulary[t.ids[p]]);
}

export default defineDemo({
  id: 'lda-race',
  title: 'LDA on the State of the Union: batch variational EM vs online EM vs SVI',
  params: ldaRaceParams,
  usesTf: false,
  defaultSteps: 160,
  async create({ params, seed, loadAsset }) {
    if (!loadAsset) throw new Error('lda-race needs the corpus asset (loadAsset)');
    const corpus = await loadSotu(loadAsset);
    const train = corpus.train;
    const split: CompletionSplit = completionSplit(corpus.test, SOTU_SPLIT_SEED);
    const k = params.k;
    const v = train.vocab;
    const specs = raceRuns(params.race as RaceKind, { batch: params.batch, kappa: params.kappa, tau0: params.tau0 });
    const stepDocs = Math.max(...specs.map((s) => s.batch));
    const setup = { k, alpha0: LDA_ALPHA0, seed };
    let runs: Run[] = specs.map((s) => startRun(s, train, setup));
    let ms = specs.map(() => 0);
    let traceDocs: number[] = [];
    let traceHeldOut: number[][] = specs.map(() => []);
    let seen = 0;
    let nextEval = 0;
    let doc = Math.min(params.doc, corpus.test.docs - 1);
    const budget = params.passes * train.docs;
    const choices = Array.from({ length: DOC_CHOICES }, (_, i) => Math.floor(((i + 0.5) * corpus.test.docs) / DOC_CHOICES));

    const evaluate = () => {
      traceDocs.push(seen);
      runs.forEach((r, i) => {
        const { beta, alpha } = runEstimate(r);
        traceHeldOut[i].push(heldOutLogPredictive(split, beta, alpha, undefined, params.evalDocs));
      });
      nextEval = seen + params.evalEvery;
    };
    evaluate();

    const last = (i: number) => traceHeldOut[i][traceHeldOut[i].length - 1];

    return {
      step() {
        runs.forEach((r, i) => {
          const t0 = performance.now();
          advanceRun(r, train, stepDocs, seed);
          ms[i] += performance.now() - t0;
        });
        const total = ms.reduce((a, b) => a + b, 0);
        seen += stepDocs;
        if (seen >= nextEval || seen >= budget) evaluate();
        const m: Record<string, number> = {
          seen,
          passes: seen / train.docs,
          docsPerSecond: (seen * runs.length) / (total / 1000),
          progress: Math.min(1, seen / budget),
        };
        runs.forEach((r, i) => {
          m[`heldOut${i}`] = last(i);
          m[`ms${i}`] = ms[i];
          m[`bound${i}`] = r.lastBound;
        });
        return m;
      },
      snapshot(): LdaRaceSnapshot {
        const topics: string[][][] = [];
        const alpha: Float64Array[] = [];
        const docTheta: Float64Array[] = [];
        const observed = corpus.test;
        for (const r of runs) {
          const est = runEstimate(r);
          topics.push(topWordIds(est.beta, k, v, TOP_WORDS).map((ids) => ids.map((w) => corpus.vocabulary[w])));
          alpha.push(Float64Array.from(est.alpha));
          docTheta.push(topicProportions(observed, doc, est.beta, est.alpha));
        }
        return {
          labels: specs.map((s) => s.label),
          traceDocs: Float64Array.from(traceDocs),
          traceHeldOut: traceHeldOut.map((t) => Float64Array.from(t)),
          topics,
          alpha,
          doc,
          docLabel: docLabel(corpus, doc),
          docWords: docTopWords(corpus, doc, 12),
          docTheta,
          choiceDocs: Float64Array.from(choices),
          choiceLabels: choices.map((d) => `${docLabel(corpus, d)}: ${docTopWords(corpus, d, 4).join(', ')}`),
          seen: runs.length ? runSeen(runs[0], train) : 0,
        };
      },
      checkpoint() {
        return {
          runs: runs.map(runCheckpoint),
          ms: Float64Array.from(ms),
          traceDocs: Float64Array.from(traceDocs),
          traceHeldOut: traceHeldOut.map((t) => Float64Array.from(t)),
          seen,
          nextEval,
        };
      },
      restore(cp) {
        const c = cp as { runs: Plain[]; ms: Float64Array; traceDocs: Float64Array; traceHeldOut: Float64Array[]; seen: number; nextEval: number };
        runs = specs.map((s, i) => restoreRun(startRun(s, train, setup), c.runs[i]));
        ms = Array.from(c.ms);
        traceDocs = Array.from(c.traceDocs);
        traceHeldOut = c.traceHeldOut.map((t) => Array.from(t));
        seen = c.seen;
        nextEval = c.nextEval;
      },
      setParams(values) {
        if (values.doc !== undefined) doc = Math.max(0, Math.min(corpus.test.docs - 1, values.doc));
      },
      isDone() {
        return seen >= budget;
      },
      corrupt() {
        const r = runs[runs.length - 1];
        if (r.online) r.online.eTopics.fill(NaN);
        else r.batchState!.beta.fill(NaN);
      },
      dispose() {
        runs = [];
      },
    };
  },
  async summarize(session) {
    const s = (await session.snapshot()) as LdaRaceSnapshot;
    const out: Record<string, number | string> = {};
    s.labels.forEach((label, i) => {
      out[`held-out ${label}`] = s.traceHeldOut[i][s.traceHeldOut[i].length - 1];
      out[`alpha mean ${label}`] = s.alpha[i].reduce((a, b) => a + b, 0) / s.alpha[i].length;
      out[`topic 1 ${label}`] = s.topics[i][0].join(' ');
    });
    return out;
  },
});
