/**
 * Numbers chapter 10 quotes. The fits take minutes (tens on the shared machine), so
 * scripts/ldaNumbers.ts runs them with this directory's code and stores the results in
 * chapterNumbers.json; tests/core/lda/chapterNumbers.test.ts reruns part of the α̂ study and
 * checks the stored numbers against what the prose says about them.
 */
import numbers from './chapterNumbers.json';

export interface RaceCurveNumbers {
  label: string;
  heldOut: number[];
  docsPerSecond: number;
  alphaMean: number;
}

export interface LdaChapterNumbers {
  settings: { k: number; batch: number; kappa: number; tau0: number; seed: number; alpha0: number; racePasses: number; batchPasses: number };
  corpus: { trainDocs: number; testDocs: number; heldOutDocs: number; vocab: number; meanLength: number };
  onlineEm: RaceCurveNumbers;
  svi: RaceCurveNumbers & { topics?: string[][] };
  batchEm: RaceCurveNumbers;
  grid: Record<string, number>;
  stream: { docs: number; length: number; docsPerSecond: number };
  alphaStudy: { alpha: number; docs: number; iterations: number; seed: number; lengths: number[]; rows: { length: number; alphaHat: number; bound: number; alphaHatTruthStart: number; boundTruthStart: number; alphaHatKnownBeta: number }[] };
  machine: { cpus: number; cpu: string; node: string; load: number };
}

export function chapter10Numbers(): LdaChapterNumbers {
  return numbers as LdaChapterNumbers;
}

/** Seconds for `passes` passes over `docs` documents at `rate` documents per second, in minutes. */
export function minutesFor(docs: number, passes: number, rate: number): number {
  return (docs * passes) / rate / 60;
}

const int = (v: number) => Math.round(v).toLocaleString('en-US');
const f3 = (v: number) => v.toFixed(3);
const last = (a: number[]) => a[a.length - 1];

/** The <Computed name="ch10-…" /> entries (src/shell/computed.ts spreads them into its registry). */
export const chapter10Computed: Record<string, () => string> = {
  'ch10-vocab': () => int(chapter10Numbers().corpus.vocab),
  'ch10-train-docs': () => int(chapter10Numbers().corpus.trainDocs),
  'ch10-test-docs': () => int(chapter10Numbers().corpus.testDocs),
  'ch10-mean-length': () => chapter10Numbers().corpus.meanLength.toFixed(0),
  'ch10-topic-0': () => chapter10Numbers().svi.topics![0].slice(0, 4).join(', '),
  'ch10-topic-1': () => chapter10Numbers().svi.topics![1].slice(0, 4).join(', '),
  'ch10-topic-2': () => chapter10Numbers().svi.topics![2].slice(0, 4).join(', '),
  'ch10-em-1': () => f3(chapter10Numbers().onlineEm.heldOut[0]),
  'ch10-svi-1': () => f3(chapter10Numbers().svi.heldOut[0]),
  'ch10-batch-1': () => f3(chapter10Numbers().batchEm.heldOut[0]),
  'ch10-em-3': () => f3(chapter10Numbers().onlineEm.heldOut[2]),
  'ch10-svi-3': () => f3(chapter10Numbers().svi.heldOut[2]),
  'ch10-batch-3': () => f3(chapter10Numbers().batchEm.heldOut[2]),
  'ch10-batch-10': () => f3(chapter10Numbers().batchEm.heldOut[9]),
  'ch10-batch-final': () => f3(last(chapter10Numbers().batchEm.heldOut)),
  'ch10-batch-passes': () => String(chapter10Numbers().batchEm.heldOut.length),
  'ch10-batch-catchup': () => {
    const c = chapter10Numbers();
    const p = c.batchEm.heldOut.findIndex((h) => h >= c.svi.heldOut[0]);
    return p < 0 ? `more than ${c.batchEm.heldOut.length}` : String(p + 1);
  },
  'ch10-grid-kappa-0': () => f3(chapter10Numbers().grid['kappa0.55']),
  'ch10-grid-kappa-1': () => f3(chapter10Numbers().grid['kappa0.75']),
  'ch10-grid-kappa-2': () => f3(chapter10Numbers().grid.kappa1),
  'ch10-grid-tau-0': () => f3(chapter10Numbers().grid.tau01),
  'ch10-grid-tau-1': () => f3(chapter10Numbers().grid.tau064),
  'ch10-grid-tau-2': () => f3(chapter10Numbers().grid.tau01024),
  'ch10-grid-batch-0': () => f3(chapter10Numbers().grid.batch16),
  'ch10-grid-batch-1': () => f3(chapter10Numbers().grid.batch64),
  'ch10-grid-batch-2': () => f3(chapter10Numbers().grid.batch256),
  'ch10-rate-svi': () => int(chapter10Numbers().svi.docsPerSecond),
  'ch10-rate-em': () => int(chapter10Numbers().onlineEm.docsPerSecond),
  'ch10-rate-batch': () => int(chapter10Numbers().batchEm.docsPerSecond),
  'ch10-rate-stream': () => int(chapter10Numbers().stream.docsPerSecond),
  'ch10-million-minutes': () => minutesFor(1e6, 1, chapter10Numbers().stream.docsPerSecond).toFixed(0),
  'ch10-million3-minutes': () => minutesFor(1e6, 3, chapter10Numbers().stream.docsPerSecond).toFixed(0),
  'ch10-stats-kb': () => int((chapter10Numbers().settings.k * chapter10Numbers().corpus.vocab * 8) / 1024),
  'ch10-load': () => chapter10Numbers().machine.load.toFixed(0),
  'ch10-alpha-true': () => String(chapter10Numbers().alphaStudy.alpha),
  'ch10-alpha-docs': () => int(chapter10Numbers().alphaStudy.docs),
  'ch10-alpha-iterations': () => String(chapter10Numbers().alphaStudy.iterations),
  ...Object.fromEntries(
    [0, 1, 2].flatMap((i) => [
      [`ch10-alpha-len-${i}`, () => String(chapter10Numbers().alphaStudy.rows[i].length)],
      [`ch10-alpha-hat-${i}`, () => f3(chapter10Numbers().alphaStudy.rows[i].alphaHat)],
      [`ch10-alpha-known-${i}`, () => f3(chapter10Numbers().alphaStudy.rows[i].alphaHatKnownBeta)],
      [`ch10-alpha-truth-${i}`, () => f3(chapter10Numbers().alphaStudy.rows[i].alphaHatTruthStart)],
      [`ch10-alpha-gap-${i}`, () => int(chapter10Numbers().alphaStudy.rows[i].boundTruthStart - chapter10Numbers().alphaStudy.rows[i].bound)],
    ]),
  ),
};
