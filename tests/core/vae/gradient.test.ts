import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '../../support/tf';
import { createRng } from '../../../src/core/random';
import { elboGradient, namedGradients, type ObjectiveOptions } from '../../../src/core/vae/gradient';
import { initialParameters, meanKlFromEncoded, parameterLayout, weightsFromFlat, weightsToFlat, type VaeShape } from '../../../src/core/vae/model';

/**
 * An independent float64 forward pass of the objective
 *   J = (1/B) Σ_b log p(x_b|z_b) − β Σ_d max(λ, (1/B) Σ_b KL_bd),  z = μ + σ ε,
 * written with plain loops, differentiated by central finite differences.
 */
function objective64(theta: Float64Array, s: VaeShape, x: number[][], eps: number[][], o: ObjectiveOptions): number {
  const P: Record<string, { off: number; shape: number[] }> = {};
  for (const slot of parameterLayout(s)) P[slot.name] = { off: slot.offset, shape: slot.shape };
  const dense = (inp: number[], W: string, b: string, relu: boolean) => {
    const [nin, nout] = P[W].shape;
    const out: number[] = [];
    for (let j = 0; j < nout; j++) {
      let a = theta[P[b].off + j];
      for (let i = 0; i < nin; i++) a += inp[i] * theta[P[W].off + i * nout + j];
      out.push(relu ? Math.max(0, a) : a);
    }
    return out;
  };
  const B = x.length;
  const L = s.latent;
  let recon = 0;
  const klDim = new Array(L).fill(0);
  for (let b = 0; b < B; b++) {
    const e = dense(dense(x[b], 'W1', 'b1', true), 'W2', 'b2', false);
    const z: number[] = [];
    for (let d = 0; d < L; d++) {
      const mu = e[d];
      const lv = e[L + d];
      z.push(mu + Math.exp(0.5 * lv) * eps[b][d]);
      klDim[d] += (0.5 * (mu * mu + Math.exp(lv) - 1 - lv)) / B;
    }
    const logits = dense(dense(z, 'W3', 'b3', true), 'W4', 'b4', false);
    for (let i = 0; i < logits.length; i++) {
      const l = logits[i];
      if (s.decoder === 'bernoulli') recon += (x[b][i] * l - (Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))))) / B;
      else {
        const m = 1 / (1 + Math.exp(-l));
        const sd = s.decoderStd;
        recon += (-0.5 * ((x[b][i] - m) / sd) ** 2 - Math.log(sd) - 0.5 * Math.log(2 * Math.PI)) / B;
      }
    }
  }
  let kl = 0;
  for (let d = 0; d < L; d++) kl += Math.max(o.freeBits, klDim[d]);
  return recon - o.klWeight * kl;
}

async function compare(s: VaeShape, o: ObjectiveOptions, seed: number) {
  const rng = createRng(seed);
  const B = 4;
  const theta32 = initialParameters(s, rng);
  for (let i = 0; i < theta32.length; i++) theta32[i] += 0.05 * rng.normal(); // non-zero biases
  const x = Array.from({ length: B }, () => Array.from({ length: s.inputDim }, () => rng.uniform()));
  const eps = Array.from({ length: B }, () => Array.from({ length: s.latent }, () => rng.normal()));
  const xT1 = [...Array.from({ length: s.inputDim }, (_, d) => x.map((row) => row[d])), x.map(() => 1)]; // [xᵀ; 1]
  const w = weightsFromFlat(theta32, s);
  const r = elboGradient(w, tf.tensor2d(x), tf.tensor2d(xT1), tf.tensor2d(eps), s, o);
  const analytic = Float64Array.from(await weightsToFlat(namedGradients(r.grads), s));
  const kls = Array.from(await r.klPerDim!.data());
  const theta = Float64Array.from(theta32);
  const h = 1e-6;
  const numeric = new Float64Array(theta.length);
  for (let i = 0; i < theta.length; i++) {
    const keep = theta[i];
    theta[i] = keep + h;
    const up = objective64(theta, s, x, eps, o);
    theta[i] = keep - h;
    const down = objective64(theta, s, x, eps, o);
    theta[i] = keep;
    numeric[i] = -(up - down) / (2 * h); // elboGradient returns ∇(−J)
  }
  let num = 0;
  let den = 0;
  let worst = 0;
  for (let i = 0; i < theta.length; i++) {
    num += (analytic[i] - numeric[i]) ** 2;
    den += numeric[i] ** 2;
    worst = Math.max(worst, Math.abs(analytic[i] - numeric[i]) / (Math.abs(numeric[i]) + 1e-3));
  }
  return { relative: Math.sqrt(num / den), worst, kls };
}

describe('elboGradient (hand-written backpropagation)', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('matches finite differences of an independent float64 objective (Bernoulli decoder, β = 1)', async () => {
    const s: VaeShape = { inputDim: 7, hidden: 5, latent: 3, decoder: 'bernoulli', decoderStd: 0.1 };
    const r = await compare(s, { klWeight: 1, freeBits: 0 }, 11);
    expect(r.relative).toBeLessThan(1e-4);
    expect(r.worst).toBeLessThan(1e-2);
  });

  it('matches with a Gaussian decoder, β = 0.7', async () => {
    const s: VaeShape = { inputDim: 6, hidden: 4, latent: 2, decoder: 'gaussian', decoderStd: 0.5 };
    const r = await compare(s, { klWeight: 0.7, freeBits: 0 }, 12);
    expect(r.relative).toBeLessThan(1e-4);
  });

  it('matches with free bits, where dimensions under the floor get no KL gradient', async () => {
    const s: VaeShape = { inputDim: 6, hidden: 5, latent: 4, decoder: 'bernoulli', decoderStd: 0.1 };
    // λ between the smallest and largest per-dimension KL of this batch (checked below), so both branches run.
    const r = await compare(s, { klWeight: 1, freeBits: 0.3 }, 13);
    expect(Math.min(...r.kls)).toBeLessThan(0.3 - 1e-3);
    expect(Math.max(...r.kls)).toBeGreaterThan(0.3 + 1e-3);
    expect(r.relative).toBeLessThan(1e-4);
  });

  it('klOnHost: the same gradients bit for bit, no KL on the device, and the KL from the encoder output read back', async () => {
    const s: VaeShape = { inputDim: 7, hidden: 5, latent: 3, decoder: 'bernoulli', decoderStd: 0.1 };
    const rng = createRng(14);
    const w = weightsFromFlat(initialParameters(s, rng), s);
    const B = 4;
    const x = tf.tensor2d(Float32Array.from({ length: B * 7 }, () => rng.uniform()), [B, 7]);
    const xT1 = tf.tidy(() => tf.concat([tf.transpose(x), tf.ones([1, B])], 0)) as tf.Tensor2D;
    const eps = tf.tensor2d(Float32Array.from({ length: B * 3 }, () => rng.normal()), [B, 3]);
    const run = async (klOnHost: boolean) => {
      const r = elboGradient(w, x, xT1, eps, s, { klWeight: 1, freeBits: 0, klOnHost });
      return { grads: await Promise.all(r.grads.map((g) => g.data())), kl: r.kl ? (await r.kl.data())[0] : null, encoded: await r.encoded.data() };
    };
    const [device, host] = [await run(false), await run(true)];
    expect(host.kl).toBeNull();
    expect(host.grads.map((g) => Array.from(g))).toEqual(device.grads.map((g) => Array.from(g)));
    expect(Math.abs(meanKlFromEncoded(host.encoded, 3) - device.kl!)).toBeLessThan(1e-6 * device.kl!);
    // free bits need the KL on the device: klOnHost is ignored there
    expect(elboGradient(w, x, xT1, eps, s, { klWeight: 1, freeBits: 0.1, klOnHost: true }).klPerDim).not.toBeNull();
  });

  it('a wrong KL weight is detected (the comparison can fail)', async () => {
    const s: VaeShape = { inputDim: 7, hidden: 5, latent: 3, decoder: 'bernoulli', decoderStd: 0.1 };
    const rng = createRng(11);
    const theta32 = initialParameters(s, rng);
    for (let i = 0; i < theta32.length; i++) theta32[i] += 0.05 * rng.normal();
    const x = [Array.from({ length: 7 }, () => rng.uniform())];
    const eps = [[rng.normal(), rng.normal(), rng.normal()]];
    const xT1 = [...x[0].map((v) => [v]), [1]];
    const w = weightsFromFlat(theta32, s);
    const run = (beta: number) => weightsToFlat(namedGradients(elboGradient(w, tf.tensor2d(x), tf.tensor2d(xT1), tf.tensor2d(eps), s, { klWeight: beta, freeBits: 0 }).grads), s);
    const a = await run(1);
    const b = await run(2);
    const diff = a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
    expect(diff).toBeGreaterThan(1e-3);
  });
});
