import { describe, expect, it } from 'vitest';
import { corpusFromDocs } from '../../../src/core/lda/corpus';
import { onlineBeta, onlineStep, startOnline } from '../../../src/core/lda/online';
import { simulateTextLines, simulateTopics, topicSamplers } from '../../../src/core/lda/simulate';
import { buildVocabulary, fitStream, ShuffleBuffer, type Bag } from '../../../src/core/lda/stream';
import { bagOfWords } from '../../../src/core/lda/tokenize';
import { createRng } from '../../../src/core/random';

const words = Array.from({ length: 60 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
const SIM = { k: 3, v: 60, docs: 230, length: 30, alpha: 0.3, eta: 0.1, seed: 9 };
async function* from(lines: string[]): AsyncIterable<string> {
  yield* lines;
}

describe('fitStream', () => {
  const lines = [...simulateTextLines(SIM, words)];

  it('with no shuffle and no held-out documents is exactly online steps on consecutive minibatches of the same documents', async () => {
    const settings = { mode: 'em' as const, k: 3, kappa: 0.6, tau0: 4, batch: 50, passes: 2, alpha0: 0.5, learnAlpha: true, seed: 5, holdout: 0, shuffle: 0 };
    const fit = await fitStream(() => from(lines), words, settings);
    const index = new Map(words.map((w, i) => [w, i]));
    const corpus = corpusFromDocs(lines.map((l) => bagOfWords(l, index)), 60);
    const o = startOnline({ mode: 'em', k: 3, v: 60, kappa: 0.6, tau0: 4, alpha0: 0.5, learnAlpha: true, seed: 5 });
    const scratch = new Float64Array(180);
    for (let p = 0; p < 2; p++)
      for (let i = 0; i < 230; i += 50) onlineStep(o, corpus, Array.from({ length: Math.min(50, 230 - i) }, (_, j) => i + j), scratch);
    expect(fit.state.t).toBe(10);
    expect(fit.trainDocs).toBe(230);
    const a = onlineBeta(fit.state);
    const b = onlineBeta(o);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBe(b[i]);
    expect(Array.from(fit.state.alpha)).toEqual(Array.from(o.alpha));
  });

  it('holds out the first documents, counts D for SVI, skips lines without a vocabulary word, and scores each pass', async () => {
    const withBlank = ['nothing here in the vocabulary', ...lines];
    const fit = await fitStream(() => from(withBlank), words, { mode: 'vb', k: 3, kappa: 0.7, tau0: 4, batch: 32, passes: 3, alpha0: 0.5, learnAlpha: true, seed: 1, holdout: 30, shuffle: 64 });
    expect(fit.skipped).toBe(1);
    expect(fit.heldOutDocs).toBe(30);
    expect(fit.trainDocs).toBe(200);
    expect(fit.state.settings.docs).toBe(200);
    expect(fit.passes).toHaveLength(3);
    expect(fit.passes[2].heldOut).toBeGreaterThan(fit.passes[0].heldOut - 0.05);
    for (const p of fit.passes) expect(p.heldOut).toBeLessThan(0);
  });

  it('rejects an empty vocabulary and a stream that is all held out', async () => {
    const s = { mode: 'em' as const, k: 3, kappa: 0.7, tau0: 4, batch: 32, passes: 1, alpha0: 0.5, learnAlpha: true, seed: 1, holdout: 0, shuffle: 0 };
    await expect(fitStream(() => from(lines), [], s)).rejects.toThrow(/empty vocabulary/);
    await expect(fitStream(() => from(lines), words, { ...s, holdout: 1000 })).rejects.toThrow(/no training documents/);
  });
});

describe('ShuffleBuffer', () => {
  it('emits every document exactly once, in a different order', () => {
    const buf = new ShuffleBuffer(16, createRng(3));
    const out: Bag[] = [];
    const docs = Array.from({ length: 100 }, (_, i) => ({ ids: [i], counts: [1] }));
    for (const d of docs) {
      const r = buf.push(d);
      if (r) out.push(r);
    }
    out.push(...buf.drain());
    const ids = out.map((d) => d.ids[0]);
    expect([...ids].sort((a, b) => a - b)).toEqual(docs.map((d) => d.ids[0]));
    expect(ids).not.toEqual(docs.map((d) => d.ids[0]));
  });
});

describe('buildVocabulary', () => {
  it('keeps words by document frequency between the bounds, minus stop words, most frequent first', async () => {
    const lines = ['apple banana cherry the', 'apple banana', 'apple cherry', 'apple durian', 'banana the', 'apple'];
    const { vocabulary, docs } = await buildVocabulary(from(lines), { size: 10, minDf: 2, maxDfFraction: 0.7, stopWords: new Set(['the']) });
    expect(docs).toBe(6);
    // apple is in 5/6 > 0.7, durian in 1 < 2, "the" is a stop word
    expect(vocabulary).toEqual(['banana', 'cherry']);
  });
});

describe('simulateTextLines', () => {
  it('draws words by the inverse CDF with the topic frequencies', () => {
    const beta = simulateTopics({ k: 2, v: 5, eta: 1, seed: 2 });
    const draw = topicSamplers(beta, 2, 5);
    const rng = createRng(1);
    const n = 200_000;
    const counts = new Float64Array(5);
    for (let i = 0; i < n; i++) counts[draw(rng, 1)]++;
    for (let w = 0; w < 5; w++) expect(Math.abs(counts[w] / n - beta[5 + w])).toBeLessThan(4 * Math.sqrt(beta[5 + w] / n) + 1e-9);
  });
});
