import type { Scalar } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { accuracy, DigitClassifier, shiftImages } from '../../../src/core/metrics/digitClassifier';
import { loadClassifier } from '../../../src/core/metrics/classifierFile';
import { loadMnistArrays } from '../../../src/core/vae/data';
import { createRng } from '../../../src/core/random';
import { nodeAssetLoader } from '../../../scripts/lab/run';
import path from 'node:path';
import { useBackend } from '../../support/tf';

let tf: Awaited<ReturnType<typeof useBackend>>;
beforeAll(async () => {
  tf = await useBackend('wasm');
});
const root = path.resolve(import.meta.dirname, '../../..');

describe('the yardstick digit classifier', () => {
  it('backpropagation of the cross-entropy agrees with tfjs autodiff, and leaks nothing', async () => {
    const rng = createRng(2);
    const c = new DigitClassifier(rng);
    const B = 8;
    const x = tf.tensor2d(Float32Array.from({ length: B * 784 }, () => rng.uniform()), [B, 784]);
    const y = Int32Array.from({ length: B }, () => rng.int(10));
    const before = tf.memory().numTensors;
    const { loss, grads } = tf.tidy(() => c.lossAndGradients(x, y));
    const auto = tf.variableGrads(() => {
      const logits = c.forward(x).logits;
      return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(tf.tensor1d(y, 'int32'), 10), tf.logSoftmax(logits)), 1))) as Scalar;
    }, c.weights);
    expect((await loss.data())[0]).toBeCloseTo((await auto.value.data())[0], 5);
    for (let i = 0; i < grads.length; i++) {
      const a = await grads[i].data();
      const b = await auto.grads[c.weights[i].name].data();
      let err = 0;
      let scale = 0;
      a.forEach((v, j) => {
        err = Math.max(err, Math.abs(v - b[j]));
        scale = Math.max(scale, Math.abs(b[j]));
      });
      expect(err).toBeLessThan(1e-4 * scale + 1e-7);
    }
    tf.dispose([loss, ...grads, auto.value, ...Object.values(auto.grads)]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    c.dispose();
  });

  it('shifts move every pixel by the same offset and fill with zeros', () => {
    const img = new Float32Array(784);
    img[10 * 28 + 12] = 1;
    const out = shiftImages(img, 1, createRng(4));
    const hits = [...out.keys()].filter((k) => out[k] === 1);
    expect(hits).toHaveLength(1);
    const [r, c] = [Math.floor(hits[0] / 28), hits[0] % 28];
    expect(Math.abs(r - 10)).toBeLessThanOrEqual(2);
    expect(Math.abs(c - 12)).toBeLessThanOrEqual(2);
    expect(out.reduce((a, v) => a + v, 0)).toBe(1);
  });

  it('every pixel of every image moves by that image\'s one offset (|Δ| ≤ 2), from that image, with zeros shifted in', () => {
    // distinct values per pixel and per image, so a transpose, a per-pixel offset or reading image 0 shows
    const n = 12;
    const img = Float32Array.from({ length: n * 784 }, (_, k) => 1 + k);
    const out = shiftImages(img, n, createRng(5));
    const offsets = new Set<string>();
    for (let i = 0; i < n; i++) {
      const fits: string[] = [];
      for (let dr = -2; dr <= 2; dr++) {
        for (let dc = -2; dc <= 2; dc++) {
          let ok = true;
          for (let r = 0; r < 28 && ok; r++) {
            for (let c = 0; c < 28 && ok; c++) {
              const [sr, sc] = [r - dr, c - dc];
              const want = sr >= 0 && sr < 28 && sc >= 0 && sc < 28 ? img[i * 784 + sr * 28 + sc] : 0;
              ok = out[i * 784 + r * 28 + c] === want;
            }
          }
          if (ok) fits.push(`${dr},${dc}`);
        }
      }
      expect(fits).toHaveLength(1);
      offsets.add(fits[0]);
    }
    expect(offsets.size).toBeGreaterThan(3); // offsets are drawn per image
  });

  it('the shipped weights classify at least 97% of the 1,000 held-out digits correctly', async () => {
    const load = nodeAssetLoader(root);
    const [c, data] = [await loadClassifier(load), await loadMnistArrays(load)];
    const before = tf.memory().numTensors;
    const { probs } = await c.classify(data.testImages, data.testLabels.length);
    expect(tf.memory().numTensors).toBe(before);
    expect(accuracy(probs, data.testLabels)).toBeGreaterThanOrEqual(0.97);
    c.dispose();
  });
});
