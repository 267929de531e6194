/**
 * The 'hvae' demo's settings: the shipped model's shape and optimizer, opened on its weights. Warm-up
 * defaults to 0 (the shipped weights were trained with 10 epochs of it), so that training from scratch
 * first shows the model without the fix, as chapter 7 asks the reader to compare.
 */
import type { ParamTable } from '../../params';

export const hvaeParams = {
  start: {
    kind: 'select',
    label: 'Start from',
    options: ['scratch', 'pretrained'] as const,
    optionLabels: { scratch: 'random weights', pretrained: 'pretrained weights' },
    default: 'pretrained',
    help: 'Pretrained weights exist for the 784-400-100 / 20-10 model (30 epochs, warm-up over 10).',
  },
  hidden: { kind: 'int', label: 'Hidden units H', min: 16, max: 800, step: 16, default: 400 },
  hidden2: { kind: 'int', label: 'Top hidden units H₂', min: 8, max: 400, step: 4, default: 100 },
  latent1: { kind: 'int', label: 'Lower latent L₁', min: 2, max: 32, default: 20 },
  latent2: { kind: 'int', label: 'Top latent L₂', min: 1, max: 32, default: 10 },
  lr: { kind: 'number', label: 'Learning rate', min: 1e-4, max: 1e-1, default: 1e-3, scale: 'log', help: 'Adam step size.' },
  batch: { kind: 'int', label: 'Batch size', min: 16, max: 512, step: 16, default: 128 },
  epochs: { kind: 'int', label: 'Epochs', min: 1, max: 100, default: 30 },
  warmupEpochs: {
    kind: 'int',
    label: 'Warm-up (epochs)',
    min: 0,
    max: 30,
    default: 0,
    help: 'β, the weight of both KL terms, rises linearly from 0 to 1 over this many epochs; 0 = no warm-up.',
  },
  freeBits: {
    kind: 'number',
    label: 'Free bits λ',
    min: 0,
    max: 2,
    step: 0.05,
    default: 0,
    unit: 'nats/dim',
    help: 'Per-dimension floor on each layer’s batch KL: a dimension below λ is not pushed further toward its prior.',
  },
  trainSize: { kind: 'int', label: 'Training digits', min: 500, max: 9000, step: 500, default: 9000 },
} satisfies ParamTable;
