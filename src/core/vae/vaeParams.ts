/** The 'vae' demo's settings; the defaults are the chapter's reference model. */
import type { ParamTable } from '../params';

export const vaeParams = {
  start: {
    kind: 'select',
    label: 'Start from',
    options: ['scratch', 'pretrained'] as const,
    optionLabels: { scratch: 'random weights', pretrained: 'pretrained weights' },
    default: 'scratch',
    help: 'Pretrained weights exist for the 784-400-20 and 784-400-2 Bernoulli models.',
  },
  hidden: { kind: 'int', label: 'Hidden units H', min: 16, max: 800, step: 16, default: 400 },
  latent: { kind: 'int', label: 'Latent dimension L', min: 2, max: 32, default: 20 },
  // Up to 1 so that the reader can watch Adam diverge: on the default 784-400-20 model, lr = 1 takes
  // the minibatch ELBO to NaN or -Infinity within 3 to 100 steps (seeds 1-4, wasm), lr = 0.1 stayed finite over 60 steps.
  lr: {
    kind: 'number',
    label: 'Learning rate',
    min: 1e-4,
    max: 1,
    default: 1e-3,
    scale: 'log',
    help: 'Adam step size. Near 0.3 the ELBO swings by orders of magnitude; at 1 the ELBO usually becomes NaN or infinite within a hundred steps and training is rolled back.',
  },
  batch: { kind: 'int', label: 'Batch size', min: 16, max: 512, step: 16, default: 128 },
  epochs: { kind: 'int', label: 'Epochs', min: 1, max: 100, default: 30 },
  klWeight: { kind: 'number', label: 'KL weight β', min: 0, max: 4, step: 0.05, default: 1 },
  annealEpochs: {
    kind: 'int',
    label: 'KL annealing (epochs)',
    min: 0,
    max: 30,
    default: 0,
    help: 'β rises linearly from 0 to its final value over this many epochs; 0 = no annealing.',
  },
  freeBits: {
    kind: 'number',
    label: 'Free bits λ',
    min: 0,
    max: 2,
    step: 0.05,
    default: 0,
    unit: 'nats/dim',
    help: 'Per-dimension KL floor: a dimension whose batch KL is below λ is not pushed further toward the prior.',
  },
  decoder: {
    kind: 'select',
    label: 'Decoder',
    options: ['bernoulli', 'gaussian'] as const,
    optionLabels: { bernoulli: 'Bernoulli (cross-entropy)', gaussian: 'Gaussian (fixed σ)' },
    default: 'bernoulli',
  },
  decoderStd: {
    kind: 'number',
    label: 'Gaussian decoder σ',
    min: 0.02,
    max: 2,
    step: 0.01,
    default: 0.1,
    help: 'Standard deviation of the Gaussian decoder; ignored by the Bernoulli decoder.',
  },
  trainSize: { kind: 'int', label: 'Training digits', min: 500, max: 9000, step: 500, default: 9000 },
} satisfies ParamTable;
