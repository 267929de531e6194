import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeMnist, mnistImages, mnistSplit, MNIST_ASSET_PATH } from '../../../src/core/data/mnist';
import { createRng } from '../../../src/core/random';

const require = createRequire(import.meta.url);

async function asset() {
  const b = readFileSync(`public/${MNIST_ASSET_PATH}`);
  return decodeMnist(b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer);
}

describe('MNIST asset', () => {
  it('is under 4 MB and decodes to 10,000 28×28 digits', async () => {
    expect(readFileSync(`public/${MNIST_ASSET_PATH}`).length).toBeLessThan(4 * 1024 * 1024);
    const data = await asset();
    expect([data.count, data.rows, data.cols]).toEqual([10000, 28, 28]);
  });

  it("reproduces the mnist package's digits exactly (random sample of 200 rows, every pixel)", async () => {
    const data = await asset();
    const perDigit: number[][] = [];
    for (let d = 0; d < 10; d++) perDigit.push((require(`mnist/src/digits/${d}.json`) as { data: number[] }).data);
    const starts: number[] = [];
    let acc = 0;
    for (let d = 0; d < 10; d++) {
      starts.push(acc);
      acc += perDigit[d].length / 784;
    }
    expect(acc).toBe(10000);
    const rng = createRng(99);
    let mismatches = 0;
    let worst = 0;
    for (let t = 0; t < 200; t++) {
      const row = rng.int(data.count);
      const label = data.labels[row];
      const k = row - starts[label];
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(perDigit[label].length / 784);
      const img = mnistImages(data, [row]);
      for (let p = 0; p < 784; p++) {
        if (Number((data.pixels[row * 784 + p] / 255).toFixed(3)) !== perDigit[label][k * 784 + p]) mismatches++;
        worst = Math.max(worst, Math.abs(img[p] - perDigit[label][k * 784 + p]));
      }
    }
    expect(mismatches).toBe(0);
    expect(worst).toBeLessThan(6e-4);
  });

  it('the 9,000/1,000 split is a fixed function of its seed and partitions the digits', () => {
    const a = mnistSplit(10000);
    const b = mnistSplit(10000);
    expect(a.train.length).toBe(9000);
    expect(a.test.length).toBe(1000);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    const seen = new Uint8Array(10000);
    for (const i of a.train) seen[i]++;
    for (const i of a.test) seen[i]++;
    expect(seen.every((c) => c === 1)).toBe(true);
    const other = mnistSplit(10000, 7);
    expect(Array.from(other.test)).not.toEqual(Array.from(a.test));
  });

  it('every class appears in the test split', async () => {
    const data = await asset();
    const counts = new Array(10).fill(0);
    for (const i of mnistSplit(10000).test) counts[data.labels[i]]++;
    expect(Math.min(...counts)).toBeGreaterThan(50);
  });
});
