/**
 * `npm run lab -- make-weights ddm-digits [--engine tfjs|torch] [--steps 60000] [--seed 1] [--width 768]
 *   [--blocks 2] [--batch 64] [--lr 5e-4] [--T 200] [--fresh] [--out path]`
 *
 * `--engine torch` (what made the shipped file) trains the same model with PyTorch,
 * scripts/weights/ddm_pixels_torch.py, on the same training digits (written here to
 * .tmp/train28.f32 by ./torchEngine.ts): one core runs its step ~5× faster than tfjs's wasm. Its draws come from
 * torch's generator, so the two engines give different (equally valid) weights.
 *
 * Makes chapter 8's pixel-space digit model, public/weights/ddm/digits28.safetensors: the
 * residual MLP of src/core/diffusion/resMlpDenoiser.ts on 28×28 digits, on top of the Gaussian
 * skip (fitted here, rounded to float16, shipped in the file). Adam with a linear warm-up of the
 * learning rate over WARMUP steps, an exponential moving average of the weights (./denoiserRun.ts's
 * loop), the average written as float16 every SAVE_EVERY steps.
 *
 * Runs for hours; checkpoints (weights, average, Adam moments) to .tmp/ddm-digits28.ckpt.safetensors
 * every CKPT_EVERY steps and resumes from it unless --fresh. Every draw of step k comes from an
 * Rng seeded by (seed, k), so a resumed run makes the same draws as an uninterrupted one; its
 * weights agree to float rounding (Adam.state() and setState() rescale the moments in float32:
 * measured, one float16 ulp in a few weights after 200 steps).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Adam } from '../../../src/core/math/adam';
import { encodePixelModel, loadPixelDigits, PIXEL_DIM, PIXEL_WEIGHTS_PATH, roundSkipToF16 } from '../../../src/core/diffusion/pixelDigits';
import { ResMlpDenoiser, resDenoiserShapes } from '../../../src/core/diffusion/resMlpDenoiser';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { createRng } from '../../../src/core/random';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { GaussianSkip } from '../../../src/core/diffusion/denoiser';
import { covariance, mean } from '../../../src/core/math/stats';
import { useBackend } from '../../../tests/support/tf';
import { nodeAssetLoader } from '../run';
import { EMA_DECAY_PER_STEP, flagReader, trainWithEma } from './denoiserRun';
import { runTorchTrainer } from './torchEngine';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CKPT = path.join(root, '.tmp/ddm-digits28.ckpt.safetensors');
const SAVE_EVERY = 1000;
const CKPT_EVERY = 1000;
const WARMUP = 1000;
const EMBED = 64;

export async function makeDdmPixelWeights(args: readonly string[]): Promise<void> {
  const flag = flagReader(args);
  if (flag('engine', 'tfjs') === 'torch') return trainWithTorch(args);
  const steps = Number(flag('steps', '60000'));
  const seed = Number(flag('seed', '1'));
  const batch = Number(flag('batch', '64'));
  const lr = Number(flag('lr', '5e-4'));
  const T = Number(flag('T', '200'));
  await useBackend('wasm');
  const digits = await loadPixelDigits(nodeAssetLoader(root));
  const t0 = performance.now();
  const gaussianSkip = roundSkipToF16(fitPixelGaussian(digits.x, digits.n));
  console.log(`Gaussian fitted (eigenbasis of the 784 × 784 covariance) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const config = {
    dim: PIXEL_DIM,
    width: Number(flag('width', '768')),
    blocks: Number(flag('blocks', '2')),
    embedDim: EMBED,
    gaussianSkip,
  };
  const schedule = makeSchedule('cosine', T);
  const net = new ResMlpDenoiser(config, schedule, createRng(seed));
  const opt = new Adam(net.weights, lr);
  const sizes = resDenoiserShapes(config).map((s) => s.reduce((a, b) => a * b, 1));
  console.log(`${sizes.reduce((a, b) => a + b, 0)} parameters: width ${config.width}, ${config.blocks} residual blocks, T = ${T}, batch ${batch}`);
  const out = path.resolve(root, flag('out', path.join('public', PIXEL_WEIGHTS_PATH)));
  const meta = (k: number) => ({ side: 28, T, schedule: 'cosine', steps: k, seed, lr, batch, warmup: WARMUP, emaDecayPerStep: EMA_DECAY_PER_STEP, backend: 'wasm' });
  const batchX = new Float32Array(batch * PIXEL_DIM);
  try {
    await trainWithEma({
      net,
      steps,
      out,
      saveEvery: SAVE_EVERY,
      encode: (ema, k) => encodePixelModel({ config, tensors: ema, meta: meta(k) }),
      resume: { file: CKPT, kind: 'ddm-digits28-checkpoint', optimizer: opt, every: CKPT_EVERY, fresh: args.includes('--fresh'), root },
      step: async (k) => {
        const rng = createRng(seed * 1_000_003 + k);
        for (let i = 0; i < batch; i++) {
          const j = rng.int(digits.n);
          batchX.set(digits.x.subarray(j * PIXEL_DIM, (j + 1) * PIXEL_DIM), i * PIXEL_DIM);
        }
        opt.lr = lr * Math.min(1, k / WARMUP);
        const loss = await net.trainStep(opt, batchX, rng);
        if (!Number.isFinite(loss)) throw new Error(`step ${k}: loss ${loss}; resume from the last checkpoint with a smaller --lr`);
        return loss;
      },
    });
  } finally {
    net.dispose();
    opt.dispose();
  }
}

/** `--engine torch`: runs scripts/weights/ddm_pixels_torch.py on the same training digits (./torchEngine.ts). */
async function trainWithTorch(args: readonly string[]): Promise<void> {
  const flag = flagReader(args);
  await runTorchTrainer({
    root,
    script: 'scripts/weights/ddm_pixels_torch.py',
    out: path.resolve(root, flag('out', path.join('public', PIXEL_WEIGHTS_PATH))),
    ckpt: path.join(root, '.tmp/ddm-digits28.ckpt.pt'),
    args,
    pass: ['steps', 'seed', 'width', 'blocks', 'batch', 'lr', 'T'],
  });
}

/** The Gaussian N(m, S) fitted to the rows (ML moments), in eigen form, by ml-matrix's symmetric solver. */
function fitPixelGaussian(x: Float32Array, n: number, d = PIXEL_DIM): GaussianSkip {
  const m = mean(x, n, d);
  const S = covariance(x, n, d, undefined, m);
  const rows = Array.from({ length: d }, (_, i) => Array.from(S.subarray(i * d, (i + 1) * d)));
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const U = evd.eigenvectorMatrix;
  const eigenvectors = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) eigenvectors[i * d + k] = U.get(i, k);
  return { mean: m, eigenvalues: Float64Array.from(evd.realEigenvalues, (v) => Math.max(v, 0)), eigenvectors };
}

