/** Helpers for the vi-2d-fit widget: the demo's snapshot and log-density grids turned into contour inputs. */
export interface Vi2dSnapshot {
  box: Float64Array;
  gridSize: number;
  logP: Float32Array;
  logQ: Float32Array;
  samples: Float32Array;
  elbo: number;
  logZ: number | null;
  step: number;
}

/** Contour levels as fractions of the peak density. */
export const DENSITY_LEVELS = [0.03, 0.15, 0.4, 0.7] as const;

/** exp(log f − max log f): a density scaled to peak 1, safe for any constant in log f. */
export function relativeDensity(logValues: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logValues.length; i++) if (logValues[i] > max) max = logValues[i];
  const out = new Float32Array(logValues.length);
  if (!Number.isFinite(max)) return out;
  for (let i = 0; i < logValues.length; i++) out[i] = Math.exp(logValues[i] - max);
  return out;
}

/** Splits interleaved (x, y) pairs, dropping draws outside the box so they do not stretch the plot. */
export function samplesInBox(samples: ArrayLike<number>, box: ArrayLike<number>): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i + 1 < samples.length; i += 2) {
    const a = samples[i];
    const b = samples[i + 1];
    if (a >= box[0] && a <= box[1] && b >= box[2] && b <= box[3]) {
      x.push(a);
      y.push(b);
    }
  }
  return { x, y };
}
