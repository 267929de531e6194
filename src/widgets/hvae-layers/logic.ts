/** Pure helpers of the hvae-layers widget: the snapshot's shape, epoch curves, KL bars. */
import type { HistoryPoint } from '../../runtime/trainerState';
import { ACTIVE_UNIT_THRESHOLD } from '../../core/vae/evaluate';
import type { Bar } from '../plots';

export interface HvaeEpochView {
  epoch: number;
  trainElbo: number;
  testElbo: number;
  testKl1: number;
  testKl2: number;
  active1: number;
  active2: number;
}

export interface HvaeSnapshotView {
  step: number;
  stepsPerEpoch: number;
  totalSteps: number;
  latent1: number;
  latent2: number;
  note: string;
  test: {
    elbo: number;
    recon: number;
    kl1: number;
    kl2: number;
    kl1PerDim: Float64Array;
    kl2PerDim: Float64Array;
    meanVar1: Float64Array;
    meanVar2: Float64Array;
    active1: number;
    active2: number;
  };
  history: HvaeEpochView[];
  holdZ2: Float32Array;
  moveZ2: Float32Array;
  grid: { holdRows: number; holdCols: number; moveRows: number; moveCols: number };
}

export function epochRows(records: readonly HvaeEpochView[]): HistoryPoint[] {
  return records.map((r) => ({ step: r.epoch, metrics: { testElbo: r.testElbo, testKl1: r.testKl1, testKl2: r.testKl2, active1: r.active1, active2: r.active2 } }));
}

/** One bar per latent dimension, z₂'s after z₁'s, coloured by whether the unit is active. */
export function klBars(s: HvaeSnapshotView, active: string, collapsed: string): Bar[] {
  const layer = (kl: Float64Array, v: Float64Array, name: string) =>
    Array.from(kl, (value, d) => ({ label: `${name}.${d + 1}`, value, color: v[d] > ACTIVE_UNIT_THRESHOLD ? active : collapsed }));
  return [...layer(s.test.kl1PerDim, s.test.meanVar1, 'z₁'), ...layer(s.test.kl2PerDim, s.test.meanVar2, 'z₂')];
}
