/**
 * Chapter 8's 28×28 pixel-space model (public/weights/ddm/digits28.safetensors): the file decodes
 * to the architecture its metadata names, the tfjs network reproduces the forward pass of the
 * PyTorch engine that trained it (skipped where no Python with torch exists; CI has none), and its
 * samples are closer to real digits than draws from the Gaussian it starts from.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDigitsSession, ddmDigitsParams } from '../../../src/core/diffusion/ddmDigitsDemo';
import { decodePixelModel, encodePixelModel, loadPixelDigits, PIXEL_DIM, PIXEL_WEIGHTS_PATH } from '../../../src/core/diffusion/pixelDigits';
import { resDenoiserShapes } from '../../../src/core/diffusion/resMlpDenoiser';
import { ResMlpDenoiser } from '../../../src/core/diffusion/resMlpDenoiser';
import { ancestralSample } from '../../../src/core/diffusion/sampler';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { decodeMnist, MNIST_ASSET_PATH, mnistImages, mnistSplit } from '../../../src/core/data/mnist';
import { defaultParams } from '../../../src/core/params';
import { createRng } from '../../../src/core/random';
import { medianNearest } from '../../support/medianNearest';
import { useBackend } from '../../support/tf';

const root = path.resolve(import.meta.dirname, '../../..');
const loadAsset = async (p: string) => {
  const b = readFileSync(path.join(root, 'public', p));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
};
const weightsFile = path.join(root, 'public', PIXEL_WEIGHTS_PATH);
const python = process.env.TORCH_REF_PYTHON ?? '/usr/bin/python3';
const hasTorch = spawnSync(python, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0;

beforeAll(async () => {
  await useBackend('wasm');
}, 60_000);

describe('the shipped 28×28 pixel diffusion model', () => {
  it('decodes to the architecture its metadata names, and re-encodes to the same bytes', async () => {
    const bytes = readFileSync(weightsFile);
    const file = decodePixelModel(bytes);
    expect(file.config.dim).toBe(PIXEL_DIM);
    expect(file.tensors.map((t) => t.length)).toEqual(resDenoiserShapes(file.config).map((s) => s.reduce((a, b) => a * b, 1)));
    expect(file.config.gaussianSkip.eigenvectors.length).toBe(PIXEL_DIM * PIXEL_DIM);
    expect(Number(file.meta.steps)).toBeGreaterThan(0);
    // float16 values survive a decode–encode round trip exactly
    const again = decodePixelModel(encodePixelModel(file));
    expect(again.tensors[0]).toEqual(file.tensors[0]);
    expect(again.config.gaussianSkip.eigenvalues).toEqual(file.config.gaussianSkip.eigenvalues);
  });

  it('stores a skip basis orthogonal to within 1e-2 (Frobenius norm of UᵀU − I), as chapter 8 says', () => {
    const U = decodePixelModel(readFileSync(weightsFile)).config.gaussianSkip.eigenvectors;
    const d = PIXEL_DIM;
    const cols = Array.from({ length: d }, (_, k) => Float64Array.from({ length: d }, (_, i) => U[i * d + k]));
    let frob2 = 0;
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += cols[a][i] * cols[b][i];
        const e = dot - (a === b ? 1 : 0);
        frob2 += a === b ? e * e : 2 * e * e;
      }
    }
    // float16 rounding (relative error 2^-11 per entry) leaves ‖UᵀU − I‖_F near 1e-2 at most; a wrong or unrounded-then-corrupted basis gives O(1)
    expect(Math.sqrt(frob2)).toBeLessThan(1e-2);
    expect(frob2).toBeGreaterThan(0);
  });

  it.skipIf(!hasTorch)('the tfjs network reproduces the PyTorch engine’s forward pass on the shipped weights', async () => {
    const file = decodePixelModel(readFileSync(weightsFile));
    const s = makeSchedule(file.meta.schedule as 'cosine', Number(file.meta.T));
    const net = new ResMlpDenoiser(file.config, s, createRng(1));
    net.setWeights(file.tensors);
    const rng = createRng(4);
    const digits = await loadPixelDigits(loadAsset);
    const ts = [1, 37, Math.floor(s.T / 2), s.T];
    const rows = ts.map((t, i) => Array.from(digits.x.subarray(i * PIXEL_DIM, (i + 1) * PIXEL_DIM), (v) => Math.sqrt(s.alphaBar[t]) * v + Math.sqrt(1 - s.alphaBar[t]) * rng.normal()));
    const dir = mkdtempSync(path.join(tmpdir(), 'pixel-fwd-'));
    writeFileSync(path.join(dir, 'in.json'), JSON.stringify({ t: ts, x: rows }));
    const torchOut = JSON.parse(
      execFileSync(python, [path.join(root, 'scripts/weights/ddm_pixels_torch.py'), 'forward', weightsFile, path.join(dir, 'in.json')], {
        env: { ...process.env, OPENBLAS_CORETYPE: 'SkylakeX' },
        maxBuffer: 1 << 26,
      }).toString(),
    ) as number[][];
    for (let i = 0; i < ts.length; i++) {
      const ours = await net.predict(Float64Array.from(rows[i]), ts[i], 1);
      let worst = 0;
      let scale = 0;
      for (let j = 0; j < PIXEL_DIM; j++) {
        worst = Math.max(worst, Math.abs(ours[j] - torchOut[i][j]));
        scale = Math.max(scale, Math.abs(torchOut[i][j]));
      }
      expect(scale).toBeGreaterThan(0.1);
      expect(worst, `t = ${ts[i]}`).toBeLessThan(2e-3 * Math.max(1, scale));
    }
    net.dispose();
  }, 120_000);

  it('samples are closer to real digits than the fitted Gaussian’s draws are (distance to the nearest training digit)', async () => {
    const N = 100;
    const session = await createDigitsSession({ ...defaultParams(ddmDigitsParams), model: '28', pretrained: true }, 1, loadAsset);
    const rng = createRng(7);
    const model = await ancestralSample(session.net.predict, session.net.schedule, N, PIXEL_DIM, rng, { variance: 'beta', clipX0: [-1, 1] });
    session.dispose();
    const file = decodePixelModel(readFileSync(weightsFile));
    const g = file.config.gaussianSkip;
    const gauss = new Float64Array(N * PIXEL_DIM);
    for (let i = 0; i < N; i++) {
      const z = Array.from({ length: PIXEL_DIM }, (_, k) => Math.sqrt(g.eigenvalues[k]) * rng.normal());
      for (let j = 0; j < PIXEL_DIM; j++) {
        let v = g.mean[j];
        for (let k = 0; k < PIXEL_DIM; k++) v += g.eigenvectors[j * PIXEL_DIM + k] * z[k];
        gauss[i * PIXEL_DIM + j] = Math.min(1, Math.max(-1, v));
      }
    }
    const data = await decodeMnist(await loadAsset(MNIST_ASSET_PATH));
    const held = mnistImages(data, mnistSplit(data.count).test).map((p) => 2 * p - 1);
    const train = await loadPixelDigits(loadAsset);
    const nn = (x: ArrayLike<number>) => medianNearest(x, N, train.x, train.n, PIXEL_DIM);
    const [model1, gauss1, held1] = [nn(model.samples), nn(gauss), nn(held.subarray(0, N * PIXEL_DIM))];
    expect(model1).toBeLessThan(gauss1);
    expect(held1).toBeLessThan(model1);
  }, 600_000);
});
