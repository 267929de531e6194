/** Helpers for the amortization-gap widget: the demo's snapshot, plot domains and the gap bars. */
export interface AmortizationSnapshot {
  model: string;
  x: Float64Array;
  widths: Float64Array;
  shown: number;
  factorizedMean: Float32Array;
  factorizedLogS: Float32Array;
  amortizedMean: Float32Array;
  curveX: Float64Array;
  curveMean: Float32Array;
  curveLogS: Float32Array;
  reference: Float32Array | null;
  gaps: Float64Array | null;
  approximationGap: number | null;
  step: number;
}

export function widthLabel(w: number): string {
  return w === 0 ? 'affine' : `${w} unit${w === 1 ? '' : 's'}`;
}

/** One bar per encoder width: its amortization gap per observation (negative values clipped to 0 for display). */
export function gapBars(s: AmortizationSnapshot, colors: { shown: string; other: string }): { label: string; value: number; color: string }[] {
  if (!s.gaps) return [];
  return Array.from(s.widths, (w, i) => ({
    label: widthLabel(w),
    value: Math.max(0, s.gaps![i]),
    color: i === s.shown ? colors.shown : colors.other,
  }));
}

/** A [lo, hi] range holding every value of the given arrays, with a 5% margin. */
export function spanOf(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i])) continue;
      lo = Math.min(lo, a[i]);
      hi = Math.max(hi, a[i]);
    }
  }
  if (!Number.isFinite(lo)) return [-1, 1];
  const pad = 0.05 * Math.max(hi - lo, 1e-6);
  return [lo - pad, hi + pad];
}
