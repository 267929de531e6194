import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeAssetLoader } from '../../../scripts/lab/run';
import { confidentShare, labelEntropy, loadYardstick } from '../../../src/core/metrics/yardstick';
import { loadMnistArrays } from '../../../src/core/vae/data';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../support/tf';

let tf: Awaited<ReturnType<typeof useBackend>>;
beforeAll(async () => {
  tf = await useBackend('wasm');
});
const root = path.resolve(import.meta.dirname, '../../..');

/** probability rows with a given argmax and top probability */
function rows(labels: number[], top: number): Float32Array {
  const p = new Float32Array(labels.length * 10).fill((1 - top) / 9);
  labels.forEach((l, i) => (p[i * 10 + l] = top));
  return p;
}

describe('the sample yardstick', () => {
  it('label entropy over log 10: 1 for a uniform histogram, 0 for one label, log 2 / log 10 for two equal labels', () => {
    expect(labelEntropy(rows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0.5), 10)).toBeCloseTo(1, 12);
    expect(labelEntropy(rows([3, 3, 3], 0.5), 3)).toBe(0);
    expect(labelEntropy(rows([1, 7, 1, 7], 0.5), 4)).toBeCloseTo(Math.log(2) / Math.log(10), 12);
    // an uneven histogram, 3 : 1, where the shares matter and not just how many labels occur
    expect(labelEntropy(rows([4, 4, 9, 4], 0.5), 4)).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(10), 12);
  });

  it('confident share counts rows whose top probability reaches 0.9', () => {
    const p = new Float32Array([...rows([1, 2], 0.95), ...rows([3], 0.5)]);
    expect(confidentShare(p, 3)).toBeCloseTo(2 / 3, 12);
    // the threshold is 0.9, not lower: rows at 0.85 and 0.88 do not count, one at 0.91 does
    const near = new Float32Array([...rows([0], 0.85), ...rows([5], 0.88), ...rows([9], 0.91), ...rows([2], 0.3)]);
    expect(confidentShare(near, 4)).toBeCloseTo(1 / 4, 12);
  });

  it('real digits score as real digits, and uniform noise does not; bad input is refused', async () => {
    const load = nodeAssetLoader(root);
    const y = await loadYardstick(load);
    const data = await loadMnistArrays(load);
    const before = tf.memory().numTensors;
    const held = await y.score(y.heldOut, 1000);
    expect(held.frechet).toBeLessThan(1e-6);
    expect(held.confident).toBeGreaterThan(0.9);
    expect(held.labelEntropy).toBeGreaterThan(0.99);
    const train = await y.score(data.trainImages.subarray(0, 1000 * 784), 1000);
    const rng = createRng(3);
    const noise = await y.score(Float32Array.from({ length: 1000 * 784 }, () => rng.uniform()), 1000);
    expect(noise.frechet).toBeGreaterThan(20 * train.frechet);
    expect(noise.labelEntropy).toBeLessThan(train.labelEntropy);
    expect(tf.memory().numTensors).toBe(before);
    await expect(y.score(new Float32Array(10), 1)).rejects.toThrow(/expected 1×784/);
    await expect(y.score(new Float32Array(784).fill(2), 1)).rejects.toThrow(/\[0, 1\]/);
    y.dispose();
  });
});
