/**
 * The U-Net noise predictor (src/core/diffusion/unetDenoiser.ts) and its weights file: its
 * initialization, the file round trip, and its forward pass against the PyTorch network of
 * scripts/weights/ddm_unet_torch.py on the same weights (skipped where no python3 with torch
 * exists; CI has none): a file of random weights written here, and a file the torch trainer
 * writes after 3 steps (the format the shipped file comes in).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPixelDigits, PIXEL_DIM } from '../../../src/core/diffusion/pixelDigits';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { timeEmbeddings } from '../../../src/core/diffusion/timeEmbedding';
import { UnetDenoiser, unetTensorShapes, type UnetConfig } from '../../../src/core/diffusion/unetDenoiser';
import { decodeUnetModel, encodeUnetModel, unetModelFacts, UNET_WEIGHTS_KIND } from '../../../src/core/diffusion/unetWeights';
import { decodeSafetensors } from '../../../src/core/weights/safetensors';
import { createRng } from '../../../src/core/random';
import { useBackend } from '../../support/tf';
import { randomUnetFile, repoRoot, runUnetTorch, scratchDir, torchPython } from '../../support/unetTorch';

let tf: Awaited<ReturnType<typeof useBackend>>;
beforeAll(async () => {
  tf = await useBackend('wasm');
}, 60_000);

const loadAsset = async (p: string) => {
  const b = readFileSync(path.join(repoRoot, 'public', p));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
};
const small: UnetConfig = { dim: PIXEL_DIM, side: 28, channels: 16, embedDim: 64, hidden: 128, groups: 8 };
// (the torch script fixes embedDim 64 and hidden 128)

/** ε_θ of the tfjs network for rows at their own timesteps. @param x [n*784] @returns [n*784] */
async function tfjsForward(net: UnetDenoiser, x: ArrayLike<number>, ts: number[]): Promise<Float32Array> {
  const n = ts.length;
  const E = net.config.embedDim;
  const out = tf.tidy(() =>
    net.forward(tf.tensor2d(Float32Array.from(x), [n, PIXEL_DIM]), tf.tensor2d(timeEmbeddings(ts, net.schedule.T, E), [n, E])),
  );
  const v = (await out.data()) as Float32Array;
  out.dispose();
  return v;
}

/** Noised training digits x_t at the given timesteps. @returns [n*784] */
async function noisedDigits(ts: number[], T: number, seed: number): Promise<Float32Array> {
  const s = makeSchedule('cosine', T);
  const digits = await loadPixelDigits(loadAsset);
  const rng = createRng(seed);
  const x = new Float32Array(ts.length * PIXEL_DIM);
  ts.forEach((t, i) => {
    for (let j = 0; j < PIXEL_DIM; j++) x[i * PIXEL_DIM + j] = Math.sqrt(s.alphaBar[t]) * digits.x[i * PIXEL_DIM + j] + Math.sqrt(1 - s.alphaBar[t]) * rng.normal();
  });
  return x;
}

/** The torch engine's forward pass on a weights file. @returns [n][784] */
function torchForward(dir: string, file: string, x: Float32Array, ts: number[]): number[][] {
  const inputs = path.join(dir, 'in.json');
  const rows = ts.map((_, i) => Array.from(x.subarray(i * PIXEL_DIM, (i + 1) * PIXEL_DIM)));
  writeFileSync(inputs, JSON.stringify({ t: ts, x: rows }));
  return JSON.parse(runUnetTorch(['forward', file, inputs])) as number[][];
}

/** Largest |ours − torch| over all rows, and the largest |torch|. */
function compare(ours: Float32Array, theirs: number[][]): { worst: number; scale: number } {
  let worst = 0;
  let scale = 0;
  theirs.forEach((row, i) =>
    row.forEach((v, j) => {
      worst = Math.max(worst, Math.abs(ours[i * PIXEL_DIM + j] - v));
      scale = Math.max(scale, Math.abs(v));
    }),
  );
  return { worst, scale };
}

describe('U-Net noise predictor', () => {
  it('starts as the torch trainer does (γ = 1, zero output layer, so ε_θ ≡ 0) and leaks no tensors', async () => {
    const s = makeSchedule('cosine', 50);
    const before = tf.memory().numTensors;
    const net = new UnetDenoiser(small, s, createRng(1));
    const w = await net.getWeights();
    unetTensorShapes(small).forEach(([name, shape], i) => {
      expect(w[i].length, name).toBe(shape.reduce((a, b) => a * b, 1));
      if (name.endsWith('gamma')) expect(w[i].every((v) => v === 1), name).toBe(true);
      else if (name.startsWith('out.') || name.endsWith('bias') || name.endsWith('beta')) expect(w[i].every((v) => v === 0), name).toBe(true);
      if (name.endsWith('conv1.weight')) {
        const lim = Math.sqrt(3 / (9 * shape[2]));
        expect(Math.max(...w[i].map(Math.abs)), name).toBeLessThanOrEqual(lim);
        expect(Math.max(...w[i].map(Math.abs)), name).toBeGreaterThan(0.9 * lim);
      }
    });
    const eps = await net.predict(Float64Array.from({ length: 2 * PIXEL_DIM }, (_, i) => Math.sin(i)), 7, 2);
    expect(eps.every((v) => v === 0)).toBe(true);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('encodes and decodes its weights file (float16 values survive exactly), and rejects a broken one', () => {
    const dir = scratchDir('unet-file-');
    const { file } = randomUnetFile(dir, small, 50, createRng(2));
    const f32 = decodeUnetModel(readFileSync(file));
    const again = decodeUnetModel(encodeUnetModel(f32));
    const twice = decodeUnetModel(encodeUnetModel(again));
    expect(again.config).toEqual(small);
    expect(twice.tensors).toEqual(again.tensors);
    expect(again.tensors[4]).not.toEqual(f32.tensors[4]); // rounded to float16
    expect(unetModelFacts(encodeUnetModel(f32))).toMatchObject({ channels: 16, T: 50, parameters: f32.tensors.reduce((a, t) => a + t.length, 0) });
    const doc = decodeSafetensors(readFileSync(file), UNET_WEIGHTS_KIND);
    expect(() => decodeUnetModel(encodeUnetModel({ ...f32, tensors: f32.tensors.slice(1) }))).toThrow(/tensors/);
    expect(doc.tensors.length).toBe(unetTensorShapes(small).length);
    expect(() => new UnetDenoiser({ ...small, channels: 12 }, makeSchedule('cosine', 10), createRng(1))).toThrow(/groups do not divide/);
  });

  it.skipIf(!torchPython)('reproduces the PyTorch forward pass on random weights (every tensor nonzero)', async () => {
    const T = 200;
    const dir = scratchDir('unet-fwd-');
    const { file } = randomUnetFile(dir, small, T, createRng(3));
    const model = decodeUnetModel(readFileSync(file));
    const net = new UnetDenoiser(model.config, makeSchedule('cosine', T), createRng(1));
    net.setWeights(model.tensors);
    const ts = [1, 37, 100, T];
    const x = await noisedDigits(ts, T, 4);
    const { worst, scale } = compare(await tfjsForward(net, x, ts), torchForward(dir, file, x, ts));
    net.dispose();
    expect(scale).toBeGreaterThan(0.1);
    expect(worst).toBeLessThan(1e-4 * Math.max(1, scale));
  }, 120_000);

  it.skipIf(!torchPython)('reads the file the torch trainer writes, and reproduces its forward pass', async () => {
    const dir = scratchDir('unet-trainer-');
    const digits = await loadPixelDigits(loadAsset);
    const data = path.join(dir, 'train28.f32');
    writeFileSync(data, digits.x.subarray(0, 64 * PIXEL_DIM));
    const out = path.join(dir, 'digits28unet.safetensors');
    const args = ['--data', data, '--out', out, '--ckpt', path.join(dir, 'ckpt.pt'), '--steps', '3', '--save-every', '1'];
    // a high peak rate so that 3 warm-up steps move the zero-initialized output layer visibly
    runUnetTorch([...args, '--channels', '16', '--batch', '8', '--T', '100', '--lr', '5', '--threads', '1']);
    const bytes = readFileSync(out);
    const model = decodeUnetModel(bytes);
    expect(model.config).toMatchObject({ channels: 16, side: 28, groups: 8 });
    expect(decodeSafetensors(bytes, UNET_WEIGHTS_KIND).tensors.map((t) => t.name)).toEqual(unetTensorShapes(model.config).map(([name]) => name));
    expect(unetModelFacts(bytes)).toMatchObject({ steps: 3, initSteps: 0, T: 100, batch: 8, channels: 16 });
    const net = new UnetDenoiser(model.config, makeSchedule('cosine', 100), createRng(1));
    net.setWeights(model.tensors);
    const ts = [1, 50, 100];
    const x = await noisedDigits(ts, 100, 5);
    const { worst, scale } = compare(await tfjsForward(net, x, ts), torchForward(dir, out, x, ts));
    net.dispose();
    expect(scale).toBeGreaterThan(1e-3);
    expect(worst).toBeLessThan(1e-4 * Math.max(scale, 1e-2));
  }, 180_000);
});
