import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, gradientsPerParameter } from '../../../src/core/math/adam';
import { LEAK, MlpDenoiser, denoiserShapes, type DenoiserConfig } from '../../../src/core/diffusion/mlpDenoiser';
import type { NoiseSchedule } from '../../../src/core/diffusion/schedule';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { timeEmbeddings } from '../../../src/core/diffusion/timeEmbedding';
import { createRng, type Rng } from '../../../src/core/random';
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
    // one [∂W; ∂b] per layer, split into one array per weight
    const g = gradientsPerParameter(await Promise.all(grads.map((t) => t.data())), denoiserShapes(config));
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

/**
 * Independent float64 training run of the same network: the draws of MlpDenoiser.trainStep (per
 * row t = 1 + rng.int(T), then d normals), forward and backward pass written out per scalar, and
 * textbook Adam (unscaled moments, ε added to √v). Returns the minibatch loss of every step.
 */
function referenceTrajectory(c: DenoiserConfig, s: NoiseSchedule, init: Float32Array[], x0: Float64Array, rng: Rng, steps: number, lr: number): number[] {
  const [b1, b2, epsAdam] = [0.9, 0.999, 1e-8];
  const d = c.dim;
  const B = x0.length / d;
  const dims = [d + c.embedDim, ...Array<number>(c.depth).fill(c.width), d];
  const L = c.depth;
  const w = init.map((x) => Float64Array.from(x));
  const m = w.map((x) => new Float64Array(x.length));
  const v = w.map((x) => new Float64Array(x.length));
  const act = (a: number) => (a > 0 ? a : c.leaky ? LEAK * a : 0);
  const actGrad = (a: number) => (a > 0 ? 1 : c.leaky ? LEAK : 0);
  const losses: number[] = [];
  for (let step = 1; step <= steps; step++) {
    const ts: number[] = [];
    const eps = new Float64Array(B * d);
    const h0 = new Float64Array(B * dims[0]);
    for (let i = 0; i < B; i++) {
      const t = 1 + rng.int(s.T);
      ts.push(t);
      for (let j = 0; j < d; j++) {
        eps[i * d + j] = rng.normal();
        h0[i * dims[0] + j] = Math.sqrt(s.alphaBar[t]) * x0[i * d + j] + Math.sqrt(1 - s.alphaBar[t]) * eps[i * d + j];
      }
      h0.set(timeEmbeddings([t], s.T, c.embedDim), i * dims[0] + d);
    }
    // forward: pre-activations a[l] [B, dims[l+1]], inputs h[l] [B, dims[l]]
    const h: Float64Array[] = [h0];
    const pre: Float64Array[] = [];
    for (let l = 0; l <= L; l++) {
      const [fi, fo] = [dims[l], dims[l + 1]];
      const a = new Float64Array(B * fo);
      for (let i = 0; i < B; i++)
        for (let o = 0; o < fo; o++) {
          let sum = w[2 * l + 1][o];
          for (let k = 0; k < fi; k++) sum += h[l][i * fi + k] * w[2 * l][k * fo + o];
          a[i * fo + o] = sum;
        }
      pre.push(a);
      if (l < L) h.push(a.map(act));
    }
    const out = pre[L];
    const g = c.gaussianSkip;
    if (g) {
      for (let i = 0; i < B; i++) {
        const ab = s.alphaBar[ts[i]];
        const z = new Float64Array(d);
        for (let k = 0; k < d; k++) {
          for (let j = 0; j < d; j++) z[k] += (h0[i * dims[0] + j] - Math.sqrt(ab) * g.mean[j]) * g.eigenvectors[j * d + k];
          z[k] *= Math.sqrt(1 - ab) / (ab * g.eigenvalues[k] + 1 - ab);
        }
        for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) out[i * d + j] += z[k] * g.eigenvectors[j * d + k];
      }
    }
    let loss = 0;
    let delta = out.map((o, k) => o - eps[k]);
    delta.forEach((r) => (loss += (r * r) / delta.length));
    losses.push(loss);
    delta = delta.map((r) => (2 * r) / delta.length);
    const grads: Float64Array[] = w.map((x) => new Float64Array(x.length));
    for (let l = L; l >= 0; l--) {
      const [fi, fo] = [dims[l], dims[l + 1]];
      for (let i = 0; i < B; i++)
        for (let o = 0; o < fo; o++) {
          grads[2 * l + 1][o] += delta[i * fo + o];
          for (let k = 0; k < fi; k++) grads[2 * l][k * fo + o] += h[l][i * fi + k] * delta[i * fo + o];
        }
      if (l > 0) {
        const back = new Float64Array(B * fi);
        for (let i = 0; i < B; i++)
          for (let k = 0; k < fi; k++) {
            let sum = 0;
            for (let o = 0; o < fo; o++) sum += delta[i * fo + o] * w[2 * l][k * fo + o];
            back[i * fi + k] = sum * actGrad(pre[l - 1][i * fi + k]);
          }
        delta = back;
      }
    }
    const lrT = (lr * Math.sqrt(1 - b2 ** step)) / (1 - b1 ** step);
    w.forEach((wi, i) =>
      wi.forEach((_, k) => {
        m[i][k] = b1 * m[i][k] + (1 - b1) * grads[i][k];
        v[i][k] = b2 * v[i][k] + (1 - b2) * grads[i][k] ** 2;
        wi[k] -= (lrT * m[i][k]) / (Math.sqrt(v[i][k]) + epsAdam);
      }),
    );
  }
  return losses;
}

describe('training trajectory', () => {
  const variants: [string, Partial<DenoiserConfig>][] = [
    ['ReLU', {}],
    ['leaky ReLU with the Gaussian skip', { leaky: true, gaussianSkip: { mean: [0.3, -0.2], eigenvalues: [1.7, 0.4], eigenvectors: [0.8, -0.6, 0.6, 0.8] } }],
  ];
  for (const [name, extra] of variants)
    it(`trainStep and Adam follow an independent float64 computation step by step (${name})`, async () => {
      const c: DenoiserConfig = { dim: 2, width: 12, depth: 2, embedDim: 6, ...extra };
      const s = makeSchedule('cosine', 25);
      const rng = createRng(21);
      const net = new MlpDenoiser(c, s, rng.fork());
      net.setWeights((await net.getWeights()).map((w) => Float32Array.from(w, () => 0.4 * rng.normal())));
      const init = await net.getWeights();
      const x0 = Float64Array.from({ length: 2 * 40 }, () => rng.normal());
      const lr = 0.02;
      const steps = 25;
      const opt = new Adam(net.weights, lr);
      const start = tf.memory().numTensors;
      const drawsA = createRng(5);
      const got: number[] = [];
      for (let k = 0; k < steps; k++) got.push(await net.trainStep(opt, x0, drawsA));
      expect(tf.memory().numTensors).toBe(start);
      const want = referenceTrajectory(c, s, init, x0, createRng(5), steps, lr);
      // the run must move (a loss that stays put would pass trivially)
      expect(Math.abs(want[steps - 1] - want[0])).toBeGreaterThan(0.05 * want[0]);
      got.forEach((l, k) => expect(Math.abs(l - want[k])).toBeLessThan(2e-5 * want[k]));
      opt.dispose();
      net.dispose();
    });
});
