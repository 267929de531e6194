/**
 * The digit sample sets the yardstick (src/core/metrics/yardstick.ts) scores in chapters 7 and 8,
 * each n×784 intensities in [0, 1], drawn from one seed:
 *   training     real digits: n of the 9,000 training digits (a seeded choice); the yardstick's
 *                reference is the 1,000 held-out digits, so this row is what real digits score
 *   gaussian     N(m, S) fitted to the training digits' pixels (ML moments), clipped to [0, 1]
 *   vae-prior    the shipped VAE's samples: z ~ N(0, I), decoded to mean images
 *   code-gaussian  z ~ N(m_z, S_z) fitted to the training digits' codes, decoded
 *   latent       latent diffusion: z from the shipped code model's reverse chain, decoded
 *   pixel14      the shipped 14×14 pixel-space model, each pixel repeated 2×2 to 28×28
 *   pixel28      the shipped 28×28 pixel-space model (residual MLP)
 *   pixel14-ddim, pixel28-ddim   the same two models sampled by DDIM with η = 0 on
 *                YARDSTICK_DDIM_STEPS of their T steps (./ddim.ts) instead of the ancestral chain
 *   unet         the shipped 28×28 U-Net by its ancestral chain over all T steps (./unetSampleSets.ts)
 *   unet-ddim    the shipped 28×28 U-Net by DDIM with η = 0 on UNET_DDIM_STEPS steps (./unetSampleSets.ts)
 * drawPixelModelSamples draws from any of the demo's shipped pixel models (the U-Net included).
 */
import * as tf from '@tensorflow/tfjs-core';
import { cholesky } from '../math/linalg';
import { defaultParams } from '../params';
import { createRng, permutation, type Rng } from '../random';
import { loadMnistArrays, type AssetLoader } from '../vae/data';
import { createDigitsSession, ddmDigitsParams } from './ddmDigitsDemo';
import type { DigitModel } from './digitModels';
import { DIGIT_SIDE, toIntensities } from './digits';
import { createLatentSession, ddmLatentParams } from './latentDemo';
import { ddimSample } from './ddim';
import { ancestralSample } from './sampler';
import { drawUnetSet, type UnetEngine } from './unetSampleSets';
import { YARDSTICK_DDIM_STEPS, type SampleSetName } from './yardstickNumbers';

export { SAMPLE_SETS, type SampleSetName } from './yardstickNumbers';

const D = 784;

/** n draws of the named set. @returns [n*784] in [0, 1] */
export async function drawSampleSet(
  name: SampleSetName,
  n: number,
  seed: number,
  loadAsset: AssetLoader,
  /** evaluates the U-Net's ε_θ for the unet sets (default: the tfjs network) */
  unetEngine?: () => Promise<UnetEngine> | UnetEngine,
): Promise<Float32Array> {
  const rng = createRng(seed);
  switch (name) {
    case 'unet':
      return drawUnetSet('ancestral', n, seed, loadAsset, unetEngine);
    case 'unet-ddim':
      return drawUnetSet('ddim', n, seed, loadAsset, unetEngine);
    case 'training': {
      const { trainImages } = await loadMnistArrays(loadAsset);
      const total = trainImages.length / D;
      if (n > total) throw new Error(`Only ${total} training digits; asked for ${n}`);
      const out = new Float32Array(n * D);
      permutation(rng, total).slice(0, n).forEach((j, i) => out.set(trainImages.subarray(j * D, (j + 1) * D), i * D));
      return out;
    }
    case 'gaussian': {
      const { trainImages } = await loadMnistArrays(loadAsset);
      return clip01(await gaussianDraws(trainImages, trainImages.length / D, D, n, rng));
    }
    case 'vae-prior':
    case 'code-gaussian':
    case 'latent': {
      const session = await createLatentSession({ ...defaultParams(ddmLatentParams), pretrained: true }, seed, loadAsset);
      try {
        if (name === 'vae-prior') return await session.vae.priorSamples(n, rng);
        if (name === 'latent') return await session.sampleDigits(n, rng);
        const z = await gaussianDraws(session.codes.z, session.codes.n, session.latent, n, rng);
        return await session.vae.decodeMeans(z, n);
      } finally {
        session.dispose();
      }
    }
    case 'pixel14':
    case 'pixel28':
    case 'pixel14-ddim':
    case 'pixel28-ddim':
      return drawPixelModelSamples(name.startsWith('pixel14') ? '14' : '28', name.endsWith('-ddim') ? 'ddim' : 'ancestral', n, seed, loadAsset, rng);
  }
}

/**
 * n digits from a shipped pixel-space model of the 'ddm-digits' demo, by its ancestral chain
 * (σ_t² the demo's default variance) or by DDIM with η = 0 on YARDSTICK_DDIM_STEPS of its T steps
 * (the pixel*-ddim rows); the chain's last mean x̂_0, clipped to [−1, 1], as intensities; the 14×14
 * model's pixels repeated 2×2. @param rng the draws (a fresh createRng(seed) unless given; the U-Net draws
 * per chain from seed, ./unetSampleSets.ts) @returns [n*784] in [0, 1]
 */
export async function drawPixelModelSamples(
  model: DigitModel,
  sampler: 'ancestral' | 'ddim',
  n: number,
  seed: number,
  loadAsset: AssetLoader,
  rng: Rng = createRng(seed),
): Promise<Float32Array> {
  // the U-Net's chains draw from per-chain streams, so these are the yardstick rows' samples whatever n
  if (model === 'unet') return drawUnetSet(sampler, n, seed, loadAsset);
  const session = await createDigitsSession({ ...defaultParams(ddmDigitsParams), model, pretrained: true }, seed, loadAsset);
  try {
    const { predict, schedule, config } = session.net;
    const samples =
      sampler === 'ddim'
        ? await ddimSample(predict, schedule, n, config.dim, rng, { eta: 0, steps: YARDSTICK_DDIM_STEPS, clipX0: [-1, 1] })
        : (await ancestralSample(predict, schedule, n, config.dim, rng, { variance: session.params.variance, clipX0: [-1, 1] })).samples;
    const x = toIntensities(samples);
    return model === '14' ? upsample2(x, n) : x;
  } finally {
    session.dispose();
  }
}

/**
 * n draws from N(m, S + δI), m and S the ML moments of x [rows*d]; δ = 1e−4 makes S positive
 * definite where pixels never vary (the border). @returns [n*d]
 */
export async function gaussianDraws(x: Float32Array, rows: number, d: number, n: number, rng: Rng): Promise<Float64Array> {
  const m = new Float64Array(d);
  for (let i = 0; i < rows; i++) for (let k = 0; k < d; k++) m[k] += x[i * d + k] / rows;
  // S = XcᵀXc / rows on the device (9,000 × 784² multiply-adds are slow in plain JavaScript), with an
  // explicit transpose: wasm's transposed matMul took 105 s here against 8 s for transpose + product
  const cov = tf.tidy(() => {
    const xc = tf.sub(tf.tensor2d(x, [rows, d]), tf.tensor1d(Float32Array.from(m)));
    return tf.div(tf.matMul(tf.transpose(xc), xc), rows);
  });
  const S = Float64Array.from(await cov.data());
  cov.dispose();
  for (let k = 0; k < d; k++) S[k * d + k] += 1e-4;
  const L = cholesky(S, d);
  if (!L) throw new Error('gaussianDraws: the covariance is not positive definite');
  const out = new Float64Array(n * d);
  const e = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) e[k] = rng.normal();
    for (let r = 0; r < d; r++) {
      let v = m[r];
      for (let c = 0; c <= r; c++) v += L[r * d + c] * e[c];
      out[i * d + r] = v;
    }
  }
  return out;
}

function clip01(x: ArrayLike<number>): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.min(1, Math.max(0, x[i]));
  return out;
}

/** 14×14 → 28×28 by repeating each pixel 2×2 (the inverse of the 2×2 average pooling the model was trained on). */
export function upsample2(x: Float32Array, n: number): Float32Array {
  const s = DIGIT_SIDE;
  const out = new Float32Array(n * D);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) out[i * D + r * 28 + c] = x[i * s * s + (r >> 1) * s + (c >> 1)];
  return out;
}
