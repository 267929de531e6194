/**
 * Demo 'vae-iwae': the importance-weighted bounds L_K, K = 1 … 500, of a pretrained VAE on
 * held-out digits, accumulated a few digits per step. Each digit gets 500 draws from q_φ; L_K
 * for K < 500 averages the ⌊500/K⌋ disjoint groups of those draws.
 */
import { defineDemo, type Plain } from '../demo';
import type { ParamTable } from '../params';
import { createRng } from '../random';
import { loadPretrained } from './loadPretrained';
import { disposeWeights } from './model';
import { boundFromLogWeights, importanceLogWeights } from './iwae';

export const IWAE_KS = [1, 2, 5, 10, 20, 50, 100, 200, 500];
const DIGITS_PER_STEP = 8;

export const iwaeParams = {
  model: {
    kind: 'select',
    label: 'Model',
    options: ['default', 'latent2'] as const,
    optionLabels: { default: '784-400-20', latent2: '784-400-2' },
    default: 'default',
  },
  digits: { kind: 'int', label: 'Test digits', min: 8, max: 1000, step: 8, default: 200 },
} satisfies ParamTable;

export default defineDemo({
  id: 'vae-iwae',
  title: 'Importance-weighted bounds L_K on held-out digits',
  params: iwaeParams,
  usesTf: true,
  threads: true,
  defaultSteps: Math.ceil(200 / DIGITS_PER_STEP),
  async create(ctx) {
    if (!ctx.loadAsset) throw new Error('vae-iwae needs an asset loader');
    const { weights, shape, data } = await loadPretrained(ctx.loadAsset, ctx.params.model === 'latent2' ? 'latent2' : 'default');
    const D = shape.inputDim;
    const target = Math.min(ctx.params.digits, data.testLabels.length);
    const Kmax = IWAE_KS[IWAE_KS.length - 1];
    let done = 0;
    let sum = new Float64Array(IWAE_KS.length);
    let sumSq = new Float64Array(IWAE_KS.length);
    /** Σ (L_K − L_1)² per K: the paired spread, far smaller than the spread between digits */
    let gainSq = new Float64Array(IWAE_KS.length);
    const metrics = () => {
      const n = Math.max(1, done);
      return { digits: done, L1: sum[0] / n, L500: sum[sum.length - 1] / n, gain: (sum[sum.length - 1] - sum[0]) / n };
    };
    return {
      async step() {
        if (done >= target) return metrics();
        const n = Math.min(DIGITS_PER_STEP, target - done);
        const images = data.testImages.subarray(done * D, (done + n) * D);
        const logw = await importanceLogWeights(weights, shape, images, Kmax, createRng(ctx.seed * 1009 + done));
        const l1 = boundFromLogWeights(logw, n, Kmax, 1);
        IWAE_KS.forEach((k, j) => {
          boundFromLogWeights(logw, n, Kmax, k).forEach((v, i) => {
            sum[j] += v;
            sumSq[j] += v * v;
            gainSq[j] += (v - l1[i]) ** 2;
          });
        });
        done += n;
        return metrics();
      },
      snapshot() {
        const n = Math.max(1, done);
        const mean = sum.map((s) => s / n);
        const se = sumSq.map((s, j) => Math.sqrt(Math.max(0, s / n - mean[j] ** 2) / n));
        const gain = mean.map((m) => m - mean[0]);
        const gainSe = gainSq.map((s, j) => Math.sqrt(Math.max(0, s / n - gain[j] ** 2) / n));
        return { ks: Float64Array.from(IWAE_KS), mean, se, gain, gainSe, digits: done, target } as Plain;
      },
      checkpoint: () => ({ done, sum: sum.slice(), sumSq: sumSq.slice(), gainSq: gainSq.slice() }),
      restore(c) {
        const cp = c as { done: number; sum: Float64Array; sumSq: Float64Array; gainSq: Float64Array };
        done = cp.done;
        sum = cp.sum.slice();
        sumSq = cp.sumSq.slice();
        gainSq = cp.gainSq.slice();
      },
      isDone: () => done >= target,
      corrupt() {
        sum.fill(NaN);
      },
      dispose: () => disposeWeights(weights),
    };
  },
});
