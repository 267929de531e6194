/**
 * The long-run memory table: one row per tfjs demo session (and per variant worth its own
 * row), with settings small enough for wasm in Node. tests/core/registryLeaks.test.ts runs each
 * row for `steps` steps (at least an epoch or 1,000 steps, as the row's note says), with
 * snapshots (resting and not), a checkpoint/restore and a corrupt/restore along the way, and
 * asserts tf.memory() is flat and returns to the baseline on dispose.
 *
 * Adding a tfjs demo to src/core/registry.ts? Add a row here: the test fails for any demo with
 * `usesTf: true` that has none, and checks that every `usesTf: false` demo runs no tfjs kernel.
 */
import type { AnyParamValues } from '../../src/core/params';

export interface LeakRow {
  /** the registry id */
  demo: string;
  /** a label when one demo has several rows */
  variant?: string;
  /** overrides of the demo's defaults */
  params: AnyParamValues;
  steps: number;
  /** why `steps` is long enough (an epoch, 1,000 steps, every digit …) */
  note: string;
  /** needs MNIST or shipped weights from public/ */
  assets?: boolean;
  /** how many steps to take before measuring (lazy allocations: optimizer moments, caches) */
  warmup?: number;
}

const FAMILIES = ['mean-field', 'full-rank', 'flow'] as const;

export const LEAK_TABLE: LeakRow[] = [
  {
    demo: 'vae',
    params: { start: 'scratch', hidden: 16, latent: 2, batch: 32, trainSize: 500, epochs: 3 },
    steps: 40,
    note: '16 steps per epoch (500 digits / 32): 2.5 epochs, two held-out evaluations at epoch ends',
    assets: true,
  },
  {
    demo: 'vae',
    variant: 'pretrained',
    params: { start: 'pretrained', hidden: 400, latent: 2, batch: 16, trainSize: 500, epochs: 2 },
    steps: 40,
    note: 'the shipped 784-400-2 weights: 32 steps per epoch, past one epoch end',
    assets: true,
  },
  {
    demo: 'hvae',
    params: { start: 'scratch', hidden: 32, hidden2: 16, latent1: 4, latent2: 2, batch: 32, trainSize: 500, epochs: 3, warmupEpochs: 1, freeBits: 0.1 },
    steps: 40,
    note: '15 steps per epoch (500 digits / 32): 2.7 epochs, two held-out evaluations at epoch ends, warm-up and free bits on',
    assets: true,
  },
  {
    demo: 'vae-iwae',
    params: { model: 'latent2', digits: 16 },
    steps: 1000,
    note: 'every digit (8 per step), then 1,000 steps at rest once done',
    assets: true,
  },
  {
    demo: 'vae-gaps',
    params: { digits: 2, sviSteps: 50 },
    steps: 1000,
    note: 'every digit (one per step: grid, quadrature, 50 SVI steps), then at rest once done',
    assets: true,
  },
  {
    demo: 'ddm',
    params: { T: 20, width: 16, batch: 32, steps: 1000 },
    steps: 1000,
    note: '1,000 optimizer steps (the whole budget)',
  },
  {
    demo: 'ddm',
    variant: 'pretrained',
    params: { pretrained: true, batch: 32, steps: 200 },
    steps: 200,
    note: 'the shipped two-moons denoiser (width 128, T = 100): 200 fine-tuning steps and its sampler',
    assets: true,
  },
  {
    demo: 'ddm-latent',
    params: { pretrained: false, T: 20, width: 32, batch: 16, steps: 1000 },
    steps: 1000,
    note: '1,000 optimizer steps from scratch on the VAE codes (the VAE encodes and decodes on the device)',
    assets: true,
  },
  {
    demo: 'ddm-latent',
    variant: 'pretrained',
    params: { pretrained: true, batch: 16, steps: 200 },
    steps: 200,
    note: 'the shipped code model (width 256, T = 100): 200 fine-tuning steps, prior and latent samples decoded',
    assets: true,
  },
  {
    demo: 'ddm-digits',
    variant: '14×14',
    params: { model: '14', pretrained: false, T: 20, width: 64, batch: 8, steps: 1000 },
    steps: 1000,
    note: '1,000 optimizer steps from scratch',
    assets: true,
  },
  {
    demo: 'ddm-digits',
    variant: '14×14 pretrained',
    params: { model: '14', pretrained: true, batch: 8, steps: 200 },
    steps: 200,
    note: 'the shipped 14×14 denoiser (width 256): 200 fine-tuning steps and its digit sampler',
    assets: true,
  },
  {
    demo: 'ddm-digits',
    variant: '28×28',
    params: { model: '28', pretrained: false, T: 20, width: 64, batch: 8, steps: 200 },
    steps: 200,
    note: '200 optimizer steps of the residual MLP from scratch',
    assets: true,
  },
  {
    demo: 'ddm-digits',
    variant: '28×28 pretrained',
    params: { model: '28', pretrained: true, batch: 8, steps: 20 },
    steps: 20,
    note: 'the shipped 28×28 residual MLP: 20 fine-tuning steps and its digit sampler',
    assets: true,
  },
  {
    demo: 'ddm-digits',
    variant: '28×28 U-Net',
    params: { model: 'unet', pretrained: false, T: 10, batch: 2, steps: 6 },
    steps: 6,
    warmup: 1,
    note: 'the U-Net from scratch (a batch-64 step takes seconds on wasm): 6 Adam steps and its digit sampler over T = 10',
    assets: true,
  },
  ...FAMILIES.map(
    (family): LeakRow => ({
      demo: 'vi-2d-fit',
      variant: family,
      params: { family, target: 'banana', layers: 2, hidden: 4, samples: 16 },
      steps: 1000,
      note: '1,000 Adam steps',
    }),
  ),
  {
    demo: 'amortization-gap',
    params: { n: 20 },
    steps: 1000,
    note: '1,000 steps of every encoder width and the per-observation fit',
  },
  {
    demo: 'em-gmm',
    params: { k: 3, restarts: 3, maxSteps: 300 },
    steps: 1000,
    note: '1,000 EM iterations through convergence and the restarts',
  },
  {
    demo: 'bnn-regression',
    params: { model: 'one-layer', hidden: 8, prior: 'estimate', n: 30, steps: 1000 },
    steps: 1000,
    note: '1,000 Adam steps of the variational and the MLE network (full batch), to the step budget; evaluations at rest and while training',
  },
  {
    demo: 'bnn-regression',
    variant: 'full covariance, linearized',
    params: { model: 'one-layer', family: 'linearized', hidden: 8, prior: 'estimate', n: 30, steps: 1000 },
    steps: 1000,
    note: '1,000 Adam steps of the full-covariance linearized family (Jacobian and Cholesky factor each step) and the MLE network; evaluations at rest and while training',
  },
];
