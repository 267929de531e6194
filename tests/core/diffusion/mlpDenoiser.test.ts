import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../../../src/core/diffusion/adam';
import { MlpDenoiser, denoiserShapes } from '../../../src/core/diffusion/mlpDenoiser';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { timeEmbeddings } from '../../../src/core/diffusion/timeEmbedding';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../support/tf';

let tf: Awaited<ReturnType<typeof useBackend>>;
beforeAll(async () => {
  tf = await useBackend('cpu');
});

const config = { dim: 3, width: 8, depth: 2, embedDim: 4 };

describe('MLP noise predictor', () => {
  it('has the documented shapes and an embedding of sin/cos pairs', () => {
    expect(denoiserShapes(config)).toEqual([[7, 8], [8], [8, 8], [8], [8, 3], [3]]);
    const e = timeEmbeddings([3], 10, 4);
    expect(e[0] ** 2 + e[2] ** 2).toBeCloseTo(1, 6);
    expect(e[1] ** 2 + e[3] ** 2).toBeCloseTo(1, 6);
  });

  for (const leaky of [false, true]) it(`backpropagation agrees with central finite differences along random directions (${leaky ? 'leaky ReLU' : 'ReLU'})`, async () => {
    const s = makeSchedule('linear', 10);
    const rng = createRng(3);
    const net = new MlpDenoiser({ ...config, leaky }, s, rng);
    // random weights everywhere (the leaky variant starts with a zero output layer)
    net.setWeights((await net.getWeights()).map((w) => Float32Array.from(w, () => 0.5 * rng.normal())));
    const B = 16;
    const x = tf.tensor2d(Float32Array.from({ length: B * 3 }, () => rng.normal()), [B, 3]);
    const emb = tf.tensor2d(timeEmbeddings(Int32Array.from({ length: B }, () => 1 + rng.int(10)), 10, 4), [B, 4]);
    const eps = tf.tensor2d(Float32Array.from({ length: B * 3 }, () => rng.normal()), [B, 3]);
    const before = tf.memory().numTensors;
    const { loss, grads } = tf.tidy(() => net.lossAndGradients(x, emb, eps));
    const g = await Promise.all(grads.map((t) => t.data()));
    const base = await net.getWeights();
    tf.dispose([loss, ...grads]);
    expect(tf.memory().numTensors).toBe(before);
    const lossAt = async (w: Float32Array[]) => {
      net.setWeights(w);
      const r = tf.tidy(() => net.lossAndGradients(x, emb, eps));
      const v = (await r.loss.data())[0];
      tf.dispose([r.loss, ...r.grads]);
      return v;
    };
    const h = 2e-4;
    for (let k = 0; k < 3; k++) {
      const dir = base.map((w) => Float32Array.from(w, () => rng.normal()));
      const plus = base.map((w, i) => w.map((v, j) => v + h * dir[i][j]));
      const minus = base.map((w, i) => w.map((v, j) => v - h * dir[i][j]));
      const numeric = ((await lossAt(plus)) - (await lossAt(minus))) / (2 * h);
      let analytic = 0;
      g.forEach((gi, i) => gi.forEach((v, j) => (analytic += v * dir[i][j])));
      expect(Math.abs(numeric - analytic)).toBeLessThan(0.01 * Math.abs(analytic) + 5e-3);
    }
    tf.dispose([x, emb, eps]);
    net.dispose();
  });

  it('training steps lower the simplified loss on a Gaussian and leak no tensors', async () => {
    const s = makeSchedule('linear', 20);
    const rng = createRng(5);
    const net = new MlpDenoiser({ dim: 2, width: 32, depth: 2, embedDim: 8 }, s, rng.fork());
    const opt = new Adam(net.weights, 3e-3);
    const batch = () => Float64Array.from({ length: 128 * 2 }, (_, i) => (i % 2 ? 0.3 : 2) * rng.normal() + 1);
    const start = tf.memory().numTensors;
    let early = 0;
    let late = 0;
    for (let k = 0; k < 300; k++) {
      const l = await net.trainStep(opt, batch(), rng);
      if (k < 20) early += l / 20;
      if (k >= 280) late += l / 20;
    }
    expect(tf.memory().numTensors).toBe(start);
    expect(late).toBeLessThan(0.8 * early);
    const out = await net.predict(new Float64Array(10), 5, 5);
    expect(out.length).toBe(10);
    expect(tf.memory().numTensors).toBe(start);
    opt.dispose();
    net.dispose();
  });
});

describe('Gaussian skip term', () => {
  it('with the MLP output zeroed, the network is exactly the Gaussian oracle ε* of the fitted N(m, S)', async () => {
    const { gaussianNoisePredictor } = await import('../../../src/core/diffusion/gaussianOracle');
    const { symmetricEigen } = await import('../../../src/core/math/eigen');
    const m = [0.4, -1];
    const S = [1.5, 0.5, 0.5, 0.8];
    const eig = symmetricEigen(S, 2);
    const s = makeSchedule('cosine', 30);
    const net = new MlpDenoiser(
      { dim: 2, width: 8, depth: 2, embedDim: 4, gaussianSkip: { mean: m, eigenvalues: eig.values, eigenvectors: eig.vectors } },
      s,
      createRng(1),
    );
    const w = await net.getWeights();
    net.setWeights(w.map((v, i) => (i >= w.length - 2 ? new Float32Array(v.length) : v)));
    const oracle = gaussianNoisePredictor(m, S, 2, s);
    const rng = createRng(2);
    const start = tf.memory().numTensors;
    for (const t of [1, 12, 30]) {
      const x = Float64Array.from({ length: 10 }, () => 2 * rng.normal());
      const got = await net.predict(x, t, 5);
      const want = oracle(x, t, 5) as Float64Array;
      for (let i = 0; i < 10; i++) expect(got[i]).toBeCloseTo(want[i], 4);
    }
    expect(tf.memory().numTensors).toBe(start);
    net.dispose();
  });
});
