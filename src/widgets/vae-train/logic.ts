/** Shapes of the 'vae' demo's snapshot and small pure helpers shared by the VAE widgets. */
import type { HistoryPoint } from '../frame';

export interface EpochRecordView {
  epoch: number;
  trainElbo: number;
  testElbo: number;
  testRecon: number;
  testKl: number;
}

export interface VaeSnapshotView {
  note: string;
  side: number;
  step: number;
  totalSteps: number;
  stepsPerEpoch: number;
  epoch: number;
  latent: number;
  originals: Float32Array;
  reconstructions: Float32Array;
  samples: Float32Array;
  klPerDim: Float64Array;
  meanVariance: Float64Array;
  activeUnits: number;
  test: { elbo: number; recon: number; kl: number };
  history: EpochRecordView[];
  means?: Float32Array;
  labels?: Uint8Array;
  manifold?: Float32Array;
  manifoldSize?: number;
  manifoldExtent?: number;
  decoder?: { latent: number; hidden: number; inputDim: number; W3: Float32Array; b3: Float32Array; W4: Float32Array; b4: Float32Array };
  weights?: Uint8Array;
}

/** Per-epoch records as chart history (x = epoch). */
export function epochHistory(records: readonly EpochRecordView[]): HistoryPoint[] {
  return records.map((r) => ({
    step: r.epoch,
    metrics: { trainElbo: r.trainElbo, testElbo: r.testElbo, testRecon: r.testRecon, testKl: r.testKl },
  }));
}

/** Originals on the first row, reconstructions on the second. @returns [2n, D] */
export function pairRows(originals: Float32Array, reconstructions: Float32Array): Float32Array {
  const out = new Float32Array(originals.length + reconstructions.length);
  out.set(originals, 0);
  out.set(reconstructions, originals.length);
  return out;
}

export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
