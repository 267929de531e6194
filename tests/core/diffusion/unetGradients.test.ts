/**
 * The U-Net's explicit backpropagation (src/core/diffusion/unetDenoiser.ts, unetBlock.ts) against
 * two independent computations of the loss gradient on a network with every tensor random:
 * tfjs's own autodiff of the forward pass on the cpu backend (always), and PyTorch's autograd in
 * float64 through the torch script's `grad` subcommand (where python3 with torch exists). The
 * explicit gradients run on the wasm backend (the filter gradients through Conv3DBackpropFilterV2,
 * wasm has no Conv2DBackpropFilter) and on cpu (Conv2DBackpropFilter). Then: a training step
 * leaks no tensors and lowers the loss.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { Adam } from '../../../src/core/math/adam';
import { PIXEL_DIM } from '../../../src/core/diffusion/pixelDigits';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { timeEmbeddings } from '../../../src/core/diffusion/timeEmbedding';
import { UnetDenoiser, unetTensorShapes, type UnetConfig } from '../../../src/core/diffusion/unetDenoiser';
import { decodeUnetModel } from '../../../src/core/diffusion/unetWeights';
import { createRng } from '../../../src/core/random';
import { useBackend, type NodeBackend } from '../../support/tf';
import { randomUnetFile, runUnetTorch, scratchDir, torchPython } from '../../support/unetTorch';

const T = 100;
// (the torch script fixes embedDim 64 and hidden 128). At least 2 channels per group: with one, group
// norm removes any per-channel constant, and the gradients of the biases before it are exactly zero
const config: UnetConfig = { dim: PIXEL_DIM, side: 28, channels: 16, embedDim: 64, hidden: 128, groups: 8 };
// the same tensors run on 12×12 images (no shape depends on the side) where the slow cpu backend computes
const config12: UnetConfig = { ...config, side: 12, dim: 144 };
const schedule = makeSchedule('cosine', T);
const names = unetTensorShapes(config).map(([name]) => name);
const dir = scratchDir('unet-grad-');
const { file } = randomUnetFile(dir, config, T, createRng(11));
const weights = decodeUnetModel(readFileSync(file)).tensors;

/** A batch of 3 rows: x₀ smooth images in [−1, 1], ε standard normal, t across the chain, x_t from them. */
function makeBatch(d: number) {
  const ts = [1, 40, T];
  const rng = createRng(12);
  const x0 = Float32Array.from({ length: ts.length * d }, (_, i) => Math.tanh(2 * Math.sin(i / 37) + Math.cos(i / 5)));
  const eps = Float32Array.from({ length: ts.length * d }, () => rng.normal());
  const xt = Float32Array.from(x0, (v, i) => {
    const ab = schedule.alphaBar[ts[Math.floor(i / d)]];
    return Math.sqrt(ab) * v + Math.sqrt(1 - ab) * eps[i];
  });
  return { ts, x0, eps, xt, d };
}
type Batch = ReturnType<typeof makeBatch>;
const batch28 = makeBatch(PIXEL_DIM);
const batch12 = makeBatch(144);

afterAll(async () => {
  await useBackend('wasm');
});

/** The explicit loss and gradients on a backend. */
async function explicit(backend: NodeBackend, c: UnetConfig, b: Batch): Promise<{ loss: number; grads: Float32Array[]; leaked: number }> {
  await useBackend(backend);
  const net = new UnetDenoiser(c, schedule, createRng(1));
  net.setWeights(weights);
  const before = tf.memory().numTensors;
  const E = c.embedDim;
  const n = b.ts.length;
  const out = tf.tidy(() => {
    const r = net.lossAndGradients(tf.tensor2d(b.xt, [n, b.d]), tf.tensor2d(timeEmbeddings(b.ts, T, E), [n, E]), tf.tensor2d(b.eps, [n, b.d]));
    return [r.loss, ...r.grads];
  });
  const values = await Promise.all(out.map(async (t) => Float32Array.from((await t.data()) as Float32Array)));
  tf.dispose(out);
  const leaked = tf.memory().numTensors - before;
  net.dispose();
  return { loss: values[0][0], grads: values.slice(1), leaked };
}

/**
 * tfjs's autodiff of the same loss on the cpu backend (its Conv2DBackpropFilter), one row at a time:
 * the loss is the mean of the rows' losses, so its gradient is the mean of theirs. (One row at a
 * time because tfjs-backend-cpu 4.22's ResizeNearestNeighborGrad is wrong for a batch of more than
 * one image: measured here, 14×14 → 28×28 with 2 images, an error of 4.5 where the values are O(1).)
 */
async function autodiff(c: UnetConfig, b: Batch): Promise<{ loss: number; grads: Float32Array[] }> {
  await useBackend('cpu');
  const net = new UnetDenoiser(c, schedule, createRng(1));
  net.setWeights(weights);
  const E = c.embedDim;
  const n = b.ts.length;
  let loss = 0;
  const sums = net.weights.map((w) => new Float32Array(w.size));
  for (let i = 0; i < n; i++) {
    const row = (a: Float32Array) => tf.tensor2d(a.subarray(i * b.d, (i + 1) * b.d), [1, b.d]);
    const { value, grads } = tf.variableGrads(() => {
      const pred = net.forward(row(b.xt), tf.tensor2d(timeEmbeddings([b.ts[i]], T, E), [1, E]));
      return tf.mean(tf.square(tf.sub(pred, row(b.eps)))) as tf.Scalar;
    }, net.weights);
    loss += (await value.data())[0] / n;
    for (const [k, w] of net.weights.entries()) {
      const g = await grads[w.name].data();
      for (let j = 0; j < g.length; j++) sums[k][j] += g[j] / n;
    }
    tf.dispose([value, ...Object.values(grads)]);
  }
  net.dispose();
  return { loss, grads: sums };
}

/** Per tensor: max |ours − ref| / max |ref|; and the smallest max |ref| (every gradient must be nonzero). */
function relativeErrors(ours: ArrayLike<number>[], ref: ArrayLike<number>[]): { worst: number; worstName: string; smallest: number } {
  let worst = 0;
  let worstName = '';
  let smallest = Infinity;
  ref.forEach((r, k) => {
    expect(ours[k].length, names[k]).toBe(r.length);
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < r.length; i++) {
      diff = Math.max(diff, Math.abs(ours[k][i] - r[i]));
      scale = Math.max(scale, Math.abs(r[i]));
    }
    smallest = Math.min(smallest, scale);
    if (diff / scale > worst) [worst, worstName] = [diff / scale, names[k]];
  });
  return { worst, worstName, smallest };
}

describe('U-Net explicit backpropagation', () => {
  it('equals tfjs autodiff of its forward pass, on wasm and on cpu, leaking no tensors', async () => {
    const ref = await autodiff(config12, batch12);
    for (const backend of ['wasm', 'cpu'] as const) {
      const ours = await explicit(backend, config12, batch12);
      expect(ours.leaked, backend).toBe(0);
      expect(Math.abs(ours.loss - ref.loss), backend).toBeLessThan(1e-5 * ref.loss);
      const { worst, worstName, smallest } = relativeErrors(ours.grads, ref.grads);
      expect(smallest).toBeGreaterThan(0);
      expect(worst, `${backend}: ${worstName}`).toBeLessThan(1e-3);
    }
  }, 120_000);

  it.skipIf(!torchPython)('equals PyTorch autograd in float64 on the same weights and batch', async () => {
    const inputs = path.join(dir, 'grad.json');
    const { ts, x0, eps } = batch28;
    const rows = (a: Float32Array) => ts.map((_, i) => Array.from(a.subarray(i * PIXEL_DIM, (i + 1) * PIXEL_DIM)));
    writeFileSync(inputs, JSON.stringify({ t: ts, x0: rows(x0), eps: rows(eps) }));
    const ref = JSON.parse(runUnetTorch(['grad', file, inputs])) as { loss: number; grads: number[][] };
    const ours = await explicit('wasm', config, batch28);
    expect(Math.abs(ours.loss - ref.loss)).toBeLessThan(1e-5 * ref.loss);
    const { worst, worstName, smallest } = relativeErrors(ours.grads, ref.grads);
    expect(smallest).toBeGreaterThan(0);
    expect(worst, worstName).toBeLessThan(1e-3);
  }, 120_000);

  it('trains: Adam steps from scratch lower the loss on a fixed batch, and trainStep leaks no tensors (wasm)', async () => {
    await useBackend('wasm');
    const net = new UnetDenoiser(config, schedule, createRng(5));
    const opt = new Adam(net.weights, 3e-3);
    const E = config.embedDim;
    const { ts, x0, eps, xt } = batch28;
    const lossNow = () =>
      tf.tidy(() => {
        const r = net.lossAndGradients(tf.tensor2d(xt, [ts.length, PIXEL_DIM]), tf.tensor2d(timeEmbeddings(ts, T, E), [ts.length, E]), tf.tensor2d(eps, [ts.length, PIXEL_DIM]));
        opt.apply(r.grads);
        return r.loss;
      });
    const first = lossNow();
    const firstValue = (await first.data())[0];
    first.dispose();
    let last = 0;
    for (let k = 0; k < 15; k++) {
      const l = lossNow();
      last = (await l.data())[0];
      l.dispose();
    }
    // ε_θ starts at 0, so the first loss is mean(ε²) ≈ 1; the steps fit this one batch
    expect(firstValue).toBeCloseTo(eps.reduce((a, v) => a + v * v, 0) / eps.length, 5);
    expect(last).toBeLessThan(0.8 * firstValue);
    const before = tf.memory().numTensors;
    const loss = await net.trainStep(opt, x0, createRng(6));
    expect(Number.isFinite(loss)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    net.dispose();
  }, 120_000);
});
