/** Pure computations of the ddm-forward widget: the closed-form forward marginal applied to fixed noise. */
import { makeSchedule, type ScheduleKind, SCHEDULE_KINDS, logSnrCurve } from '../../core/diffusion/schedule';
import { DATASET_LABELS, DATASET_NAMES } from '../../core/data/toy2d';
import type { ParamTable } from '../../core/params';
import type { HistoryPoint } from '../frame';

/** The widget's settings (in the URL); `npm run lab -- ddm-forward` takes the same. */
export const forwardParams = {
  dataset: { kind: 'select', label: 'Data', options: DATASET_NAMES, optionLabels: DATASET_LABELS, default: 'moons' },
  schedule: { kind: 'select', label: 'Noise schedule', options: SCHEDULE_KINDS, default: 'linear' },
  T: { kind: 'int', label: 'Diffusion steps T', min: 10, max: 1000, default: 100 },
  t: { kind: 'int', label: 'Timestep t', min: 0, max: 1000, default: 0 },
} as const satisfies ParamTable;

/**
 * x_t = √ᾱ_t x_0 + √(1−ᾱ_t) ε with one fixed ε per coordinate, so moving the t slider shows one
 * consistent draw from q(x_t | x_0) for each point. @param x0 [m] @param eps [m]
 */
export function noisedAt(x0: ArrayLike<number>, eps: ArrayLike<number>, alphaBar: number): Float32Array {
  const a = Math.sqrt(alphaBar);
  const b = Math.sqrt(1 - alphaBar);
  const out = new Float32Array(x0.length);
  for (let i = 0; i < x0.length; i++) out[i] = a * x0[i] + b * eps[i];
  return out;
}

/** log SNR(t) of every schedule at this T, as chart history (step = t). */
export function snrHistory(T: number): HistoryPoint[] {
  const curves = Object.fromEntries(SCHEDULE_KINDS.map((k) => [k, logSnrCurve(makeSchedule(k as ScheduleKind, T))]));
  const out: HistoryPoint[] = [];
  for (let t = 1; t <= T; t++) {
    const metrics: Record<string, number> = {};
    for (const k of SCHEDULE_KINDS) metrics[k] = curves[k][t - 1];
    out.push({ step: t, metrics });
  }
  return out;
}
