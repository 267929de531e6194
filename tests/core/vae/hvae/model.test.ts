import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../../support/tf';
import { createRng } from '../../../../src/core/random';
import { evaluateHvae, hvaeIwae } from '../../../../src/core/vae/hvae/evaluate';
import {
  HVAE_PARAM_NAMES,
  forwardPass,
  hvaeObjective,
  hvaeParamShapes,
  hvaeParameterCount,
  initialHvaeArrays,
  precisionMerge,
  type HvaeArrays,
  type HvaeShape,
  type HvaeWeights,
} from '../../../../src/core/vae/hvae/model';
import { HVAE_SHAPE } from '../../../../src/core/vae/hvae/pretrained';
import { parameterCount } from '../../../../src/core/vae/model';
import { PRETRAINED_SHAPES } from '../../../../src/core/vae/pretrained';
import { digitTerms, objective64, toParams64 } from './reference';

const TINY: HvaeShape = { inputDim: 6, hidden: 5, hidden2: 4, latent1: 3, latent2: 2 };

function tinyArrays(seed: number): HvaeArrays {
  const a = initialHvaeArrays(TINY, createRng(seed));
  // Non-zero biases and larger head weights, so that variances differ from 1 and the merge matters.
  const rng = createRng(seed + 1);
  for (const n of HVAE_PARAM_NAMES) for (let i = 0; i < a[n].length; i++) a[n][i] += 0.3 * rng.normal();
  return a;
}

function upload(a: HvaeArrays, s: HvaeShape): HvaeWeights {
  const shapes = hvaeParamShapes(s);
  const w = {} as HvaeWeights;
  for (const n of HVAE_PARAM_NAMES) w[n] = tf.tensor(a[n], shapes[n]);
  return w;
}

function randomDigits(rng: ReturnType<typeof createRng>, n: number, D: number): Float32Array {
  const x = new Float32Array(n * D);
  for (let i = 0; i < x.length; i++) x[i] = rng.uniform() < 0.3 ? 1 : rng.uniform() * 0.5;
  return x;
}

describe('two-layer VAE: terms and gradient', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('has a parameter count within 10% of the one-layer 784-400-20 VAE', () => {
    const ratio = hvaeParameterCount(HVAE_SHAPE) / parameterCount(PRETRAINED_SHAPES.default);
    expect(ratio).toBeGreaterThan(1);
    expect(ratio).toBeLessThan(1.1);
  });

  it('the ladder merge is Bayes’ rule: the normalized product N(μ̂, σ̂²)·N(μ_p, σ_p²) on a grid has its mean and variance', () => {
    // chapter 7, eq. ladder-merge: a Gaussian prior p(z₁|z₂) updated by one Gaussian observation μ̂ of z₁
    const cases = [
      [0.3, Math.log(0.5), -1.2, Math.log(2)],
      [2, Math.log(4), 1.5, Math.log(0.01)],
      [-0.7, Math.log(0.2), 0.4, Math.log(0.2)],
    ];
    const [muQ, logvarQ] = tf.tidy(() => {
      const col = (j: number) => tf.tensor1d(cases.map((c) => c[j]));
      const m = precisionMerge(col(0), col(1), col(2), col(3));
      return [m.muQ.dataSync(), m.logvarQ.dataSync()];
    });
    cases.forEach(([mh, lh, mp, lp], k) => {
      const lo = Math.min(mh, mp) - 12;
      const hi = Math.max(mh, mp) + 12;
      const cells = 200_000;
      const h = (hi - lo) / cells;
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      for (let c = 0; c < cells; c++) {
        const z = lo + (c + 0.5) * h;
        const w = Math.exp(-((z - mh) ** 2) / (2 * Math.exp(lh)) - ((z - mp) ** 2) / (2 * Math.exp(lp)));
        z0 += w;
        z1 += w * z;
        z2 += w * z * z;
      }
      const mean = z1 / z0;
      expect(muQ[k]).toBeCloseTo(mean, 4);
      expect(Math.exp(logvarQ[k])).toBeCloseTo(z2 / z0 - mean * mean, 4);
    });
  });

  it('reports each layer’s KL equal to its Gaussian closed form, computed independently in float64', () => {
    const arrays = tinyArrays(3);
    const p64 = toParams64(arrays);
    const rng = createRng(5);
    const B = 4;
    const x = randomDigits(rng, B, TINY.inputDim);
    const e1 = Float32Array.from({ length: B * TINY.latent1 }, () => rng.normal());
    const e2 = Float32Array.from({ length: B * TINY.latent2 }, () => rng.normal());
    const w = upload(arrays, TINY);
    const [recon, kl1, kl2] = tf.tidy(() => {
      const f = forwardPass(w, tf.tensor2d(x, [B, 6]), tf.tensor2d(e1, [B, 3]), tf.tensor2d(e2, [B, 2]), TINY);
      return [f.recon.dataSync(), f.kl1.dataSync(), f.kl2.dataSync()];
    });
    for (let b = 0; b < B; b++) {
      const r = digitTerms(p64, TINY, x.subarray(b * 6, b * 6 + 6), e1.subarray(b * 3, b * 3 + 3), e2.subarray(b * 2, b * 2 + 2));
      expect(recon[b]).toBeCloseTo(r.recon, 3);
      r.kl1.forEach((v, d) => expect(kl1[b * 3 + d]).toBeCloseTo(v, 4));
      r.kl2.forEach((v, d) => expect(kl2[b * 2 + d]).toBeCloseTo(v, 4));
      // Both KLs must be doing work here (a zero KL would pass trivially).
      expect(r.kl1.reduce((a, c) => a + c, 0)).toBeGreaterThan(0.05);
      expect(r.kl2.reduce((a, c) => a + c, 0)).toBeGreaterThan(0.05);
    }
    tf.dispose(Object.values(w));
  });

  it('matches a Monte Carlo estimate of the ELBO and a K-sample bound from independent code', { timeout: 180_000 }, async () => {
    const arrays = tinyArrays(7);
    const p64 = toParams64(arrays);
    const x = randomDigits(createRng(9), 2, TINY.inputDim);
    const w = upload(arrays, TINY);
    // evaluateHvae: KLs in closed form given a sampled z₂. Reference: plain log-weights, nothing closed-form.
    // S copies of each digit, one draw each (one batched pass instead of S small ones).
    const S = 2000;
    const tiled = new Float32Array(2 * S * 6);
    for (let k = 0; k < 2 * S; k++) tiled.set(x.subarray((k % 2) * 6, (k % 2) * 6 + 6), k * 6);
    const evTiled = await evaluateHvae(w, TINY, tiled, createRng(11));
    const elboOf = [0, 0];
    for (let k = 0; k < 2 * S; k++) elboOf[k % 2] += evTiled.perDigit[k] / S;
    const ev = { perDigit: elboOf };
    const rng = createRng(13);
    for (let i = 0; i < 2; i++) {
      let m = 0;
      let m2 = 0;
      for (let k = 0; k < S; k++) {
        const lw = digitTerms(p64, TINY, x.subarray(i * 6, i * 6 + 6), [rng.normal(), rng.normal(), rng.normal()], [rng.normal(), rng.normal()]).logWeight;
        m += lw / S;
        m2 += (lw * lw) / S;
      }
      const se = Math.sqrt((m2 - m * m) / S);
      expect(Math.abs(ev.perDigit[i] - m)).toBeLessThan(4 * se + 1e-3);
    }
    // IWAE with K = 64: one tf (float32) estimate against the distribution of float64 log-mean-exps of
    // independent draws (their mean and spread); the bound's mean is above the ELBO.
    const iw = await hvaeIwae(w, TINY, x, 64, createRng(17));
    for (let i = 0; i < 2; i++) {
      const reps = 100;
      let acc = 0;
      let acc2 = 0;
      for (let r = 0; r < reps; r++) {
        const lws = Array.from({ length: 64 }, () => digitTerms(p64, TINY, x.subarray(i * 6, i * 6 + 6), [rng.normal(), rng.normal(), rng.normal()], [rng.normal(), rng.normal()]).logWeight);
        const mx = Math.max(...lws);
        const lk = mx + Math.log(lws.reduce((a, v) => a + Math.exp(v - mx), 0) / 64);
        acc += lk / reps;
        acc2 += (lk * lk) / reps;
      }
      const sd = Math.sqrt(acc2 - acc * acc);
      expect(Math.abs(iw.perDigit[i] - acc)).toBeLessThan(4 * sd + 1e-3);
      expect(acc).toBeGreaterThan(ev.perDigit[i]);
    }
    tf.dispose(Object.values(w));
  });

  it('computes the free-bits objective as its definition: recon − β Σ_layers Σ_d max(λ, batch-mean KL_d)', () => {
    const arrays = tinyArrays(41);
    const p64 = toParams64(arrays);
    const rng = createRng(43);
    const B = 6;
    const x = randomDigits(rng, B, 6);
    const e1 = Float32Array.from({ length: B * 3 }, () => rng.normal());
    const e2 = Float32Array.from({ length: B * 2 }, () => rng.normal());
    // Batch-mean KL per dimension, from the float64 reference; λ between the smallest and the largest,
    // so that the floor binds on some dimensions and not on others.
    let recon = 0;
    const kls = [new Float64Array(3), new Float64Array(2)];
    for (let b = 0; b < B; b++) {
      const t = digitTerms(p64, TINY, x.subarray(b * 6, b * 6 + 6), e1.subarray(b * 3, b * 3 + 3), e2.subarray(b * 2, b * 2 + 2));
      recon += t.recon / B;
      t.kl1.forEach((v, d) => (kls[0][d] += v / B));
      t.kl2.forEach((v, d) => (kls[1][d] += v / B));
    }
    const all = [...kls[0], ...kls[1]].sort((a, b) => a - b);
    const lambda = (all[1] + all[2]) / 2;
    const beta = 0.7;
    const floored = all.filter((k) => k < lambda).length;
    expect(floored).toBe(2);
    const w = upload(arrays, TINY);
    const loss = (l: number) =>
      tf.tidy(() => hvaeObjective(w, tf.tensor2d(x, [B, 6]), tf.tensor2d(e1, [B, 3]), tf.tensor2d(e2, [B, 2]), TINY, { klWeight: beta, freeBits: l }).loss.dataSync()[0]);
    const definition = recon - beta * all.reduce((a, k) => a + Math.max(lambda, k), 0);
    expect(-loss(lambda)).toBeCloseTo(definition, 4);
    expect(-loss(lambda)).toBeCloseTo(objective64(p64, TINY, x, e1, e2, B, beta, lambda), 4);
    // The floor adds exactly β Σ_d max(0, λ − KL_d) to the loss, a visible amount here.
    const lift = beta * all.reduce((a, k) => a + Math.max(0, lambda - k), 0);
    expect(lift).toBeGreaterThan(1e-2);
    expect(loss(lambda) - loss(0)).toBeCloseTo(lift, 4);
    tf.dispose(Object.values(w));
  });

  for (const [beta, lambda] of [
    [1, 0],
    [0.4, 0.3],
  ] as const) {
    it(`has the gradient of central finite differences of the float64 objective (β = ${beta}, λ = ${lambda})`, () => {
      const arrays = tinyArrays(21);
      const rng = createRng(23);
      const B = 3;
      const x = randomDigits(rng, B, 6);
      const e1 = Float32Array.from({ length: B * 3 }, () => rng.normal());
      const e2 = Float32Array.from({ length: B * 2 }, () => rng.normal());
      const shapes = hvaeParamShapes(TINY);
      const tensors = HVAE_PARAM_NAMES.map((n) => tf.tensor(arrays[n], shapes[n]));
      const grads = tf.tidy(() =>
        tf
          .grads((...ps: tf.Tensor[]) => {
            const w = Object.fromEntries(HVAE_PARAM_NAMES.map((n, i) => [n, ps[i]])) as HvaeWeights;
            return hvaeObjective(w, tf.tensor2d(x, [B, 6]), tf.tensor2d(e1, [B, 3]), tf.tensor2d(e2, [B, 2]), TINY, { klWeight: beta, freeBits: lambda }).loss;
          })(tensors)
          .map((g) => g.dataSync()),
      );
      tf.dispose(tensors);
      const p64 = toParams64(arrays);
      const h = 1e-6;
      let checked = 0;
      let maxErr = 0;
      let maxGrad = 0;
      HVAE_PARAM_NAMES.forEach((n, k) => {
        for (let i = 0; i < p64[n].length; i++) {
          const v = p64[n][i];
          p64[n][i] = v + h;
          const up = objective64(p64, TINY, x, e1, e2, B, beta, lambda);
          p64[n][i] = v - h;
          const dn = objective64(p64, TINY, x, e1, e2, B, beta, lambda);
          p64[n][i] = v;
          const fd = -(up - dn) / (2 * h); // gradient of the loss −J
          maxErr = Math.max(maxErr, Math.abs(grads[k][i] - fd) / (Math.abs(fd) + 0.05));
          maxGrad = Math.max(maxGrad, Math.abs(fd));
          checked++;
        }
      });
      expect(checked).toBe(hvaeParameterCount(TINY));
      expect(maxGrad).toBeGreaterThan(0.1);
      expect(maxErr).toBeLessThan(2e-3);
    });
  }
});
