import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { completionSplit, tokenCount } from '../../../src/core/lda/corpus';
import { decodeSotu, encodeSotu, SOTU_ASSET_PATH } from '../../../src/core/lda/sotu';

const toBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('the State of the Union corpus asset', () => {
  it('round-trips through encode and decode, gzip or not', async () => {
    const c = {
      vocabulary: ['peace', 'war', 'tariff', 'banks'],
      addresses: [{ year: 1790, president: 'George Washington' }, { year: 1862, president: 'Abraham Lincoln' }],
      docAddress: [0, 1, 1],
      docs: [{ ids: [0, 3], counts: [2, 1] }, { ids: [1], counts: [300] }, { ids: [0, 1, 2, 3], counts: [1, 1, 1, 129] }],
      trainDocs: 2,
    };
    for (const bytes of [encodeSotu(c), gzipSync(encodeSotu(c))]) {
      const d = await decodeSotu(toBuffer(bytes));
      expect(d.vocabulary).toEqual(c.vocabulary);
      expect(d.addresses).toEqual(c.addresses);
      expect(d.train.docs).toBe(2);
      expect(d.test.docs).toBe(1);
      expect(Array.from(d.test.counts)).toEqual([1, 1, 1, 129]);
      expect(Array.from(d.train.ids)).toEqual([0, 3, 1]);
      expect(Array.from(d.testAddress)).toEqual([1]);
    }
  });

  it('rejects a file that is not the corpus', async () => {
    await expect(decodeSotu(toBuffer(new Uint8Array(40)))).rejects.toThrow(/bad magic/);
  });

  it('ships thousands of documents, a vocabulary cut and a fixed held-out split, in a few hundred KB', async () => {
    const file = readFileSync(`public/${SOTU_ASSET_PATH}`);
    expect(file.length).toBeLessThan(600_000);
    const c = await decodeSotu(toBuffer(file));
    expect(c.train.docs).toBeGreaterThan(10_000);
    expect(c.test.docs).toBeGreaterThan(1000);
    expect(c.vocabulary.length).toBe(2000);
    expect(new Set(c.vocabulary).size).toBe(2000);
    expect(c.vocabulary).not.toContain('the');
    for (const d of [c.train, c.test]) for (let i = 0; i < d.docs; i++) expect(tokenCount({ ...d, counts: d.counts.subarray(d.start[i], d.start[i + 1]) })).toBeGreaterThanOrEqual(10);
    expect(c.addresses[c.docAddress[0]].year).toBe(1790);
  });

  it('document completion keeps every token, half observed and half held out', async () => {
    const c = await decodeSotu(toBuffer(readFileSync(`public/${SOTU_ASSET_PATH}`)));
    const s = completionSplit(c.test, 1);
    expect(tokenCount(s.observed) + tokenCount(s.heldOut)).toBe(tokenCount(c.test));
    for (let d = 0; d < 50; d++) {
      const nObs = s.observed.counts.subarray(s.observed.start[d], s.observed.start[d + 1]).reduce((a, b) => a + b, 0);
      const nHeld = s.heldOut.counts.subarray(s.heldOut.start[d], s.heldOut.start[d + 1]).reduce((a, b) => a + b, 0);
      expect(nHeld - nObs).toBeGreaterThanOrEqual(0);
      expect(nHeld - nObs).toBeLessThanOrEqual(1);
    }
  });
});
