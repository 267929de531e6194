import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../../../src/core/math/adam';
import { transposeWithOnes } from '../../../src/core/math/dense';
import { MlpDenoiser } from '../../../src/core/diffusion/mlpDenoiser';
import { createRng } from '../../../src/core/random';
import { elboGradient } from '../../../src/core/vae/gradient';
import { initialParameters, weightsFromFlat, disposeWeights, type VaeShape } from '../../../src/core/vae/model';
import { ddmSampleMatmulShapes, ddmStepMatmulShapes, hvaeStepMatmulShapes, matmulFlops, resStepMatmulShapes, vaeStepMatmulShapes, type MatmulShape } from '../../../scripts/bench/matmulShapes';
import { ResMlpDenoiser } from '../../../src/core/diffusion/resMlpDenoiser';
import { makeSchedule } from '../../../src/core/diffusion/schedule';
import { HVAE_PARAM_NAMES, hvaeObjective, hvaeParamShapes, initialHvaeArrays, type HvaeShape, type HvaeWeights } from '../../../src/core/vae/hvae/model';
import { useBackend } from '../../support/tf';

/** [m, k, n] of every 2-D matMul kernel the function runs (plain or fused), read from tf.profile. */
async function profiledProducts(f: () => unknown): Promise<MatmulShape[]> {
  const info = await tf.profile(f as () => tf.Tensor);
  return info.kernels
    .filter((k) => k.name === 'BatchMatMul' || k.name === '_FusedMatMul')
    .map((k) => {
      const [a, b] = k.inputShapes as number[][];
      // tfjs reshapes 2-D operands to rank 3 with a batch of 1 before the kernel
      const [m, ka] = a.slice(-2);
      const [kb, n] = b.slice(-2);
      expect(ka).toBe(kb);
      return [m, ka, n] as MatmulShape;
    });
}

const sorted = (s: MatmulShape[]) => s.map((x) => x.join('x')).sort();

describe('step matMul shapes', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('lists exactly the products of one VAE gradient (the bias gradients within the weight gradients\' products)', async () => {
    const s: VaeShape = { inputDim: 12, hidden: 7, latent: 3, decoder: 'bernoulli', decoderStd: 0.1 };
    const B = 5;
    const w = weightsFromFlat(initialParameters(s, createRng(1)), s);
    const x = tf.randomUniform([B, s.inputDim], 0, 1, 'float32', 2) as tf.Tensor2D;
    const eps = tf.randomNormal([B, s.latent], 0, 1, 'float32', 3) as tf.Tensor2D;
    const products = await profiledProducts(() => tf.tidy(() => {
      const g = elboGradient(w, x, transposeWithOnes(x), eps, s, { klWeight: 1, freeBits: 0 });
      return tf.addN([tf.sum(g.grads[0]), g.recon]);
    }));
    // no [1, B]·[B, n] column sums left
    expect(sorted(products)).toEqual(sorted(vaeStepMatmulShapes(B, s.inputDim, s.hidden, s.latent)));
    disposeWeights(w);
    tf.dispose([x, eps]);
  });

  it('lists exactly the products of one DDM training step and of one reverse step', async () => {
    const cfg = { dim: 2, width: 6, depth: 3, embedDim: 4 };
    const B = 9;
    const net = new MlpDenoiser(cfg, makeSchedule('linear', 10), createRng(4));
    const opt = new Adam(net.weights, 1e-3);
    const x0 = Float64Array.from({ length: B * cfg.dim }, (_, i) => Math.sin(i));
    const train = await profiledProducts(() => net.trainStep(opt, x0, createRng(5)));
    // the bias gradients come within the weight gradients' products: no [1, B]·[B, n] column sums
    expect(sorted(train)).toEqual(sorted(ddmStepMatmulShapes(B, cfg.width, cfg.depth, cfg.dim + cfg.embedDim, cfg.dim)));
    const n = 11;
    const sample = await profiledProducts(() => net.predict(new Float64Array(n * cfg.dim), 3, n));
    expect(sorted(sample)).toEqual(sorted(ddmSampleMatmulShapes(n, cfg.width, cfg.depth, cfg.dim + cfg.embedDim, cfg.dim)));
    net.dispose();
    opt.dispose();
  });

  it('lists exactly the products of one training step of the 28×28 residual denoiser (with its Gaussian skip)', async () => {
    const d = 4;
    const skip = { mean: [0, 0.1, 0, 0], eigenvalues: [1, 0.5, 0.2, 0.1], eigenvectors: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] };
    const cfg = { dim: d, width: 6, blocks: 2, embedDim: 2, gaussianSkip: skip };
    const B = 5;
    const net = new ResMlpDenoiser(cfg, makeSchedule('cosine', 10), createRng(1));
    const opt = new Adam(net.weights, 1e-3);
    const x0 = Float64Array.from({ length: B * d }, (_, i) => Math.sin(i));
    const train = await profiledProducts(() => net.trainStep(opt, x0, createRng(5)));
    // the bias gradients (b_in, b1 and b2 of each block, b_out) come within the weight gradients' products
    expect(sorted(train)).toEqual(sorted(resStepMatmulShapes(B, cfg.width, cfg.blocks, d, cfg.embedDim)));
    net.dispose();
    opt.dispose();
  });

  it('lists exactly the products of one two-layer VAE gradient (besides the [1, B] bias-gradient column sums)', async () => {
    const s: HvaeShape = { inputDim: 12, hidden: 7, hidden2: 6, latent1: 3, latent2: 2 };
    const B = 5;
    const arrays = initialHvaeArrays(s, createRng(1));
    const shapes = hvaeParamShapes(s);
    const vars = HVAE_PARAM_NAMES.map((n) => tf.tensor(arrays[n], shapes[n]));
    const x = tf.randomUniform([B, s.inputDim], 0, 1, 'float32', 2) as tf.Tensor2D;
    const e1 = tf.randomNormal([B, s.latent1], 0, 1, 'float32', 3) as tf.Tensor2D;
    const e2 = tf.randomNormal([B, s.latent2], 0, 1, 'float32', 4) as tf.Tensor2D;
    const products = await profiledProducts(() =>
      tf.tidy(() => {
        const grads = tf.grads((...ps: tf.Tensor[]) => {
          const w = Object.fromEntries(HVAE_PARAM_NAMES.map((n, i) => [n, ps[i]])) as HvaeWeights;
          return hvaeObjective(w, x, e1, e2, s, { klWeight: 1, freeBits: 0 }).loss;
        })(vars);
        return tf.addN(grads.map((g) => tf.sum(g)));
      }),
    );
    expect(products.filter(([m]) => m === 1)).toHaveLength(8);
    expect(sorted(products.filter(([m]) => m !== 1))).toEqual(sorted(hvaeStepMatmulShapes(B, s.inputDim, s.hidden, s.hidden2, s.latent1, s.latent2)));
    tf.dispose([...vars, x, e1, e2]);
  });

  it('counts 2mkn floating-point operations per product', () => {
    expect(matmulFlops([[2, 3, 4]])).toBe(48);
    expect(matmulFlops([[2, 3, 4], [1, 1, 1]])).toBe(50);
    expect(matmulFlops([])).toBe(0);
    // The default VAE step by hand: five products of size B·D·H (two layers touching x or ℓ, each
    // forward, weight gradient, and one back-propagated), three of B·H·2L and three of B·L·H; each
    // of the four weight gradients has one more row (its bias's): B·H, B·2L, B·H and B·D more.
    const [B, D, H, L] = [128, 784, 400, 20];
    expect(matmulFlops(vaeStepMatmulShapes(B, D, H, L))).toBe(2 * (5 * B * D * H + 3 * B * H * 2 * L + 3 * B * L * H + B * (H + 2 * L + H + D)));
  });
});
