/** The settings of the 2-D diffusion demo ('ddm'), shared by its widgets and the CLI. */
import { DATASET_NAMES } from '../data/toy2d';
import type { ParamTable } from '../params';
import { REVERSE_VARIANCES } from './epsilon';
import { SCHEDULE_KINDS } from './schedule';

export const DDM_DATASETS = [...DATASET_NAMES, 'drawn'] as const;

export const ddmParams = {
  pretrained: {
    kind: 'boolean',
    label: 'Start from the shipped weights (two moons, default T, schedule and width)',
    default: false,
  },
  dataset: {
    kind: 'select',
    label: 'Data',
    options: DDM_DATASETS,
    optionLabels: { moons: 'Two moons', swissroll: 'Swiss roll', rings: 'Rings', blobs: 'Blobs', checkerboard: 'Checkerboard', drawn: 'Drawn points' },
    default: 'moons',
  },
  T: { kind: 'int', label: 'Diffusion steps T', min: 5, max: 1000, default: 100 },
  schedule: {
    kind: 'select',
    label: 'Noise schedule',
    options: SCHEDULE_KINDS,
    optionLabels: { linear: 'Linear β_t', cosine: 'Cosine ᾱ_t' },
    default: 'linear',
  },
  variance: {
    kind: 'select',
    label: 'Reverse variance σ_t²',
    options: REVERSE_VARIANCES,
    optionLabels: { beta: 'β_t', betaTilde: 'β̃_t' },
    default: 'beta',
  },
  width: { kind: 'int', label: 'Hidden units per layer', min: 16, max: 256, step: 16, default: 128 },
  lr: { kind: 'number', label: 'Learning rate', min: 1e-4, max: 1e-2, scale: 'log', default: 2e-3 },
  batch: { kind: 'int', label: 'Batch size', min: 16, max: 1024, step: 16, default: 256 },
  steps: { kind: 'int', label: 'Step budget', min: 100, max: 20000, step: 100, default: 5000 },
} as const satisfies ParamTable;

export type DdmParams = typeof ddmParams;
/** The shipped 2-D model (made by `npm run lab -- make-weights ddm-moons`): two moons at the defaults. */
export const MOONS_WEIGHTS_PATH = 'weights/ddm/moons.safetensors';
/** Settings that change without restarting training. */
export const DDM_LIVE_PARAMS = ['lr', 'variance'] as const;
