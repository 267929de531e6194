import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import { createRng } from '../../../src/core/random';
import { gaussianKl, logLikelihood, logStandardNormal, meanKlFromEncoded, parameterCount, parameterLayout, softplus } from '../../../src/core/vae/model';

describe('VAE model pieces', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('closed-form KL(N(μ,σ²) ‖ N(0,1)) agrees with a Monte Carlo estimate of E_q[log q − log p]', async () => {
    const cases = [
      [0, 0],
      [1.5, -1],
      [-0.7, 0.8],
      [2, -3],
    ];
    const rng = createRng(5);
    const n = 200_000;
    for (const [mu, logvar] of cases) {
      const closed = (await gaussianKl(tf.scalar(mu), tf.scalar(logvar)).data())[0];
      const sd = Math.exp(0.5 * logvar);
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const e = rng.normal();
        const z = mu + sd * e;
        // log q(z) − log p(z) = −½ε² − ½ log σ² + ½ z²
        const v = -0.5 * e * e - 0.5 * logvar + 0.5 * z * z;
        sum += v;
        sumSq += v * v;
      }
      const mean = sum / n;
      const se = Math.sqrt((sumSq / n - mean * mean) / n);
      expect(Math.abs(closed - mean)).toBeLessThan(4 * se + 1e-6);
    }
  });

  it('meanKlFromEncoded (host, float64) is the batch mean of gaussianKl summed over dimensions', async () => {
    const rng = createRng(8);
    const [B, L] = [5, 3];
    const e = Float32Array.from({ length: B * 2 * L }, () => rng.normal());
    const onDevice = tf.tidy(() => {
      const [mu, logvar] = tf.split(tf.tensor2d(e, [B, 2 * L]), 2, 1);
      return tf.mean(tf.sum(gaussianKl(mu, logvar), 1));
    });
    const want = (await onDevice.data())[0];
    onDevice.dispose();
    expect(want).toBeGreaterThan(0.1);
    expect(Math.abs(meanKlFromEncoded(e, L) - want)).toBeLessThan(1e-6 * want);
  });

  it('Bernoulli log-likelihood equals Σ x log p + (1−x) log(1−p) with p = sigmoid(ℓ)', async () => {
    const logits = [-2, 0.3, 4];
    const x = [0, 0.5, 1];
    const s = { inputDim: 3, hidden: 1, latent: 1, decoder: 'bernoulli' as const, decoderStd: 0.1 };
    const got = (await logLikelihood(tf.tensor2d([logits]), tf.tensor2d([x]), s).data())[0];
    let want = 0;
    for (let i = 0; i < 3; i++) {
      const p = 1 / (1 + Math.exp(-logits[i]));
      want += x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p);
    }
    expect(got).toBeCloseTo(want, 5);
  });

  it('softplus is log(1 + eˡ) without overflow or underflow at extreme logits', async () => {
    const l = [-100, -30, -3, 0, 0.5, 3, 30, 100];
    const got = await softplus(tf.tensor1d(l)).data();
    l.forEach((v, i) => {
      const want = v > 30 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
      expect(Math.abs(got[i] - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
    });
    expect(got[0]).toBeGreaterThanOrEqual(0);
  });

  it('Gaussian log-likelihood and the prior density match their formulas', async () => {
    const s = { inputDim: 2, hidden: 1, latent: 1, decoder: 'gaussian' as const, decoderStd: 0.3 };
    const got = (await logLikelihood(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.2, 0.9]]), s).data())[0];
    const m = [0.5, 1 / (1 + Math.exp(-1))];
    const want = [0.2, 0.9].reduce((a, xi, i) => a - 0.5 * ((xi - m[i]) / 0.3) ** 2 - Math.log(0.3) - 0.5 * Math.log(2 * Math.PI), 0);
    expect(got).toBeCloseTo(want, 4);
    const lp = (await logStandardNormal(tf.tensor2d([[1, -2]])).data())[0];
    expect(lp).toBeCloseTo(-0.5 * 5 - Math.log(2 * Math.PI), 5);
  });

  it('the flat layout tiles the parameter vector without gaps (784-400-20 has 652,824 parameters)', () => {
    const s = { inputDim: 784, hidden: 400, latent: 20, decoder: 'bernoulli' as const, decoderStd: 0.1 };
    const layout = parameterLayout(s);
    for (let i = 1; i < layout.length; i++) expect(layout[i].offset).toBe(layout[i - 1].offset + layout[i - 1].size);
    expect(parameterCount(s)).toBe(784 * 400 + 400 + 400 * 40 + 40 + 20 * 400 + 400 + 400 * 784 + 784);
  });
});
