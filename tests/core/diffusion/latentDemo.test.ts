/**
 * Latent diffusion ('ddm-latent'): the codes are the shipped VAE's posterior means and the samples
 * its decoder's mean images, each checked against an independent float64 computation from the
 * weights file; the session trains, checkpoints and restores; a network trained from scratch with
 * the widget's settings learns something a Gaussian cannot (its held-out loss falls below the
 * Gaussian predictor's Bayes risk, which is where it starts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createLatentSession, ddmLatentParams, LATENT_SHIPPED_RECIPE, LATENT_SHOWN, type DdmLatentSnapshot } from '../../../src/core/diffusion/latentDemo';
import { loadLatentVae } from '../../../src/core/diffusion/latentCodes';
import { defaultParams } from '../../../src/core/params';
import { createRng } from '../../../src/core/random';
import { loadMnistArrays } from '../../../src/core/vae/data';
import { parameterLayout } from '../../../src/core/vae/model';
import { VAE_WEIGHT_FILES } from '../../../src/core/vae/pretrained';
import { deserializeWeights } from '../../../src/core/vae/serialize';
import { useBackend } from '../../support/tf';
import { diskAsset } from '../vae/fixtures';

let tf: Awaited<ReturnType<typeof useBackend>>;
beforeAll(async () => {
  tf = await useBackend('wasm');
});

/** The VAE's layers from the file, in float64, and plain loops for μ_φ(x) and sigmoid(ℓ_θ(z)). */
async function reference() {
  const file = deserializeWeights(await diskAsset(VAE_WEIGHT_FILES.default));
  const p = Object.fromEntries(parameterLayout(file.shape).map((s) => [s.name, Float64Array.from(file.theta.subarray(s.offset, s.offset + s.size))]));
  const { inputDim: D, hidden: H, latent: L } = file.shape;
  const dense = (x: ArrayLike<number>, W: Float64Array, b: Float64Array, fanIn: number, fanOut: number, relu: boolean) => {
    const out = new Float64Array(fanOut);
    for (let j = 0; j < fanOut; j++) {
      let a = b[j];
      for (let i = 0; i < fanIn; i++) a += x[i] * W[i * fanOut + j];
      out[j] = relu ? Math.max(0, a) : a;
    }
    return out;
  };
  return {
    L,
    mu: (x: ArrayLike<number>) => dense(dense(x, p.W1, p.b1, D, H, true), p.W2, p.b2, H, 2 * L, false).subarray(0, L),
    mean: (z: ArrayLike<number>) => dense(dense(z, p.W3, p.b3, L, H, true), p.W4, p.b4, H, D, false).map((v) => 1 / (1 + Math.exp(-v))),
  };
}

describe('latent diffusion on the VAE codes', () => {
  it('codes are the posterior means μ_φ(x) and samples the decoder mean images, as a float64 reference computes them', async () => {
    const ref = await reference();
    const vae = await loadLatentVae(diskAsset);
    const data = await loadMnistArrays(diskAsset);
    const n = 3;
    const codes = await vae.encodeMeans(data.trainImages.subarray(0, n * 784), n);
    for (let i = 0; i < n; i++) {
      const want = ref.mu(data.trainImages.subarray(i * 784, (i + 1) * 784));
      for (let l = 0; l < ref.L; l++) expect(codes[i * ref.L + l]).toBeCloseTo(want[l], 3);
    }
    const z = Float32Array.from({ length: 2 * ref.L }, (_, k) => Math.sin(k + 1) * 1.5);
    const images = await vae.decodeMeans(z, 2);
    for (let i = 0; i < 2; i++) {
      const want = ref.mean(z.subarray(i * ref.L, (i + 1) * ref.L));
      let worst = 0;
      for (let d = 0; d < 784; d++) worst = Math.max(worst, Math.abs(images[i * 784 + d] - want[d]));
      expect(worst).toBeLessThan(1e-4);
    }
    vae.dispose();
  });

  it('every code coordinate has a mean within 0.2 of 0 and a standard deviation between 0.8 and 1.2 (chapter 8 says near 0 and near 1)', async () => {
    const vae = await loadLatentVae(diskAsset);
    const data = await loadMnistArrays(diskAsset);
    const n = 9000;
    const z = await vae.encodeMeans(data.trainImages, n);
    for (let l = 0; l < vae.latent; l++) {
      let m = 0;
      let v = 0;
      for (let i = 0; i < n; i++) m += z[i * vae.latent + l] / n;
      for (let i = 0; i < n; i++) v += (z[i * vae.latent + l] - m) ** 2 / n;
      // measured: means within ±0.14, standard deviations 0.89 to 1.08
      expect(Math.abs(m)).toBeLessThan(0.2);
      expect(Math.sqrt(v)).toBeGreaterThan(0.8);
      expect(Math.sqrt(v)).toBeLessThan(1.2);
    }
    vae.dispose();
  }, 60_000);


  it('the shipped model loads, and its snapshot holds reconstructions, prior samples and latent samples in [0, 1]', async () => {
    const before = tf.memory().numTensors;
    const s = await createLatentSession({ ...defaultParams(ddmLatentParams), pretrained: true }, 2, diskAsset);
    expect(s.pretrainedSteps).toBeGreaterThan(0);
    // made with the recipe that make-weights pins (not the widget's from-scratch defaults)
    expect(s.pretrainedSteps).toBe(LATENT_SHIPPED_RECIPE.steps);
    expect(s.net.config.width).toBe(LATENT_SHIPPED_RECIPE.width);
    expect(s.net.schedule.T).toBe(LATENT_SHIPPED_RECIPE.T);
    expect(s.codes.n).toBe(9000);
    const snap = (await s.snapshot({ resting: true })) as unknown as DdmLatentSnapshot;
    for (const grid of [snap.reconstructions, snap.prior, snap.samples]) {
      expect(grid.length).toBe(LATENT_SHOWN * 784);
      expect(grid.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    // the decoded samples are not the prior's: different codes give different pictures
    expect(Array.from(snap.samples.subarray(0, 784))).not.toEqual(Array.from(snap.prior.subarray(0, 784)));
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('trains from scratch, checkpoints and restores, and rolls back a corrupted network', async () => {
    const params = { ...defaultParams(ddmLatentParams), pretrained: false, width: 64, batch: 64, steps: 50 };
    const s = await createLatentSession(params, 4, diskAsset);
    for (let k = 0; k < 5; k++) expect(Number.isFinite((await s.step()).loss)).toBe(true);
    const cp = await s.checkpoint();
    const probe = await s.sampleCodes(4, createRng(9));
    s.corrupt();
    expect(Number.isNaN((await s.sampleCodes(4, createRng(9)))[0])).toBe(true);
    s.restore(cp);
    expect(Array.from(await s.sampleCodes(4, createRng(9)))).toEqual(Array.from(probe));
    expect(s.stepsDone).toBe(5);
    s.dispose();
  }, 60_000);

  it('while training runs, a snapshot is reused until 12× its cost has passed; at rest it is fresh', async () => {
    const params = { ...defaultParams(ddmLatentParams), pretrained: false, width: 32, batch: 16, steps: 50 };
    const s = await createLatentSession(params, 6, diskAsset);
    const first = (await s.snapshot({ resting: false })) as unknown as DdmLatentSnapshot;
    await s.step(); // one small step takes far less than 12 reverse chains of 100 steps
    const again = (await s.snapshot({ resting: false })) as unknown as DdmLatentSnapshot;
    expect(again.step).toBe(0);
    expect(again.samples).toBe(first.samples);
    const resting = (await s.snapshot({ resting: true })) as unknown as DdmLatentSnapshot;
    expect(resting.step).toBe(1);
    expect(resting.samples).not.toBe(first.samples);
    s.dispose();
  }, 60_000);

  it('a network trained from scratch at the widget settings beats the Gaussian predictor it starts from, on held-out codes', async () => {
    const params = { ...defaultParams(ddmLatentParams), pretrained: false };
    const steps = params.steps;
    const s = await createLatentSession(params, 5, diskAsset);
    const data = await loadMnistArrays(diskAsset);
    const heldOut = await s.vae.encodeMeans(data.testImages, 1000);
    // paired: the same t and ε for every held-out code before and after training
    const before = await s.net.lossPerPoint(heldOut, 1000, createRng(11));
    while (!s.isDone()) await s.step();
    const after = await s.net.lossPerPoint(heldOut, 1000, createRng(11));
    const diff = Array.from(before, (b, i) => b - after[i]);
    const mean = diff.reduce((a, b) => a + b, 0) / diff.length;
    const se = Math.sqrt(diff.reduce((a, b) => a + (b - mean) ** 2, 0) / (diff.length - 1) / diff.length);
    console.log(`latent DDM from scratch, ${steps} steps: held-out loss falls by ${mean.toFixed(4)} (paired SE ${se.toFixed(4)})`);
    expect(mean).toBeGreaterThan(4 * se);
    s.dispose();
  }, 300_000);
});
