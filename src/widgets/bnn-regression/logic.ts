/** Pure helpers for the bnn-regression widget: the snapshot's shape and the score table's rows. */
export interface BnnScores {
  coverage: number;
  lpd: number;
  functionSd: number;
}

export interface BnnSnapshot {
  step: number;
  box: Float64Array;
  gap: Float64Array;
  grid: Float64Array;
  truth: Float64Array;
  trainX: Float64Array;
  trainY: Float64Array;
  viLower: Float64Array;
  viUpper: Float64Array;
  viMedian: Float64Array;
  curves: Float64Array[];
  mleCurve: Float64Array;
  mleLower: Float64Array;
  mleUpper: Float64Array;
  viNoiseSd: number;
  mleNoiseSd: number;
  priorSds: Float64Array;
  scores: Record<'viGap' | 'viData' | 'mleGap' | 'mleData', BnnScores>;
  family: 'mean-field' | 'linearized';
  widthRatio: number;
  functionSdRatio: number;
  linear: null | {
    mfMean: Float64Array;
    mfVar: Float64Array;
    trainedMean: Float64Array;
    trainedVar: Float64Array;
    /** the linearized family's trained covariance [ww, wb, bb]; null for mean-field */
    trainedCov: Float64Array | null;
    exactCov: Float64Array;
    elboClosedForm: number;
    elboTrained: number;
    mfLower: Float64Array;
    mfUpper: Float64Array;
    exactLower: Float64Array;
    exactUpper: Float64Array;
  };
}

export interface ScoreRow {
  fit: string;
  coverageGap: number;
  coverageData: number;
  lpdGap: number;
  lpdData: number;
  noiseSd: number;
}

export function scoreRows(s: BnnSnapshot): ScoreRow[] {
  return [
    { fit: s.family === 'linearized' ? 'VI (full cov., linearized)' : 'VI (mean-field)', coverageGap: s.scores.viGap.coverage, coverageData: s.scores.viData.coverage, lpdGap: s.scores.viGap.lpd, lpdData: s.scores.viData.lpd, noiseSd: s.viNoiseSd },
    { fit: 'MLE network', coverageGap: s.scores.mleGap.coverage, coverageData: s.scores.mleData.coverage, lpdGap: s.scores.mleGap.lpd, lpdData: s.scores.mleData.lpd, noiseSd: s.mleNoiseSd },
  ];
}

/** A y-range that shows the data and both bands without letting a wild band flatten the picture. */
export function yDomain(s: BnnSnapshot): [number, number] {
  let lo = Math.min(...s.trainY);
  let hi = Math.max(...s.trainY);
  const pad = 0.25 * (hi - lo);
  lo = Math.max(lo - pad, Math.min(lo, ...s.viLower, ...s.mleLower));
  hi = Math.min(hi + pad, Math.max(hi, ...s.viUpper, ...s.mleUpper));
  return [Math.max(lo, -4), Math.min(hi, 4)];
}

export const fmt = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '—');
