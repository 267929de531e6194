/** Settings of the 'em-gmm' demo and widget (one table drives controls, URL state and the CLI). */
import { DATASET_LABELS, DATASET_NAMES } from '../data/toy2d';
import type { ParamTable } from '../params';

export const emGmmParams = {
  dataset: { kind: 'select', label: 'Dataset', options: DATASET_NAMES, optionLabels: DATASET_LABELS, default: 'blobs' },
  n: { kind: 'int', label: 'Points n', min: 20, max: 2000, step: 10, default: 400 },
  k: { kind: 'int', label: 'Components k', min: 1, max: 10, default: 3 },
  noise: { kind: 'number', label: 'Noise', min: 0, max: 1, step: 0.01, default: 0.5 },
  guard: {
    kind: 'boolean',
    label: 'Re-seed collapsing components',
    help: 'Off: watch a component collapse onto a point (the likelihood is unbounded).',
    default: true,
  },
  halfSteps: { kind: 'boolean', label: 'Step E and M separately', default: false },
  restarts: { kind: 'int', label: 'Restarts', min: 1, max: 8, default: 1 },
  maxSteps: { kind: 'int', label: 'Steps per restart', min: 5, max: 2000, default: 300 },
  tol: { kind: 'number', label: 'Tolerance on Δℓ/n', min: 1e-10, max: 1e-2, scale: 'log', default: 1e-6 },
} satisfies ParamTable;

/** Applied in place by setParams; any other change restarts the run. */
export const EM_GMM_LIVE_PARAMS = ['guard', 'halfSteps', 'tol', 'maxSteps'] as const;
